//! The help overlay's geometry: its lines, grouped from the key table, laid out in
//! one column or two, and how far it scrolls. The update (to clamp the scroll) and the
//! drawing (to place the lines) both read it, so they agree.

use ratatui::layout::Rect;

use crate::i18n::Strings;
use crate::keymap::help_rows;
use crate::loader::LoadError;
use crate::text::sanitize::sanitized;
use crate::text::width::str_width;

/// One line of the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Group(&'static str),
    Key {
        keys: String,
        what: &'static str,
    },
    /// A problem of the last save: `12:3 expected …`, cut to the overlay's width.
    Problem(String),
    Blank,
}

/// The most columns a problem's line makes the overlay take: a longer one is cut.
const PROBLEM_WIDTH: usize = 72;

/// The problems of a broken save, as the overlay's first group: each at its line
/// and column, and how many more were found than are listed.
fn problems(strings: &Strings, error: &LoadError) -> Vec<HelpLine> {
    let mut lines = vec![HelpLine::Group(strings.problems_heading)];
    lines.extend(error.problems().iter().map(|p| {
        let text = match p.location() {
            Some(at) => format!("{}:{} {}", at.line, at.column, p.kind()),
            None => p.kind().to_string(),
        };
        HelpLine::Problem(sanitized(&text).into_owned())
    }));
    if error.more() > 0 {
        let more = format!("+{} {}", error.more(), strings.more_problems);
        lines.push(HelpLine::Problem(more));
    }
    lines
}

/// The overlay's groups, each a list of lines starting with its heading.
pub fn groups(strings: &Strings) -> Vec<Vec<HelpLine>> {
    help_rows(&strings.actions)
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(group, rows)| {
            let mut lines = vec![HelpLine::Group(group.name(&strings.key_groups))];
            lines.extend(
                rows.into_iter()
                    .map(|(keys, what)| HelpLine::Key { keys, what }),
            );
            lines
        })
        .collect()
}

/// Groups laid out in `columns` columns, balanced by height.
fn columns(groups: &[Vec<HelpLine>], columns: usize) -> Vec<Vec<HelpLine>> {
    let total: usize = groups.iter().map(|g| g.len() + 1).sum();
    let per = total.div_ceil(columns.max(1));
    let mut out: Vec<Vec<HelpLine>> = vec![Vec::new()];
    for group in groups {
        let current = out.last().map_or(0, Vec::len);
        if current > 0 && current + group.len() > per && out.len() < columns {
            out.push(Vec::new());
        }
        if let Some(col) = out.last_mut() {
            if !col.is_empty() {
                col.push(HelpLine::Blank);
            }
            col.extend(group.iter().cloned());
        }
    }
    out
}

/// One column of the overlay: its lines, the width of its key column and its own.
pub struct HelpColumn {
    pub lines: Vec<HelpLine>,
    pub key_width: usize,
    pub width: usize,
}

impl HelpColumn {
    fn new(lines: Vec<HelpLine>) -> Self {
        let key_width = lines
            .iter()
            .map(|l| match l {
                HelpLine::Key { keys, .. } => str_width(keys),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        let width = lines
            .iter()
            .map(|l| match l {
                HelpLine::Group(g) => str_width(g),
                HelpLine::Key { what, .. } => 2 + key_width + 2 + str_width(what),
                HelpLine::Problem(text) => 2 + str_width(text).min(PROBLEM_WIDTH),
                HelpLine::Blank => 0,
            })
            .max()
            .unwrap_or(0);
        Self {
            lines,
            key_width,
            width,
        }
    }
}

/// Columns are this far apart.
pub const COLUMN_GAP: usize = 2;

/// Where the overlay goes and how its lines fall, for an area.
pub struct HelpLayout {
    pub popup: Rect,
    pub columns: Vec<HelpColumn>,
    /// Rows for key lines (the last inner row says how to close).
    pub rows: usize,
}

impl HelpLayout {
    /// The layout of the keys alone.
    #[cfg(test)]
    pub fn new(strings: &Strings, area: Rect) -> Self {
        Self::with_problems(strings, None, area)
    }

    /// The layout with the problems of a broken save first, when there are some.
    pub fn with_problems(strings: &Strings, broken: Option<&LoadError>, area: Rect) -> Self {
        let mut groups = groups(strings);
        if let Some(error) = broken {
            groups.insert(0, problems(strings, error));
        }
        let layout = |n: usize| -> Vec<HelpColumn> {
            columns(&groups, n)
                .into_iter()
                .map(HelpColumn::new)
                .collect()
        };
        let outer = |cols: &[HelpColumn]| {
            cols.iter().map(|c| c.width).sum::<usize>() + COLUMN_GAP * (cols.len() - 1) + 4
        };
        let tallest = |cols: &[HelpColumn]| cols.iter().map(|c| c.lines.len()).max().unwrap_or(0);
        let one = layout(1);
        let two = layout(2);
        let cols = if tallest(&one) + 4 > usize::from(area.height)
            && outer(&two) <= usize::from(area.width)
        {
            two
        } else {
            one
        };
        let rows = tallest(&cols);
        let close = str_width(strings.help_close) + 4;
        let width = (outer(&cols).max(close) as u16).min(area.width);
        // Borders and the closing line take three rows; a blank row above the closing
        // line is kept only when everything fits with it.
        let spacer = usize::from(rows + 4 <= usize::from(area.height));
        let height = ((rows + 3 + spacer) as u16).min(area.height);
        let popup = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        );
        Self {
            popup,
            rows: usize::from(height).saturating_sub(3 + spacer),
            columns: cols,
        }
    }

    /// How far the overlay can scroll: none when it has no row for a key line
    /// (a terminal under five rows), since there is nothing to scroll through.
    pub fn max_scroll(&self) -> usize {
        if self.rows == 0 {
            return 0;
        }
        let tallest = self
            .columns
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0);
        tallest.saturating_sub(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};
    use crate::keymap::BINDINGS;

    /// The help's key lines with the heading of the group each is under.
    fn key_lines(strings: &Strings) -> Vec<(&'static str, String, &'static str)> {
        let mut out = Vec::new();
        for group in groups(strings) {
            let Some(HelpLine::Group(heading)) = group.first() else {
                panic!("a group without its heading: {group:?}");
            };
            for line in &group[1..] {
                match line {
                    HelpLine::Key { keys, what } => out.push((*heading, keys.clone(), *what)),
                    other => panic!("{other:?} inside the group {heading}"),
                }
            }
        }
        out
    }

    #[test]
    fn every_binding_appears_once() {
        for strings in [&EN, &ID] {
            let lines = key_lines(strings);
            for b in BINDINGS {
                let what = (b.describe)(&strings.actions);
                // One line says what the binding does, under the binding's group...
                let said: Vec<_> = lines.iter().filter(|(_, _, w)| *w == what).collect();
                let [(heading, keys, _)] = said.as_slice() else {
                    panic!("{:?}: {what:?} on {} lines", b.action, said.len());
                };
                assert_eq!(*heading, b.group.name(&strings.key_groups), "{what:?}");
                // ...and names each of its keys once.
                for label in b.keys.iter().map(|k| k.label).filter(|l| !l.is_empty()) {
                    let times = keys.split(' ').filter(|k| *k == label).count();
                    assert_eq!(times, 1, "{label:?} in {keys:?} for {what:?}");
                }
            }
            // Nothing else: every line, and every key on it, is a binding's.
            for (_, keys, what) in &lines {
                let bound: Vec<&str> = BINDINGS
                    .iter()
                    .filter(|b| (b.describe)(&strings.actions) == *what)
                    .flat_map(|b| b.keys.iter().map(|k| k.label))
                    .collect();
                assert!(!keys.is_empty(), "{what:?} without keys");
                for key in keys.split(' ') {
                    assert!(bound.contains(&key), "{key:?} shown for {what:?}");
                }
            }
        }
    }

    #[test]
    fn short_terminals_get_two_columns_and_scroll_when_needed() {
        let tall = HelpLayout::new(&ID, Rect::new(0, 0, 100, 60));
        assert_eq!(tall.columns.len(), 1);
        assert_eq!(tall.max_scroll(), 0);
        let normal = HelpLayout::new(&ID, Rect::new(0, 0, 100, 25));
        assert_eq!(normal.columns.len(), 2);
        assert_eq!(normal.max_scroll(), 0, "fits 25 rows in two columns");
        let small = HelpLayout::new(&ID, Rect::new(0, 0, 40, 12));
        assert_eq!(small.columns.len(), 1);
        assert!(small.max_scroll() > 0);
        assert!(small.popup.width <= 40 && small.popup.height <= 12);
    }

    #[test]
    fn the_problems_of_a_broken_save_come_first() {
        let source = crate::loader::Source {
            name: "p.yaml".into(),
            base_dir: None,
            text: "title: T\nsynopsis:\n  text: x\nreviews:\n  items:\n    - author: A\n      \
                   rating: 11\n      text: y\n    - text: z\n"
                .into(),
        };
        let error = crate::loader::parse(&source).expect_err("two problems");
        let groups = {
            let area = Rect::new(0, 0, 100, 60);
            HelpLayout::with_problems(&EN, Some(&error), area).columns
        };
        let lines = &groups[0].lines;
        assert_eq!(lines[0], HelpLine::Group(EN.problems_heading));
        let HelpLine::Problem(first) = &lines[1] else {
            panic!("{lines:?}");
        };
        assert!(
            first.starts_with("7:15 reviews.items[0].rating: "),
            "{first}"
        );
        assert!(
            matches!(&lines[2], HelpLine::Problem(p) if p.starts_with("9:7 ")),
            "{lines:?}"
        );
        assert_eq!(lines[3], HelpLine::Blank);
    }
}
