//! The footer: the most useful keys (from the key table) on the left, `? help` and
//! `q quit` kept first when they do not all fit; on the right the search state and
//! the position (`ulasan 3/12 · 42%`). While the search prompt is open it becomes the
//! prompt, and the cursor stands after the query; while a note shows (`resumed`,
//! `search wrapped`, `opened with xdg-open`) it takes the keys' place.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position as Cursor, Rect};

use crate::action::Action;
use crate::app::App;
use crate::app::pane::Position;
use crate::app::review_view::Order;
use crate::keymap::{self, Keep};
use crate::layout::Section;
use crate::text::width::{str_width, truncate_start, truncate_with_ellipsis};
use crate::theme::Theme;

/// The right-hand side: search counter, review number and position.
pub fn status(app: &App<'_>) -> (String, bool) {
    let strings = app.strings();
    let mut parts = Vec::new();
    let mut no_match = false;
    // The note that the query was cut, where it leaves the query room to show.
    if app.prompt_is_cut() && app.size().width >= 60 {
        parts.push(format!(
            "{} {}",
            strings.query_cut,
            crate::app::MAX_QUERY_CHARS
        ));
    }
    if let Some((at, total)) = app.search().counter() {
        // While hits are still being counted the total is a floor and the current
        // hit's number unknown: `…/1200+`.
        let (at, total) = if app.is_busy() {
            ("…".to_string(), format!("{total}+"))
        } else {
            (at.to_string(), total.to_string())
        };
        if total == "0" {
            no_match = true;
            parts.push(strings.no_matches.to_string());
        } else if app.prompt().is_some() {
            parts.push(format!("{at}/{total}"));
        } else {
            parts.push(format!("/{} {at}/{total}", app.search().query()));
        }
    }
    if app.is_watching() {
        parts.push(strings.watching.to_owned());
    }
    let pane = app.pane();
    match app.selected() {
        Section::Reviews => parts.extend(review_state(app)),
        Section::Screenshots if pane.doc().items() > 0 => parts.push(format!(
            "{} {}/{}",
            strings.image,
            pane.focus() + 1,
            pane.doc().items()
        )),
        _ => {}
    }
    parts.push(match pane.position() {
        Position::All => strings.all.to_string(),
        Position::Top => strings.top.to_string(),
        Position::Bottom => strings.bottom.to_string(),
        Position::Percent(p) => format!("{p}%"),
    });
    (parts.join(" · "), no_match)
}

/// On the reviews tab: the order and the filter where they are not the page's, and
/// the focused review's number among those shown (`–` above the first).
fn review_state(app: &App<'_>) -> Vec<String> {
    let strings = app.strings();
    let view = app.review_view();
    let mut parts = Vec::new();
    // Below 60 columns the names are cut short, to leave room for the review number.
    let narrow = app.size().width < 60;
    let (rating, newest, author) = if narrow {
        let s = strings;
        (
            s.order_rating_short,
            s.order_newest_short,
            s.order_author_short,
        )
    } else {
        (
            strings.order_rating,
            strings.order_newest,
            strings.order_author,
        )
    };
    match view.order() {
        Order::Page => {}
        Order::Rating => parts.push(rating.to_string()),
        Order::Newest => parts.push(newest.to_string()),
        Order::Author => parts.push(author.to_string()),
    }
    if let Some(points) = view.filter().points() {
        parts.push(if narrow {
            format!("≥{points}")
        } else {
            format!("{} ≥ {points}", strings.min_rating)
        });
    }
    let pane = app.pane();
    let doc = pane.doc();
    if doc.items() > 0 {
        let number = pane
            .focus()
            .checked_sub(doc.head())
            .filter(|&n| n < doc.items())
            .map_or_else(
                || strings.no_review_number.to_string(),
                |n| (n + 1).to_string(),
            );
        parts.push(format!("{} {number}/{}", strings.review_word, doc.items()));
    }
    parts
}

/// Draws the footer; returns where the cursor goes while the prompt is open.
pub fn render(buf: &mut Buffer, area: Rect, app: &App<'_>, theme: &Theme) -> Option<Cursor> {
    let (right, no_match) = status(app);
    let right = truncate_with_ellipsis(&right, usize::from(area.width.saturating_sub(1)));
    let right_w = str_width(&right) as u16;
    let right_x = area.right().saturating_sub(right_w + 1);
    let style = if no_match {
        theme.no_match
    } else {
        theme.footer_state
    };
    buf.set_stringn(right_x, area.y, &right, usize::from(right_w), style);
    let room = usize::from(right_x.saturating_sub(area.x + 2));
    if let Some(query) = app.prompt() {
        let prompt = format!("/{query}");
        // Show the end of a long query: that is where the typing happens.
        let shown = truncate_start(&prompt, room.saturating_sub(1));
        let (x, y) = buf.set_stringn(area.x + 1, area.y, shown, room, theme.footer_key);
        return Some(Cursor::new(x, y));
    }
    if let Some(notice) = app.notice() {
        let text = notice.text(app.strings());
        let note = truncate_with_ellipsis(&text, room);
        buf.set_stringn(area.x + 1, area.y, &note, room, theme.notice);
        return None;
    }
    let tabs = app.sections().count();
    let has_reviews = app.sections().any(|s| s == Section::Reviews);
    let available = |a: Action| match a {
        Action::NextTab | Action::PreviousTab => tabs > 1,
        Action::ReviewsTab => has_reviews,
        _ => true,
    };
    let hints = keymap::footer_hints(&app.strings().actions, available);
    let widths: Vec<(usize, Keep)> = hints
        .iter()
        .map(|(keys, what, keep)| (str_width(keys) + 1 + str_width(what), *keep))
        .collect();
    let mut x = area.x + 1;
    for ((keys, what, _), shown) in hints.iter().zip(shown_hints(&widths, room)) {
        if !shown {
            continue;
        }
        let (kx, _) = buf.set_stringn(x, area.y, keys, room, theme.footer_key);
        let (wx, _) = buf.set_stringn(kx + 1, area.y, what, room, theme.footer);
        x = wx + HINT_GAP as u16;
    }
    None
}

/// Columns between two hints.
const HINT_GAP: usize = 2;

/// Which hints of these widths fit in `room` columns: all that fit, those kept
/// first taken before the others, each group in order. The others show only when
/// every hint kept first does: a lesser hint never stands where help or quit did
/// not fit.
fn shown_hints(widths: &[(usize, Keep)], room: usize) -> Vec<bool> {
    let mut shown = vec![false; widths.len()];
    let mut used = 0;
    for keep in [Keep::First, Keep::IfRoom] {
        let all_first = widths
            .iter()
            .zip(&shown)
            .all(|(&(_, k), &s)| k != Keep::First || s);
        if keep == Keep::IfRoom && !all_first {
            break;
        }
        for (i, &(w, k)) in widths.iter().enumerate() {
            let need = if used == 0 { w } else { w + HINT_GAP };
            if k == keep && used + need <= room {
                shown[i] = true;
                used += need;
            }
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};
    use crate::loader;

    #[test]
    fn help_and_quit_are_kept_first_when_room_is_short() {
        let (first, if_room) = (Keep::First, Keep::IfRoom);
        let widths = [(8, if_room), (5, if_room), (9, first), (8, first)];
        assert_eq!(shown_hints(&widths, 100), [true; 4]);
        // 9 + 2 + 8 kept first, then what still fits, in order.
        assert_eq!(shown_hints(&widths, 19), [false, false, true, true]);
        assert_eq!(shown_hints(&widths, 26), [false, true, true, true]);
        assert_eq!(shown_hints(&widths, 29), [true, false, true, true]);
        assert_eq!(shown_hints(&widths, 12), [false, false, true, false]);
        assert_eq!(shown_hints(&widths, 8), [false, false, false, true]);
        // Room for a lesser hint but not for help or quit: none.
        assert_eq!(shown_hints(&widths, 7), [false; 4]);
        assert_eq!(shown_hints(&widths, 0), [false; 4]);
    }

    #[test]
    fn a_narrow_footer_with_a_search_keeps_help_and_quit() {
        let page = loader::parse(&loader::bundled()).expect("bundled page");
        let mut app = App::new(&page, &ID);
        app.update(Action::Resize {
            width: 40,
            height: 12,
        });
        app.update(Action::StartSearch);
        app.update(Action::SearchPaste("joseph".into()));
        app.update(Action::ConfirmSearch);
        let area = Rect::new(0, 11, 40, 1);
        let mut buf = Buffer::empty(area);
        render(&mut buf, area, &app, &Theme::dark());
        let line: String = (0..40).map(|x| buf[(x, 11)].symbol()).collect();
        assert!(line.contains("? bantuan  q keluar"), "{line:?}");
        assert!(line.contains("/joseph 1/9"), "{line:?}");
        assert!(!line.contains("cari"), "{line:?}");
    }

    #[test]
    fn a_note_takes_the_place_of_the_keys_until_the_next_key() {
        let page = loader::parse(&loader::bundled()).expect("bundled page");
        let mut app = App::new(&page, &EN);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(Action::Bottom);
        app.update(Action::StartSearch);
        app.update(Action::SearchPaste("prancis".into()));
        app.update(Action::ConfirmSearch);
        let area = Rect::new(0, 23, 80, 1);
        let line = |app: &App<'_>| {
            let mut buf = Buffer::empty(area);
            render(&mut buf, area, app, &Theme::dark());
            let line: String = (0..80).map(|x| buf[(x, 23)].symbol()).collect();
            (line, buf[(1, 23)].style())
        };
        let (shown, style) = line(&app);
        assert!(shown.starts_with(" search wrapped "), "{shown:?}");
        assert!(!shown.contains("quit"), "{shown:?}");
        assert!(style.add_modifier.contains(ratatui::style::Modifier::BOLD));
        app.update(Action::LineDown);
        let (shown, _) = line(&app);
        assert!(shown.contains("q quit"), "{shown:?}");
    }

    #[test]
    fn the_reviews_order_and_filter_are_named_shorter_when_narrow() {
        let page = crate::model::Page {
            reviews: Some(crate::model::Reviews {
                heading: None,
                items: (0..12)
                    .map(|i| crate::model::Review {
                        language: None,
                        author: format!("A{i}"),
                        rating: crate::model::Rating::from_tenths(i * 8),
                        date: None,
                        paragraphs: ["x"].into_iter().collect(),
                    })
                    .collect(),
            }),
            ..loader::parse(&loader::bundled()).expect("bundled page")
        };
        let mut app = App::new(&page, &EN);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(Action::ReviewsTab);
        assert_eq!(status(&app).0, "review –/12 · Top", "the summary is on top");
        app.update(Action::NextReview);
        assert!(
            status(&app).0.starts_with("review 1/12 · "),
            "{:?}",
            status(&app)
        );
        app.update(Action::SortReviews);
        app.update(Action::FilterReviews);
        app.update(Action::FilterReviews);
        app.update(Action::NextReview);
        assert_eq!(
            status(&app).0,
            "highest rated · rating ≥ 6 · review 1/4 · Bot"
        );
        app.update(Action::Resize {
            width: 40,
            height: 12,
        });
        assert!(
            status(&app).0.starts_with("rating↓ · ≥6 · review 1/4"),
            "{:?}",
            status(&app)
        );
    }

    #[test]
    fn a_followed_file_is_said_before_the_position() {
        let page = loader::parse(&loader::bundled()).expect("bundled page");
        let mut app = App::new(&page, &crate::i18n::ID).watching(true);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        assert_eq!(status(&app).0, "memantau · Atas");
        let mut app = App::new(&page, &EN);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        assert_eq!(status(&app).0, "Top", "not without --watch");
    }

    #[test]
    fn a_cut_query_is_noted_while_it_is_cut_where_there_is_room() {
        let page = loader::parse(&loader::bundled()).expect("bundled page");
        let mut app = App::new(&page, &EN);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(Action::StartSearch);
        app.update(Action::SearchPaste("joseph ".repeat(300)));
        assert!(
            status(&app).0.contains("query cut at 1000"),
            "{:?}",
            status(&app)
        );
        app.update(Action::Resize {
            width: 59,
            height: 24,
        });
        assert!(!status(&app).0.contains("1000"), "no room for it");
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(Action::SearchBackspace);
        assert!(!status(&app).0.contains("1000"), "no longer cut");
    }
}
