//! `--print`: the page as plain text, wrapped by the shared engine. Styles (bold
//! headings, dim dates: `Theme::print`) are written as crossterm writes them, and only
//! when asked for; the text itself has been sanitised at load, so nothing from the page
//! can act on the terminal.

use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::style::Style;

use crate::i18n::Strings;
use crate::layout::{BlockKind, CHART_ROWS, Doc, LineRef, Role, Section, WrappedBlock};
use crate::model::Page;
use crate::text::width::str_width;
use crate::text::wrap::{self, Fit, SOFT_HYPHEN};
use crate::theme::Theme;
use crate::ui::summary;

/// How `--print` writes.
#[derive(Debug, Clone, Copy)]
pub struct PrintOptions {
    /// Columns to wrap to (at least 1).
    pub width: usize,
    /// Write styles (`Theme::print`: bold headings and authors, dim dates).
    pub color: bool,
    /// How lines are filled.
    pub fit: Fit,
}

/// Writes the whole page: the title, then each section under its heading.
pub fn print(
    out: &mut impl Write,
    page: &Page,
    strings: &'static Strings,
    opts: PrintOptions,
) -> io::Result<()> {
    let width = opts.width.max(1);
    let theme = Theme::print();
    let painter = Painter {
        theme: opts.color.then_some(&theme),
    };
    heading(out, &page.title, '=', width, opts.fit, painter)?;
    for section in Section::present(page) {
        writeln!(out)?;
        heading(
            out,
            section.heading(page, strings),
            '-',
            width,
            opts.fit,
            painter,
        )?;
        let doc = Doc::new(page, section, strings).with_head();
        for mut block in doc.blocks() {
            // The viewer keeps room for an image in each card; a list needs none.
            block.paras.retain(|p| p.role != Role::NoImage);
            // Blocks are separated by the blank line written here, but for the
            // reading aid, which goes right under the heading.
            if let Some(first) = block.paras.first_mut() {
                first.gap_before = false;
            }
            if block.paras.first().is_none_or(|p| p.role != Role::Aid) {
                writeln!(out)?;
            }
            match block.kind {
                BlockKind::Card { number, .. } => {
                    let marker = format!("{number}. ");
                    let indent = str_width(&marker);
                    let inner = width.saturating_sub(indent).max(1);
                    let wrapped = WrappedBlock::new(block, inner, opts.fit, false);
                    for (i, &line) in wrapped.lines.iter().enumerate() {
                        let lead = if i == 0 { marker.as_str() } else { "" };
                        write!(out, "{lead:indent$}")?;
                        write_line(out, &wrapped, line, painter)?;
                    }
                }
                BlockKind::Plain => {
                    let wrapped = WrappedBlock::new(block, width, opts.fit, false);
                    for &line in &wrapped.lines {
                        write_line(out, &wrapped, line, painter)?;
                    }
                }
                BlockKind::Summary { histogram } => {
                    // The viewer's chart, as text: its bars in the stars' style.
                    let chart = summary::chart(
                        &histogram,
                        u16::try_from(width).unwrap_or(u16::MAX),
                        &theme,
                    );
                    let wrapped = WrappedBlock::new(block, width, opts.fit, false);
                    for &line in &wrapped.lines {
                        if let LineRef::Chart(row) = line {
                            let labels = usize::from(row) + 1 == CHART_ROWS;
                            let text = summary::row_text(&chart, u16::from(row));
                            painter.write(out, &text, |t| if labels { t.meta } else { t.stars })?;
                            writeln!(out)?;
                        } else {
                            write_line(out, &wrapped, line, painter)?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// A heading and its underline, cut to the width.
fn heading(
    out: &mut impl Write,
    text: &str,
    rule: char,
    width: usize,
    fit: Fit,
    painter: Painter,
) -> io::Result<()> {
    let mut widest = 0;
    for range in wrap::wrap(text, width, fit) {
        let line = &text[range];
        widest = widest.max(wrap::line_width(line));
        for piece in wrap::shown(line) {
            painter.write(out, piece, |theme| theme.title)?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", rule.to_string().repeat(widest.clamp(1, width)))
}

fn write_line(
    out: &mut impl Write,
    wrapped: &WrappedBlock<'_>,
    line: LineRef,
    painter: Painter,
) -> io::Result<()> {
    if let Some((p, range)) = line.text() {
        let para = &wrapped.block.paras[p];
        // Split the line where the role changes (stars, then rating and date). Soft
        // hyphens are not written: a terminal would give each a cell.
        let mut start = range.start;
        let mut role = para.role;
        while start < range.end {
            role = para.role_at(start);
            let end = para
                .spans
                .iter()
                .flat_map(|(r, _)| [r.start, r.end])
                .filter(|&b| b > start && b < range.end)
                .min()
                .unwrap_or(range.end);
            for piece in para.text[start..end]
                .split(SOFT_HYPHEN)
                .filter(|p| !p.is_empty())
            {
                painter.write(out, piece, |theme| theme.role(role))?;
            }
            start = end;
        }
        if wrap::is_hyphenated(&para.text[range]) {
            painter.write(out, "-", |theme| theme.role(role))?;
        }
    }
    writeln!(out)
}

/// Writes text in the theme's styles, or plain without a theme.
#[derive(Debug, Clone, Copy)]
struct Painter<'t> {
    theme: Option<&'t Theme>,
}

impl Painter<'_> {
    /// Writes `text` in the style `style` picks from the theme: set before it and reset
    /// after it, by crossterm; nothing around text in the plain style.
    fn write(
        self,
        out: &mut impl Write,
        text: &str,
        style: impl FnOnce(&Theme) -> Style,
    ) -> io::Result<()> {
        match self.theme.map(style) {
            Some(style) if style != Style::new() => {
                write!(out, "{}", style.into_crossterm().apply(text))
            }
            _ => out.write_all(text.as_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};
    use crate::model::{Rating, Review, Reviews, Screenshot, Screenshots, Synopsis};

    fn render(page: &Page, strings: &'static Strings, width: usize, color: bool) -> String {
        let mut out = Vec::new();
        let opts = PrintOptions {
            width,
            color,
            fit: Fit::First,
        };
        print(&mut out, page, strings, opts).expect("write to Vec");
        String::from_utf8(out).expect("utf-8")
    }

    fn page() -> Page {
        Page {
            title: "Film".into(),
            language: None,
            synopsis: Synopsis {
                language: None,
                heading: Some("Plot".into()),
                paragraphs: ["alpha beta gamma delta"].into_iter().collect(),
            },
            screenshots: Some(Screenshots {
                heading: None,
                items: vec![Screenshot {
                    caption: "first shot of the film".into(),
                    image: None,
                }],
            }),
            reviews: Some(Reviews {
                heading: None,
                items: vec![Review {
                    language: None,
                    author: "Ann".into(),
                    rating: Rating::from_tenths(60),
                    date: None,
                    paragraphs: ["Fine."].into_iter().collect(),
                }],
            }),
        }
    }

    #[test]
    fn plain_output_has_headings_lists_and_reviews() {
        let text = render(&page(), &EN, 12, false);
        assert_eq!(
            text,
            "Film\n====\n\nPlot\n----\n4 words · 1\nmin\n\nalpha beta\ngamma delta\n\n\
             Screenshots\n-----------\n\n1. first\n   shot of\n   the film\n\n\
             Reviews\n-------\n\n★★★☆☆ 6.0/10\n· average of\n1 rated\nreview\n\
             \x20     █\n      █\n      █\n      1\n01234567891\n\n\
             Ann · 1 word\n· 1 min\n★★★☆☆ 6/10\nFine.\n"
        );
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn color_marks_headings_and_authors() {
        let text = render(&page(), &EN, 80, true);
        assert!(text.starts_with("\x1b[1mFilm\x1b[0m\n"));
        assert!(text.contains("\x1b[1mAnn\x1b[0m"));
        assert!(
            text.contains("\x1b[38;5;3m★★★☆☆\x1b[39m\x1b[2m 6/10\x1b[0m"),
            "{text:?}"
        );
    }

    #[test]
    fn each_role_is_written_in_the_print_theme_and_plain_without_it() {
        let theme = Theme::print();
        let write = |painter: Painter<'_>, role: Role| {
            let mut out = Vec::new();
            painter
                .write(&mut out, "x", |t| t.role(role))
                .expect("write to Vec");
            String::from_utf8(out).expect("utf-8")
        };
        let styled = Painter {
            theme: Some(&theme),
        };
        let plain = Painter { theme: None };
        for (role, expected) in [
            (Role::Body, "x"),
            (Role::Caption, "x"),
            (Role::Author, "\x1b[1mx\x1b[0m"),
            (Role::Stars, "\x1b[38;5;3mx\x1b[39m"),
            (Role::Meta, "\x1b[2mx\x1b[0m"),
            (Role::Empty, "\x1b[2mx\x1b[0m"),
            (Role::Image, "\x1b[2mx\x1b[0m"),
            (Role::ImageMissing, "\x1b[2mx\x1b[0m"),
            (Role::NoImage, "\x1b[2mx\x1b[0m"),
        ] {
            assert_eq!(write(styled, role), expected, "{role:?}");
            assert_eq!(write(plain, role), "x", "{role:?}");
        }
    }

    #[test]
    fn empty_reviews_say_so_in_the_interface_language() {
        let mut p = page();
        p.reviews = Some(Reviews {
            heading: Some("Ulasan".into()),
            items: vec![],
        });
        let text = render(&p, &ID, 80, false);
        assert!(
            text.ends_with("Ulasan\n------\n\nBelum ada ulasan.\n"),
            "{text}"
        );
    }

    #[test]
    fn the_bundled_page_at_100_and_40_columns() {
        let page = crate::loader::parse(&crate::loader::bundled()).expect("bundled page");
        for width in [100, 40] {
            let text = render(&page, &ID, width, false);
            assert!(text.lines().all(|l| str_width(l) <= width), "{text}");
            insta::assert_snapshot!(format!("bundled_{width}"), text);
        }
    }

    #[test]
    fn width_one_does_not_panic() {
        let text = render(&page(), &EN, 1, false);
        assert!(text.lines().count() > 20);
    }
}
