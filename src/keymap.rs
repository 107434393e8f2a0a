//! The one key table. Keys map to [`Action`]s through [`BINDINGS`], and the help
//! overlay and the footer are generated from the same table, so what they say is
//! always what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;
use crate::i18n::{ActionNames, KeyGroups};

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading: scrolling, tabs, search keys.
    Normal,
    /// Typing a search query.
    Prompt,
    /// The help overlay is open.
    Help,
}

/// A key with its modifiers and the label the help shows for it.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub label: &'static str,
}

const fn key(code: KeyCode, label: &'static str) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
        label,
    }
}

const fn ch(c: char, label: &'static str) -> Key {
    key(KeyCode::Char(c), label)
}

const fn ctrl(c: char, label: &'static str) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
        label,
    }
}

/// The help overlay's groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Scroll,
    Tabs,
    Reviews,
    Search,
    Other,
}

impl Group {
    pub const ALL: [Self; 5] = [
        Self::Scroll,
        Self::Tabs,
        Self::Reviews,
        Self::Search,
        Self::Other,
    ];

    pub fn name(self, groups: &KeyGroups) -> &'static str {
        match self {
            Self::Scroll => groups.scroll,
            Self::Tabs => groups.tabs,
            Self::Reviews => groups.reviews,
            Self::Search => groups.search,
            Self::Other => groups.other,
        }
    }
}

/// Says what a binding does, in the interface language.
pub type Describe = fn(&ActionNames) -> &'static str;

/// Keys that do one thing, in one mode.
#[derive(Debug)]
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub action: Action,
    pub group: Group,
    /// What the help overlay says the keys do.
    pub describe: fn(&ActionNames) -> &'static str,
}

const fn bind(
    mode: Mode,
    keys: &'static [Key],
    action: Action,
    group: Group,
    describe: fn(&ActionNames) -> &'static str,
) -> Binding {
    Binding {
        mode,
        keys,
        action,
        group,
        describe,
    }
}

use Group as G;
use Mode::{Help, Normal, Prompt};

/// Every key layar knows, in the order the help lists them.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Normal, &[key(KeyCode::Down, "↓"), ch('j', "j")], Action::LineDown, G::Scroll, |a| a.line_down),
    bind(Normal, &[key(KeyCode::Up, "↑"), ch('k', "k")], Action::LineUp, G::Scroll, |a| a.line_up),
    bind(Normal, &[key(KeyCode::PageDown, "PgDn"), ch(' ', "Space")], Action::PageDown, G::Scroll, |a| a.page_down),
    bind(Normal, &[key(KeyCode::PageUp, "PgUp"), ch('b', "b")], Action::PageUp, G::Scroll, |a| a.page_up),
    bind(Normal, &[ctrl('d', "Ctrl-d")], Action::HalfPageDown, G::Scroll, |a| a.half_down),
    bind(Normal, &[ctrl('u', "Ctrl-u")], Action::HalfPageUp, G::Scroll, |a| a.half_up),
    bind(Normal, &[key(KeyCode::Home, "Home"), ch('g', "g")], Action::Top, G::Scroll, |a| a.top),
    bind(Normal, &[key(KeyCode::End, "End"), ch('G', "G")], Action::Bottom, G::Scroll, |a| a.bottom),
    bind(Normal, &[key(KeyCode::Right, "→"), ch('l', "l")], Action::NextTab, G::Tabs, |a| a.next_tab),
    bind(Normal, &[key(KeyCode::Left, "←"), ch('h', "h")], Action::PreviousTab, G::Tabs, |a| a.prev_tab),
    bind(Normal, &[key(KeyCode::Tab, "Tab")], Action::CycleTab, G::Tabs, |a| a.cycle_tab),
    bind(Normal, &[key(KeyCode::BackTab, "Shift-Tab")], Action::CycleTabBack, G::Tabs, |a| a.cycle_tab_back),
    bind(Normal, &[ch('1', "1…9")], Action::GotoTab(1), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('2', "")], Action::GotoTab(2), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('3', "")], Action::GotoTab(3), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('4', "")], Action::GotoTab(4), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('5', "")], Action::GotoTab(5), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('6', "")], Action::GotoTab(6), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('7', "")], Action::GotoTab(7), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('8', "")], Action::GotoTab(8), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('9', "")], Action::GotoTab(9), G::Tabs, |a| a.goto_tab),
    bind(Normal, &[ch('r', "r")], Action::ReviewsTab, G::Tabs, |a| a.reviews_tab),
    bind(Normal, &[ch(']', "]")], Action::NextReview, G::Reviews, |a| a.next_review),
    bind(Normal, &[ch('[', "[")], Action::PreviousReview, G::Reviews, |a| a.prev_review),
    bind(Normal, &[key(KeyCode::Enter, "Enter"), ch('o', "o")], Action::OpenImage, G::Reviews, |a| a.open_image),
    bind(Normal, &[ch('s', "s")], Action::SortReviews, G::Reviews, |a| a.sort_reviews),
    bind(Normal, &[ch('f', "f")], Action::FilterReviews, G::Reviews, |a| a.filter_reviews),
    bind(Normal, &[ch('/', "/")], Action::StartSearch, G::Search, |a| a.search),
    bind(Normal, &[ch('n', "n")], Action::NextMatch, G::Search, |a| a.next_match),
    bind(Normal, &[ch('N', "N")], Action::PreviousMatch, G::Search, |a| a.prev_match),
    bind(Prompt, &[key(KeyCode::Enter, "Enter")], Action::ConfirmSearch, G::Search, |a| a.confirm_search),
    bind(Prompt, &[key(KeyCode::Esc, "Esc")], Action::CancelSearch, G::Search, |a| a.cancel_search),
    bind(Prompt, &[key(KeyCode::Backspace, "Backspace")], Action::SearchBackspace, G::Search, |a| a.erase),
    bind(Normal, &[ch('?', "?")], Action::ToggleHelp, G::Other, |a| a.help),
    bind(Help, &[ch('?', "?"), key(KeyCode::Esc, "Esc"), ch('q', "q")], Action::CloseHelp, G::Other, |a| a.close_help),
    bind(Normal, &[key(KeyCode::Esc, "Esc")], Action::Back, G::Other, |a| a.back),
    bind(Normal, &[ch('q', "q"), ctrl('c', "Ctrl-c")], Action::Quit, G::Other, |a| a.quit),
    bind(Normal, &[ch('e', "e")], Action::Edit, G::Other, |a| a.edit),
    bind(Normal, &[ctrl('z', "Ctrl-z")], Action::Suspend, G::Other, |a| a.suspend),
];

/// Ctrl-C quits whatever the mode.
const QUIT_ANYWHERE: Key = ctrl('c', "Ctrl-c");

/// The footer's hints: actions whose first keys are shown, and the short label.
pub static FOOTER: &[(&[Action], Describe)] = &[
    (&[Action::LineUp, Action::LineDown], |a| a.footer_scroll),
    (&[Action::PreviousTab, Action::NextTab], |a| a.footer_tabs),
    (&[Action::ReviewsTab], |a| a.footer_reviews),
    (&[Action::StartSearch], |a| a.footer_search),
    (&[Action::ToggleHelp], |a| a.footer_help),
    (&[Action::Quit], |a| a.footer_quit),
];

fn matches(key: &Key, event: &KeyEvent) -> bool {
    // Shift is part of the character for letters and symbols (`G`, `?`), so it is
    // ignored for characters; Ctrl and Alt must match exactly.
    let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
    let mods_match = match event.code {
        KeyCode::Char(_) => event.modifiers & relevant == key.modifiers & relevant,
        KeyCode::BackTab => true,
        _ => event.modifiers == key.modifiers,
    };
    key.code == event.code && mods_match
}

/// The action a key press means in a mode, if any.
pub fn action_for(mode: Mode, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if matches(&QUIT_ANYWHERE, event) {
        return Some(Action::Quit);
    }
    let lookup = |mode: Mode| {
        BINDINGS
            .iter()
            .filter(|b| b.mode == mode)
            .find(|b| b.keys.iter().any(|k| matches(k, event)))
            .map(|b| b.action.clone())
    };
    let bound = lookup(mode).or_else(|| {
        // The help overlay scrolls with the reading keys.
        let scrolls = |a: &Action| {
            matches!(
                a,
                Action::LineDown
                    | Action::LineUp
                    | Action::PageDown
                    | Action::PageUp
                    | Action::HalfPageDown
                    | Action::HalfPageUp
                    | Action::Top
                    | Action::Bottom
            )
        };
        (mode == Help)
            .then(|| lookup(Normal))
            .flatten()
            .filter(scrolls)
    });
    if bound.is_some() || mode != Prompt {
        return bound;
    }
    match event.code {
        KeyCode::Char(c)
            if !event
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::SearchInput(c))
        }
        _ => None,
    }
}

/// The first key label bound to an action in normal mode: `↓` for a line down.
pub fn first_label(action: &Action) -> Option<&'static str> {
    BINDINGS
        .iter()
        .find(|b| b.action == *action && b.mode != Help)
        .and_then(|b| b.keys.first())
        .map(|k| k.label)
}

/// The footer's hints, in order: (`↑↓`, `scroll`), leaving out those whose actions
/// can do nothing on this page (`available` says which can).
pub fn footer_hints(
    names: &ActionNames,
    available: impl Fn(Action) -> bool,
) -> Vec<(String, &'static str)> {
    FOOTER
        .iter()
        .filter(|(actions, _)| actions.iter().any(|a| available(a.clone())))
        .map(|(actions, name)| {
            let keys: String = actions.iter().filter_map(first_label).collect();
            (keys, name(names))
        })
        .collect()
}

/// The help overlay's rows, grouped: (group, [(keys, description)]). Bindings that
/// share a description (the digits) are shown once.
pub fn help_rows(names: &ActionNames) -> Vec<(Group, Vec<(String, &'static str)>)> {
    Group::ALL
        .iter()
        .map(|&group| {
            let mut rows: Vec<(String, &'static str)> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.group == group) {
                let what = (b.describe)(names);
                let keys: Vec<&str> = b
                    .keys
                    .iter()
                    .map(|k| k.label)
                    .filter(|l| !l.is_empty())
                    .collect();
                match rows.iter_mut().find(|(_, w)| *w == what) {
                    Some((existing, _)) if !keys.is_empty() => {
                        existing.push(' ');
                        existing.push_str(&keys.join(" "));
                    }
                    Some(_) => {}
                    None => rows.push((keys.join(" "), what)),
                }
            }
            (group, rows)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn normal(code: KeyCode) -> Option<Action> {
        action_for(Mode::Normal, &press(code, KeyModifiers::NONE))
    }

    #[test]
    fn the_brief_keys_are_bound() {
        use Action as A;
        use KeyCode as K;
        let cases = [
            (K::Down, A::LineDown),
            (K::Char('j'), A::LineDown),
            (K::Up, A::LineUp),
            (K::Char('k'), A::LineUp),
            (K::PageDown, A::PageDown),
            (K::Char(' '), A::PageDown),
            (K::PageUp, A::PageUp),
            (K::Char('b'), A::PageUp),
            (K::Home, A::Top),
            (K::Char('g'), A::Top),
            (K::End, A::Bottom),
            (K::Char('G'), A::Bottom),
            (K::Right, A::NextTab),
            (K::Char('l'), A::NextTab),
            (K::Left, A::PreviousTab),
            (K::Char('h'), A::PreviousTab),
            (K::Tab, A::CycleTab),
            (K::BackTab, A::CycleTabBack),
            (K::Char('3'), A::GotoTab(3)),
            (K::Char('r'), A::ReviewsTab),
            (K::Char(']'), A::NextReview),
            (K::Char('['), A::PreviousReview),
            (K::Enter, A::OpenImage),
            (K::Char('o'), A::OpenImage),
            (K::Char('s'), A::SortReviews),
            (K::Char('f'), A::FilterReviews),
            (K::Char('/'), A::StartSearch),
            (K::Char('n'), A::NextMatch),
            (K::Char('N'), A::PreviousMatch),
            (K::Char('?'), A::ToggleHelp),
            (K::Char('q'), A::Quit),
            (K::Char('e'), A::Edit),
            (K::Esc, A::Back),
        ];
        for (code, action) in cases {
            assert_eq!(normal(code), Some(action), "{code:?}");
        }
        assert_eq!(normal(KeyCode::Char('x')), None);
    }

    #[test]
    fn control_keys_need_control() {
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            action_for(Mode::Normal, &press(KeyCode::Char('d'), ctrl)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for(Mode::Normal, &press(KeyCode::Char('u'), ctrl)),
            Some(Action::HalfPageUp)
        );
        assert_eq!(normal(KeyCode::Char('d')), None);
        assert_eq!(
            action_for(Mode::Normal, &press(KeyCode::Char('j'), ctrl)),
            None
        );
        // Shift arrives with capitals on some terminals.
        assert_eq!(
            action_for(
                Mode::Normal,
                &press(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(Mode::Normal, &press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::CycleTabBack)
        );
    }

    #[test]
    fn ctrl_c_quits_in_every_mode() {
        for mode in [Mode::Normal, Mode::Prompt, Mode::Help] {
            let e = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
            assert_eq!(action_for(mode, &e), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn the_prompt_takes_text() {
        let p = |code| action_for(Mode::Prompt, &press(code, KeyModifiers::NONE));
        assert_eq!(p(KeyCode::Char('q')), Some(Action::SearchInput('q')));
        assert_eq!(p(KeyCode::Char('n')), Some(Action::SearchInput('n')));
        assert_eq!(p(KeyCode::Enter), Some(Action::ConfirmSearch));
        assert_eq!(p(KeyCode::Esc), Some(Action::CancelSearch));
        assert_eq!(p(KeyCode::Backspace), Some(Action::SearchBackspace));
        assert_eq!(p(KeyCode::Down), None);
    }

    #[test]
    fn help_closes_with_its_keys_only() {
        let h = |code| action_for(Mode::Help, &press(code, KeyModifiers::NONE));
        assert_eq!(h(KeyCode::Esc), Some(Action::CloseHelp));
        assert_eq!(h(KeyCode::Char('?')), Some(Action::CloseHelp));
        assert_eq!(h(KeyCode::Char('q')), Some(Action::CloseHelp));
        assert_eq!(
            h(KeyCode::Char('j')),
            Some(Action::LineDown),
            "help scrolls"
        );
        assert_eq!(h(KeyCode::Char('r')), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut e = press(KeyCode::Down, KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(action_for(Mode::Normal, &e), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.mode != b.mode {
                    continue;
                }
                for ka in a.keys {
                    for kb in b.keys {
                        assert!(
                            !(ka.code == kb.code && ka.modifiers == kb.modifiers),
                            "{:?} bound to {:?} and {:?}",
                            ka.code,
                            a.action,
                            b.action
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn footer_and_help_come_from_the_table() {
        let hints = footer_hints(&EN.actions, |_| true);
        let fewer = footer_hints(&EN.actions, |a| a != Action::ReviewsTab);
        assert_eq!(fewer.len() + 1, hints.len());
        assert_eq!(hints[0], ("↑↓".to_string(), "scroll"));
        assert_eq!(hints[1], ("←→".to_string(), "tabs"));
        assert!(hints.iter().any(|h| h == &("/".to_string(), "search")));
        let rows = help_rows(&ID.actions);
        let tabs = &rows
            .iter()
            .find(|(g, _)| *g == Group::Tabs)
            .expect("tabs group")
            .1;
        assert!(
            tabs.contains(&("1…9".to_string(), "ke tab ke-n")),
            "{tabs:?}"
        );
        let scroll = &rows[0].1;
        assert_eq!(scroll[0], ("↓ j".to_string(), "turun satu baris"));
        let other = &rows
            .iter()
            .find(|(g, _)| *g == Group::Other)
            .expect("other")
            .1;
        assert!(other.iter().any(|(k, _)| k == "q Ctrl-c"), "{other:?}");
    }
}
