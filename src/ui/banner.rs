//! The banner over a page whose last save did not load: one line, in the rule's row
//! under the tabs (so the text below keeps its place), with the first problem's line,
//! column and message, and how many more the help lists.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::i18n::Strings;
use crate::loader::{LoadError, Problem};
use crate::text::sanitize::sanitized;
use crate::text::width::truncate_with_ellipsis;
use crate::theme::Theme;

/// The banner's text: `12:3 expected a number… (+2 more: ?)`.
pub(crate) fn text(error: &LoadError, strings: &Strings) -> String {
    let first = error.problems().first();
    let mut text = match first.and_then(Problem::location) {
        Some(at) => format!("{}:{} {}", at.line, at.column, error.kind()),
        None => error.kind().to_string(),
    };
    let more = error.problems().len().saturating_sub(1) + error.more();
    if more > 0 {
        text = format!("{text} (+{more} {}: ?)", strings.more_problems);
    }
    sanitized(&text).into_owned()
}

/// Draws the banner across `area`, one row.
pub(crate) fn render(
    buf: &mut Buffer,
    area: Rect,
    error: &LoadError,
    strings: &Strings,
    theme: &Theme,
) {
    buf.set_style(area, theme.banner);
    let room = usize::from(area.width.saturating_sub(2));
    let text = format!("✗ {}", text(error, strings));
    buf.set_stringn(
        area.x + 1,
        area.y,
        truncate_with_ellipsis(&text, room),
        room,
        theme.banner,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};
    use crate::loader::{Source, parse};
    use ratatui::style::Modifier;

    fn broken(text: &str) -> LoadError {
        let source = Source {
            name: "p.yaml".into(),
            base_dir: None,
            text: text.into(),
        };
        parse(&source).expect_err("a broken page")
    }

    #[test]
    fn the_first_problem_at_its_place_and_how_many_more() {
        let one = broken("title: T\nlanguag: id\nsynopsis:\n  text: x\n");
        assert_eq!(
            text(&one, &EN),
            "2:1 unknown key `languag`; did you mean `language`?"
        );
        let two = broken("title: T\nlanguag: id\nsynopsis:\n  txt: x\n");
        let shown = text(&two, &ID);
        assert!(shown.starts_with("2:1 unknown key `languag`"), "{shown}");
        assert!(shown.ends_with(" (+1 lagi: ?)"), "{shown}");
    }

    #[test]
    fn it_fills_its_row_reversed_and_cuts_what_does_not_fit() {
        let error = broken("title: T\nlanguag: id\nsynopsis:\n  text: x\n");
        let area = Rect::new(0, 2, 30, 1);
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 4));
        render(&mut buf, area, &error, &EN, &Theme::mono());
        let row: String = (0..30).map(|x| buf[(x, 2)].symbol()).collect();
        assert_eq!(row, " ✗ 2:1 unknown key `languag`… ");
        for x in 0..30 {
            let style = buf[(x, 2)].style();
            assert!(
                style.add_modifier.contains(Modifier::REVERSED),
                "column {x}"
            );
        }
        assert_eq!(buf[(0, 1)].symbol(), " ", "nothing outside its row");
    }
}
