//! The viewer's state and [`App::update`], the only place it changes. Each tab owns
//! a `Pane` (its scroll position); the app holds the selected tab, the mode, the
//! search and the screen size, and delegates the rest.

pub(crate) mod notice;
pub(crate) mod pane;
mod pictures;
#[cfg(test)]
mod proptests;
pub mod reload;
mod resume;
pub mod review_view;
pub mod search;

use std::time::Duration;

use ratatui::layout::Rect;

use crate::action::{Action, NoEditor};
use crate::i18n::Strings;
use crate::keymap::Mode;
use crate::layout::{Doc, Section};
use crate::loader::LoadError;
use crate::model::{Page, Review, Spot};
use crate::picture::cache::{Mode as PictureMode, Pictures};
use crate::screen;
use crate::screen::help::HelpLayout;
use crate::screen::tabs::{Label, placement};
use crate::text::wrap::Fit;
use notice::Notice;
use pane::Pane;
use review_view::ReviewView;
use search::{Search, Start};

/// How long one step of counting search hits may take, so typing stays fluid on a
/// huge page: the first hit and its neighbourhood are found at once, the rest counted
/// in slices between keystrokes.
pub const SEARCH_SLICE: Duration = Duration::from_millis(8);

/// The longest query the prompt takes, in characters: more than anyone types, and a
/// bound on what each keystroke costs whatever is pasted.
pub(crate) const MAX_QUERY_CHARS: usize = 1_000;

/// Everything the viewer shows, and nothing it doesn't need.
#[derive(Debug)]
pub struct App<'a> {
    page: &'a Page,
    strings: &'static Strings,
    /// One pane per section the page has, in page order.
    panes: Vec<Pane<'a>>,
    selected: Section,
    mode: Mode,
    search: Search,
    /// The reviews' order and filter: the app's, so they outlive a resize or a reload.
    review_view: ReviewView,
    /// What the search prompt is editing.
    prompt: String,
    /// Its length in characters.
    prompt_chars: usize,
    /// Whether the last edit was cut at [`MAX_QUERY_CHARS`].
    prompt_cut: bool,
    /// Where the reader was when the prompt opened, to go back on Esc.
    before_search: Option<(Section, pane::Anchor)>,
    /// Where the text on screen started then: the query's first hit is the first at
    /// or after it.
    search_start: Start,
    /// The footer's note, until the next key.
    notice: Option<Notice>,
    size: Rect,
    /// Lines the help overlay is scrolled by.
    help_scroll: usize,
    /// The screenshots' pictures.
    pictures: Pictures,
    /// Whether the page's file is followed (`--watch`): the footer says so.
    watching: bool,
    /// The problems of the last save, when it broke the page shown.
    broken: Option<LoadError>,
    quit: bool,
}

impl<'a> App<'a> {
    pub fn new(page: &'a Page, strings: &'static Strings) -> Self {
        let panes = Section::present(page)
            .into_iter()
            .map(|s| Pane::new(Doc::new(page, s, strings).with_head()))
            .collect();
        Self {
            page,
            strings,
            panes,
            selected: Section::Synopsis,
            mode: Mode::Normal,
            search: Search::default(),
            review_view: ReviewView::default(),
            prompt: String::new(),
            prompt_chars: 0,
            prompt_cut: false,
            before_search: None,
            search_start: Start::default(),
            notice: None,
            size: Rect::default(),
            help_scroll: 0,
            pictures: Pictures::new(PictureMode::Off),
            watching: false,
            broken: None,
            quit: false,
        }
    }

    /// The app saying in its footer that the page's file is followed (`--watch`).
    #[must_use]
    pub fn watching(mut self, watching: bool) -> Self {
        self.watching = watching;
        self
    }

    pub(crate) fn is_watching(&self) -> bool {
        self.watching
    }

    /// The app on the head of a big page ([`crate::loader::head`]), whose reviews are
    /// still being read: the reviews tab says so, and counts none.
    #[must_use]
    pub fn reading(mut self) -> Self {
        if let Some(i) = self.index_of(Section::Reviews) {
            let doc = Doc::new(self.page, Section::Reviews, self.strings).with_reading(true);
            self.panes[i].set_doc(doc);
        }
        self
    }

    /// Whether the page shown is a head whose reviews are still being read: its
    /// reviews tab says so.
    pub fn is_reading(&self) -> bool {
        self.index_of(Section::Reviews)
            .is_some_and(|i| self.panes[i].doc().is_reading())
    }

    /// The problems of the last save, when it broke the page: the page shown is the
    /// last that loaded.
    pub fn broken(&self) -> Option<&LoadError> {
        self.broken.as_ref()
    }

    /// The part of the page at the top of the selected tab: where `e` opens the editor.
    pub fn top_spot(&self) -> Spot {
        self.pane().top_spot()
    }

    /// The app with the screenshots shown as `pictures` say (text cards unless set).
    #[must_use]
    pub fn with_pictures(mut self, pictures: Pictures) -> Self {
        self.pictures = pictures;
        self.fit_pictures();
        self
    }

    pub fn pictures(&self) -> &Pictures {
        &self.pictures
    }

    /// Whether pictures are being made: the event loop collects them between keys
    /// ([`Action::CollectPictures`]).
    pub fn awaits_pictures(&self) -> bool {
        self.pictures.is_making()
    }

    /// The app with its panes filling lines by `fit` (first fit unless set).
    #[must_use]
    pub(crate) fn with_fit(mut self, fit: Fit) -> Self {
        for pane in &mut self.panes {
            pane.set_fit(fit);
        }
        self
    }

    pub(crate) fn page(&self) -> &'a Page {
        self.page
    }

    pub fn strings(&self) -> &'static Strings {
        self.strings
    }

    pub(crate) fn mode(&self) -> Mode {
        self.mode
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The query being typed, while the prompt is open.
    pub(crate) fn prompt(&self) -> Option<&str> {
        (self.mode == Mode::Prompt).then_some(self.prompt.as_str())
    }

    /// Whether the prompt refused part of the last thing typed or pasted, being full
    /// ([`MAX_QUERY_CHARS`]).
    pub(crate) fn prompt_is_cut(&self) -> bool {
        self.mode == Mode::Prompt && self.prompt_cut
    }

    /// The footer's note, if any.
    pub(crate) fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub(crate) fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub(crate) fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn size(&self) -> Rect {
        self.size
    }

    /// The tabs, in order.
    pub fn sections(&self) -> impl Iterator<Item = Section> + '_ {
        self.panes.iter().map(|p| p.doc().section)
    }

    pub(crate) fn selected(&self) -> Section {
        self.selected
    }

    pub(crate) fn review_view(&self) -> &ReviewView {
        &self.review_view
    }

    /// The tabs' labels: each section's heading, count (shown and in all) and hits.
    pub(crate) fn tab_labels(&self) -> Vec<Label> {
        self.panes
            .iter()
            .enumerate()
            .map(|(i, pane)| {
                let doc = pane.doc();
                let count = (doc.section != Section::Synopsis && !doc.is_reading())
                    .then(|| (doc.items(), doc.all_items()));
                Label::new(
                    i,
                    doc.section.heading(self.page, self.strings),
                    count,
                    self.search.count_in(i),
                )
            })
            .collect()
    }

    /// The selected tab's position, from 0.
    pub(crate) fn selected_index(&self) -> usize {
        self.index_of(self.selected).unwrap_or(0)
    }

    fn index_of(&self, section: Section) -> Option<usize> {
        self.panes.iter().position(|p| p.doc().section == section)
    }

    /// The selected tab's pane.
    pub(crate) fn pane(&self) -> &Pane<'a> {
        &self.panes[self.selected_index()]
    }

    fn pane_mut(&mut self) -> &mut Pane<'a> {
        let i = self.selected_index();
        &mut self.panes[i]
    }

    /// Opens on a tab, if the page has it.
    pub fn select(&mut self, section: Section) {
        if self.index_of(section).is_some() {
            self.selected = section;
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if Notice::ends_with(&action) {
            self.notice = None;
        }
        self.apply(action);
        self.want_pictures();
    }

    fn apply(&mut self, action: Action) {
        if self.mode == Mode::Help && self.scroll_help(&action) {
            return;
        }
        let page = self.pane().height().max(1);
        match action {
            Action::LineDown => self.pane_mut().scroll_down(1),
            Action::LineUp => self.pane_mut().scroll_up(1),
            Action::PageDown => self.pane_mut().scroll_down(page.saturating_sub(1).max(1)),
            Action::PageUp => self.pane_mut().scroll_up(page.saturating_sub(1).max(1)),
            Action::HalfPageDown => self.pane_mut().scroll_down(page.div_ceil(2)),
            Action::HalfPageUp => self.pane_mut().scroll_up(page.div_ceil(2)),
            Action::Top => self.pane_mut().scroll_to_top(),
            Action::Bottom => self.pane_mut().scroll_to_bottom(),
            Action::Wheel(lines) => {
                let n = usize::from(lines.unsigned_abs());
                if lines < 0 {
                    self.pane_mut().scroll_up(n);
                } else {
                    self.pane_mut().scroll_down(n);
                }
            }
            Action::NextTab => self.move_tab(1, false),
            Action::PreviousTab => self.move_tab(-1, false),
            Action::CycleTab => self.move_tab(1, true),
            Action::CycleTabBack => self.move_tab(-1, true),
            Action::GotoTab(n) => {
                if let Some(p) = self.panes.get(usize::from(n).wrapping_sub(1)) {
                    self.selected = p.doc().section;
                }
            }
            Action::ReviewsTab => self.select(Section::Reviews),
            Action::SortReviews => self.change_reviews(ReviewView::cycle_order),
            Action::FilterReviews => self.change_reviews(ReviewView::cycle_filter),
            Action::NextReview => self.pane_mut().next_block(),
            Action::PreviousReview => self.pane_mut().previous_block(),
            Action::StartSearch => {
                self.mode = Mode::Prompt;
                self.clear_prompt();
                self.before_search = Some((self.selected, self.pane().top()));
                let (block, para, at) = self.pane().top_place();
                self.search_start = Start {
                    tab: self.selected_index(),
                    block,
                    para,
                    at,
                };
            }
            Action::SearchInput(c) => {
                let mut buf = [0; 4];
                self.type_in(c.encode_utf8(&mut buf));
            }
            Action::SearchPaste(text) => self.type_in(&text),
            Action::SearchBackspace => {
                self.prompt_cut = false;
                if self.prompt.pop().is_some() {
                    self.prompt_chars -= 1;
                    self.run_search();
                }
            }
            Action::ConfirmSearch => {
                self.mode = Mode::Normal;
                self.before_search = None;
            }
            Action::CancelSearch => self.cancel_search(),
            Action::ContinueSearch => {
                let docs = self.docs();
                let had_hit = self.search.current().is_some();
                self.search.count_more(&docs, SEARCH_SLICE);
                // The current hit can take more than one slice to find (far on in a
                // huge paragraph): shown when found.
                if !had_hit && let Some(hit) = self.search.current().cloned() {
                    self.show_hit(&hit);
                    self.note_wrap(true);
                }
            }
            Action::NextMatch => self.step_match(true),
            Action::PreviousMatch => self.step_match(false),
            Action::ToggleHelp => {
                self.help_scroll = 0;
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    Mode::Help
                };
            }
            Action::CloseHelp => self.mode = Mode::Normal,
            // Esc never quits: with nothing to close it does nothing.
            Action::Back => self.search.clear(),
            Action::Quit => self.quit = true,
            // The terminal and the editor are the runner's business; the state does
            // not change.
            Action::Suspend | Action::Edit => {}
            Action::CannotEdit(why) => self.cannot_edit(why),
            Action::PageBroken(error) => self.broke(error),
            Action::Click { column, row } => self.click(column, row),
            Action::Resize { width, height } => self.resize(width, height),
            action @ (Action::OpenImage
            | Action::ImageOpened(_)
            | Action::Pictures(_)
            | Action::CollectPictures
            | Action::Resumed) => self.apply_to_pictures(action),
        }
    }

    /// Notes in the footer why `e` opened no editor.
    fn cannot_edit(&mut self, why: NoEditor) {
        self.notice = Some(Notice::CannotEdit(why));
    }

    /// The last save broke the page: its problems are kept for the banner and help.
    fn broke(&mut self, error: LoadError) {
        self.broken = Some(error);
        // The help lists the problems: its length changed.
        self.help_scroll = self.help_scroll.min(self.help_max_scroll());
    }

    /// Scrolling keys move the help overlay while it is open.
    fn scroll_help(&mut self, action: &Action) -> bool {
        let max = self.help_max_scroll();
        let at = self.help_scroll;
        self.help_scroll = match action {
            Action::LineDown | Action::PageDown | Action::HalfPageDown => at + 1,
            Action::LineUp | Action::PageUp | Action::HalfPageUp => at.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => max,
            _ => return false,
        }
        .min(max);
        true
    }

    /// How far the help overlay can scroll at the current size.
    fn help_max_scroll(&self) -> usize {
        HelpLayout::with_problems(self.strings, self.broken.as_ref(), self.size).max_scroll()
    }

    fn move_tab(&mut self, step: isize, wrap: bool) {
        let n = self.panes.len();
        let at = self.selected_index();
        let next = if wrap {
            at.checked_add_signed(step).unwrap_or(n - 1) % n
        } else {
            at.saturating_add_signed(step).min(n - 1)
        };
        self.selected = self.panes[next].doc().section;
    }

    /// Changes the reviews' order or filter, and shows the reviews from the top. A
    /// search in force is counted again over what is shown, without moving the view.
    fn change_reviews(&mut self, change: fn(&mut ReviewView, &[Review])) {
        let Some(i) = self.index_of(Section::Reviews) else {
            return;
        };
        let reviews = self.page.reviews.as_ref().map_or(&[][..], |r| &r.items[..]);
        change(&mut self.review_view, reviews);
        self.show_reviews();
        self.selected = Section::Reviews;
        if self.search.is_active() {
            let query = self.search.query().to_owned();
            let docs = self.docs();
            self.search.clear();
            self.search
                .set_query_within(&query, &docs, (i, 0), SEARCH_SLICE);
        }
    }

    /// Lays the reviews tab out anew as the order and filter say, from its top.
    fn show_reviews(&mut self) {
        let Some(i) = self.index_of(Section::Reviews) else {
            return;
        };
        let doc = Doc::new(self.page, Section::Reviews, self.strings)
            .with_head()
            .with_shown(self.review_view.shown())
            .with_reading(self.panes[i].doc().is_reading());
        self.panes[i].set_doc(doc);
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = screen::drawn(width, height);
        let (w, h) = screen::regions(self.size).map_or((1, 0), |r| {
            (usize::from(r.text.width), usize::from(r.text.height))
        });
        for pane in &mut self.panes {
            pane.resize(w, h);
        }
        // A new size can show more of the help (or none of it): its scroll shrinks
        // with its maximum, as each pane's does.
        if self.help_scroll > 0 {
            self.help_scroll = self.help_scroll.min(self.help_max_scroll());
        }
    }

    /// Adds typed or pasted text to the query, as one edit: sanitised on one line
    /// (controls dropped, tabs and line breaks as spaces), cut at [`MAX_QUERY_CHARS`],
    /// and searched for once. Only the prompt takes text.
    fn type_in(&mut self, text: &str) {
        if self.mode != Mode::Prompt {
            return;
        }
        let text = crate::text::sanitize::sanitized(text);
        let room = MAX_QUERY_CHARS - self.prompt_chars;
        let mut taken = 0;
        for c in text.chars().take(room) {
            self.prompt.push(c);
            taken += 1;
        }
        self.prompt_chars += taken;
        self.prompt_cut = taken < text.chars().take(room + 1).count();
        if taken > 0 {
            self.run_search();
        }
    }

    fn clear_prompt(&mut self) {
        self.prompt.clear();
        self.prompt_chars = 0;
        self.prompt_cut = false;
    }

    fn run_search(&mut self) {
        let docs = self.docs();
        self.search
            .set_query_from(&self.prompt, &docs, self.search_start, SEARCH_SLICE);
        self.notice = None;
        match self.search.current().cloned() {
            Some(hit) => {
                self.show_hit(&hit);
                self.note_wrap(true);
            }
            None => {
                // Nothing (yet): stay where the search began.
                if let Some((section, anchor)) = self.before_search {
                    self.selected = section;
                    self.restore(anchor);
                }
            }
        }
    }

    fn docs(&self) -> Vec<Doc<'a>> {
        self.panes.iter().map(|p| p.doc().clone()).collect()
    }

    /// Whether the search still has hits to count ([`Action::ContinueSearch`]).
    pub fn is_busy(&self) -> bool {
        self.search.is_counting()
    }

    fn cancel_search(&mut self) {
        self.mode = Mode::Normal;
        self.search.clear();
        self.clear_prompt();
        if let Some((section, anchor)) = self.before_search.take() {
            self.selected = section;
            self.restore(anchor);
        }
    }

    fn restore(&mut self, anchor: pane::Anchor) {
        self.pane_mut().set_top(anchor);
    }

    fn step_match(&mut self, forward: bool) {
        let docs = self.docs();
        if let Some(hit) = self.search.step(&docs, forward).cloned() {
            self.show_hit(&hit);
            self.note_wrap(forward);
        }
    }

    /// Notes in the footer that the current hit was found round the page's end.
    fn note_wrap(&mut self, forward: bool) {
        if self.search.wrapped() {
            self.notice = Some(if forward {
                Notice::WrappedToStart
            } else {
                Notice::WrappedToEnd
            });
        }
    }

    /// Selects the hit's tab and scrolls its line into view.
    fn show_hit(&mut self, hit: &search::Hit) {
        let Some(pane) = self.panes.get_mut(hit.tab) else {
            return;
        };
        self.selected = pane.doc().section;
        let line = pane.line_at(hit.block, hit.para, hit.range.start);
        pane.reveal(hit.block, line);
    }

    fn click(&mut self, column: u16, row: u16) {
        let Some(regions) = screen::regions(self.size) else {
            return;
        };
        if let Some(card) = self.card_at(column, row) {
            self.pane_mut().set_focus(card);
            return;
        }
        if row != regions.tabs.y {
            return;
        }
        let spans = placement(&self.tab_labels(), regions.tabs.width);
        if let Some(i) = spans.iter().position(|r| r.contains(&column)) {
            self.selected = self.panes[i].doc().section;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::ID;
    use crate::loader;

    fn bundled() -> Page {
        loader::parse(&loader::bundled()).expect("bundled page")
    }

    fn app(page: &Page, w: u16, h: u16) -> App<'_> {
        let mut app = App::new(page, &ID);
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        app
    }

    #[test]
    fn tabs_move_clamped_and_cycle_wraps() {
        let p = bundled();
        let mut a = app(&p, 80, 24);
        a.update(Action::PreviousTab);
        assert_eq!(a.selected(), Section::Synopsis);
        a.update(Action::CycleTabBack);
        assert_eq!(a.selected(), Section::Reviews);
        a.update(Action::NextTab);
        assert_eq!(a.selected(), Section::Reviews);
        a.update(Action::CycleTab);
        assert_eq!(a.selected(), Section::Synopsis);
        a.update(Action::GotoTab(2));
        assert_eq!(a.selected(), Section::Screenshots);
        a.update(Action::GotoTab(9));
        assert_eq!(a.selected(), Section::Screenshots);
        a.update(Action::GotoTab(0));
        assert_eq!(a.selected(), Section::Screenshots);
        a.update(Action::ReviewsTab);
        assert_eq!(a.selected(), Section::Reviews);
    }

    #[test]
    fn each_tab_keeps_its_position() {
        let p = bundled();
        let mut a = app(&p, 60, 20);
        a.update(Action::PageDown);
        let top = a.pane().top();
        assert!(top.line > 0);
        a.update(Action::NextTab);
        assert_eq!(a.pane().top().line, 0);
        a.update(Action::PreviousTab);
        assert_eq!(a.pane().top(), top);
    }

    #[test]
    fn search_counts_joseph_nine_times_and_steps() {
        let p = bundled();
        let mut a = app(&p, 80, 24);
        a.update(Action::StartSearch);
        assert_eq!(a.mode(), Mode::Prompt);
        for c in "joseph".chars() {
            a.update(Action::SearchInput(c));
        }
        assert_eq!(a.search().counter(), Some((1, 9)));
        a.update(Action::ConfirmSearch);
        assert_eq!(a.mode(), Mode::Normal);
        a.update(Action::NextMatch);
        assert_eq!(a.search().counter(), Some((2, 9)));
        for _ in 0..8 {
            a.update(Action::NextMatch);
        }
        assert_eq!(a.search().counter(), Some((1, 9)), "wraps around");
        a.update(Action::PreviousMatch);
        assert_eq!(a.search().counter(), Some((9, 9)));
        assert!(a.pane().top().line > 0, "the last Joseph is far down");
        a.update(Action::Back);
        assert!(!a.search().is_active());
        assert!(!a.should_quit());
        a.update(Action::Back);
        assert!(!a.should_quit(), "Esc never quits");
        a.update(Action::Quit);
        assert!(a.should_quit());
    }

    /// Types `query` into a new search and keeps it.
    fn search_for(a: &mut App<'_>, query: &str) {
        a.update(Action::StartSearch);
        a.update(Action::SearchPaste(query.into()));
        a.update(Action::ConfirmSearch);
    }

    #[test]
    fn a_search_starts_from_the_top_of_the_screen() {
        let p = bundled();
        let mut a = app(&p, 80, 24);
        // The synopsis is one paragraph; the third Joseph is some 30 lines down.
        a.update(Action::PageDown);
        a.update(Action::PageDown);
        let top = a.pane().top_place();
        search_for(&mut a, "joseph");
        let (at, total) = a.search().counter().expect("a search");
        assert!(at > 1 && total == 9, "{at}/{total}");
        let hit = a.search().current().expect("a hit").clone();
        assert!(
            (hit.block, hit.para, hit.range.start) >= top,
            "{hit:?} at or after {top:?}"
        );
        assert_eq!(a.notice(), None, "not wrapped");
        // "Prancis" is on the first line only: from the bottom, the search goes round
        // the end (the other tabs have none) to it.
        a.update(Action::Back);
        a.update(Action::Bottom);
        search_for(&mut a, "prancis");
        assert_eq!(a.search().counter(), Some((1, 1)));
        assert_eq!(a.pane().top(), pane::Anchor::default(), "shown");
        assert_eq!(a.notice(), Some(&Notice::WrappedToStart));
        a.update(Action::LineDown);
        assert_eq!(a.notice(), None, "gone with the next key");
        search_for(&mut a, "joseph");
        a.update(Action::Top);
        a.update(Action::NextMatch);
        assert_eq!(a.search().counter(), Some((2, 9)));
        assert_eq!(a.notice(), None);
        a.update(Action::PreviousMatch);
        a.update(Action::PreviousMatch);
        assert_eq!(a.search().counter(), Some((9, 9)));
        assert_eq!(a.notice(), Some(&Notice::WrappedToEnd));
    }

    #[test]
    fn a_capital_makes_the_search_exact() {
        let p = bundled();
        let mut a = app(&p, 80, 24);
        search_for(&mut a, "simon");
        let (_, any_case) = a.search().counter().expect("a search");
        search_for(&mut a, "SIMON");
        assert_eq!(a.search().counter(), Some((0, 0)));
        search_for(&mut a, "Simon");
        let (_, exact) = a.search().counter().expect("a search");
        assert!(exact > 0 && exact <= any_case, "{exact} of {any_case}");
    }

    #[test]
    fn esc_closes_what_is_open_and_otherwise_does_nothing() {
        let p = bundled();
        let mut a = app(&p, 80, 24);
        a.update(Action::PageDown);
        let top = a.pane().top();
        a.update(Action::Back);
        assert!(!a.should_quit());
        assert_eq!((a.mode(), a.pane().top()), (Mode::Normal, top));
        a.update(Action::ToggleHelp);
        a.update(Action::CloseHelp);
        assert_eq!(a.mode(), Mode::Normal);
        a.update(Action::StartSearch);
        a.update(Action::CancelSearch);
        assert_eq!(a.mode(), Mode::Normal);
        for _ in 0..3 {
            a.update(Action::Back);
        }
        assert!(!a.should_quit());
        assert_eq!(a.pane().top(), top);
    }

    #[test]
    fn cancel_goes_back_to_where_the_search_began() {
        let p = bundled();
        let mut a = app(&p, 40, 12);
        a.update(Action::LineDown);
        let before = a.pane().top();
        a.update(Action::StartSearch);
        for c in "kesimpulannya".chars() {
            a.update(Action::SearchInput(c));
        }
        assert_ne!(a.pane().top(), before);
        a.update(Action::CancelSearch);
        assert_eq!(a.pane().top(), before);
        assert!(!a.search().is_active());
    }

    #[test]
    fn a_paste_is_one_edit_on_one_line_without_controls() {
        let p = bundled();
        let mut a = app(&p, 80, 24);
        a.update(Action::SearchPaste("Joseph".into()));
        assert!(
            !a.search().is_active(),
            "outside the prompt a paste does nothing"
        );
        a.update(Action::StartSearch);
        a.update(Action::SearchPaste(
            "jo\u{1b}]52;c;eA==\u{7}se\r\nph".into(),
        ));
        assert_eq!(a.prompt(), Some("jo]52;c;eA==se ph"));
        a.update(Action::CancelSearch);
        a.update(Action::StartSearch);
        a.update(Action::SearchPaste("Jo\u{9b}se".into()));
        a.update(Action::SearchInput('\u{1b}'));
        a.update(Action::SearchInput('p'));
        a.update(Action::SearchInput('h'));
        assert_eq!(a.prompt(), Some("Joseph"));
        assert_eq!(a.search().counter(), Some((1, 9)), "as if typed");
    }

    #[test]
    fn the_query_stops_at_its_longest_and_says_so() {
        let p = bundled();
        let mut a = app(&p, 80, 24);
        a.update(Action::StartSearch);
        let long = "joseph ".repeat(300);
        a.update(Action::SearchPaste(long.clone()));
        let query = a.prompt().expect("the prompt").to_owned();
        assert_eq!(query.chars().count(), MAX_QUERY_CHARS);
        assert!(long.starts_with(&query));
        assert!(a.prompt_is_cut());
        a.update(Action::SearchInput('x'));
        assert_eq!(
            a.prompt(),
            Some(query.as_str()),
            "full: nothing more is taken"
        );
        a.update(Action::SearchBackspace);
        assert!(!a.prompt_is_cut());
        a.update(Action::SearchPaste("日本語".into()));
        assert_eq!(a.prompt().map(|q| q.chars().count()), Some(MAX_QUERY_CHARS));
        assert!(
            a.prompt().is_some_and(|q| q.ends_with('日')),
            "cut by characters"
        );
        assert!(a.prompt_is_cut());
        a.update(Action::ConfirmSearch);
        assert!(!a.prompt_is_cut(), "only while the prompt is open");
    }

    #[test]
    fn a_hit_found_between_keystrokes_is_shown() {
        let mut p = bundled();
        let mut long = "kata ".repeat(800_000);
        long.push_str("zebra");
        p.synopsis.paragraphs = [long.as_str()].into_iter().collect();
        let mut a = app(&p, 80, 24);
        a.update(Action::StartSearch);
        a.update(Action::SearchPaste("zebra".into()));
        while a.is_busy() {
            a.update(Action::ContinueSearch);
        }
        assert_eq!(a.search().counter(), Some((1, 1)));
        let shown = a.pane().visible();
        assert!(
            shown.iter().any(|l| l.text().contains("zebra")),
            "the hit is on screen"
        );
    }

    #[test]
    fn help_toggles() {
        let p = bundled();
        let mut a = app(&p, 80, 24);
        a.update(Action::ToggleHelp);
        assert_eq!(a.mode(), Mode::Help);
        a.update(Action::CloseHelp);
        assert_eq!(a.mode(), Mode::Normal);
    }

    /// What holds at every size: the selected tab exists, the top line lies inside
    /// the text, no more lines show than fit, a short view means nothing is scrolled
    /// past the end, and the help is scrolled no further than it can be.
    fn assert_in_bounds(a: &App<'_>, what: &str) {
        let sections: Vec<Section> = a.sections().collect();
        assert_eq!(
            sections.get(a.selected_index()),
            Some(&a.selected()),
            "{what}"
        );
        let pane = a.pane();
        let top = pane.top();
        assert!(top.block < pane.doc().len(), "{what}: top {top:?}");
        if let Some(wrapped) = pane.wrapped(top.block) {
            assert!(top.line < wrapped.lines.len(), "{what}: top {top:?}");
        }
        let shown = pane.visible().len();
        assert!(shown <= pane.height(), "{what}: {shown} lines shown");
        if shown < pane.height() {
            assert_eq!(top, pane::Anchor::default(), "{what}: past the end");
        }
        assert!(
            a.help_scroll() <= a.help_max_scroll(),
            "{what}: help scrolled to {}",
            a.help_scroll()
        );
    }

    #[test]
    fn tiny_sizes_keep_every_position_in_bounds() {
        let p = bundled();
        let keys = [
            Action::PageDown,
            Action::Bottom,
            Action::NextReview,
            Action::LineUp,
            Action::HalfPageDown,
            Action::Wheel(-3),
            Action::PreviousReview,
            Action::ToggleHelp,
            Action::Bottom,
            Action::LineDown,
            Action::CloseHelp,
            Action::CycleTab,
            Action::Bottom,
            Action::NextReview,
            Action::CycleTab,
            Action::PageDown,
        ];
        for (w, h) in [
            (0, 0),
            (1, 1),
            (5, 3),
            (19, 5),
            (19, 24),
            (80, 5),
            (20, 6),
            (21, 7),
        ] {
            let mut a = app(&p, w, h);
            // Below the least size there is no body: the panes show nothing.
            let rows = screen::regions(a.size()).map_or(0, |r| usize::from(r.text.height));
            assert_eq!(rows == 0, w < screen::MIN_WIDTH || h < screen::MIN_HEIGHT);
            for action in &keys {
                a.update(action.clone());
                let what = format!("{w}×{h} after {action:?}");
                assert_in_bounds(&a, &what);
                assert_eq!(a.pane().height(), rows, "{what}");
            }
            // With no tab row, a click selects nothing.
            let selected = a.selected();
            a.update(Action::Click { column: 3, row: 1 });
            if rows == 0 {
                assert_eq!(a.selected(), selected, "{w}×{h}");
            }
            // Back at a usable size, every tab's reader is still inside the text, and
            // the long synopsis fills the body.
            a.update(Action::Resize {
                width: 80,
                height: 24,
            });
            for _ in 0..a.sections().count() {
                a.update(Action::CycleTab);
                let what = format!("{w}×{h} then 80×24, {:?}", a.selected());
                assert_in_bounds(&a, &what);
                assert!(!a.pane().visible().is_empty(), "{what}");
            }
            a.select(Section::Synopsis);
            assert_eq!(a.pane().visible().len(), 20, "{w}×{h} then 80×24");
        }
    }

    #[test]
    fn the_help_stays_within_its_scroll_across_resizes() {
        let p = bundled();
        // Scrolled to its end where it scrolls, then where it fits whole.
        let mut a = app(&p, 40, 12);
        a.update(Action::ToggleHelp);
        a.update(Action::Bottom);
        assert!(a.help_scroll() > 0);
        assert_eq!(a.help_scroll(), a.help_max_scroll());
        a.update(Action::Resize {
            width: 100,
            height: 60,
        });
        assert_eq!((a.help_scroll(), a.help_max_scroll()), (0, 0));
        // At 1×1 the help has no row to show, so nothing to scroll through; growing
        // to 19×5 (one row) keeps it in bounds.
        let mut a = app(&p, 1, 1);
        a.update(Action::ToggleHelp);
        a.update(Action::Bottom);
        assert_eq!(a.help_scroll(), 0);
        a.update(Action::Resize {
            width: 19,
            height: 5,
        });
        assert!(a.help_max_scroll() > 0);
        assert_in_bounds(&a, "1×1 then 19×5");
        a.update(Action::Bottom);
        assert_eq!(a.help_scroll(), a.help_max_scroll());
        a.update(Action::Resize {
            width: 1,
            height: 1,
        });
        assert_eq!(a.help_scroll(), 0);
    }
}
