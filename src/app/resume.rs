//! The viewer's state as [`crate::resume`] keeps it, and back: each tab's first line
//! on screen as a place in the text, found again by its paragraph's fingerprint.

use super::App;
use super::notice::Notice;
use super::pane::{Anchor, InPara};
use super::review_view::{MinRating, Order};
use crate::layout::Doc;
use crate::resume::{At, Place, Saved, TabPlace, fingerprint};

/// Blocks looked at on each side of a place's own block for its paragraph, when the
/// page changed: an edit moves a paragraph by a few blocks, and a page of 100,000
/// reviews is not read through for one that is gone.
const SEARCH_BLOCKS: usize = 5_000;

impl App<'_> {
    /// The tab shown and each tab's place, to keep on quit.
    pub fn saved(&self) -> Saved {
        let tabs = self
            .panes
            .iter()
            .map(|pane| {
                let doc = pane.doc();
                let block = pane.top().block;
                let (para, at, shift) = pane.top_text_place().unwrap_or((0, InPara::Byte(0), 0));
                TabPlace {
                    section: doc.section,
                    place: Place {
                        block,
                        para,
                        at: match at {
                            InPara::Byte(at) => At::Byte(at),
                            InPara::Before => At::Before,
                        },
                        fingerprint: paragraph_fingerprint(doc, block, para).unwrap_or(0),
                        shift,
                    },
                    focus: pane.focus(),
                }
            })
            .collect();
        Saved {
            tab: self.selected,
            order: self.review_view.order(),
            filter: self.review_view.filter(),
            tabs,
        }
    }

    /// Opens each tab at its saved place, where its paragraph is found, with the
    /// reviews in the saved order and filter, and the saved tab; the footer says so
    /// when that is not the page's start. Called once the
    /// app has its size (after the first [`crate::action::Action::Resize`]).
    pub fn resume(&mut self, saved: &Saved) {
        // The reviews as they were shown, so that their places are found there.
        if (saved.order, saved.filter) != (Order::default(), MinRating::default()) {
            let reviews = self.page.reviews.as_ref().map_or(&[][..], |r| &r.items[..]);
            self.review_view.set(saved.order, saved.filter, reviews);
            self.show_reviews();
        }
        for tab in &saved.tabs {
            let Some(i) = self.index_of(tab.section) else {
                continue;
            };
            let pane = &mut self.panes[i];
            let Some((block, para)) = find(pane.doc(), &tab.place) else {
                continue;
            };
            let at = match tab.place.at {
                At::Byte(at) => InPara::Byte(at),
                At::Before => InPara::Before,
            };
            // The block selected moves with the place, or is the top one.
            let focus = if block == tab.place.block {
                tab.focus
            } else {
                block
            };
            pane.show_text_place(block, (para, at, tab.place.shift), focus);
        }
        self.select(saved.tab);
        let moved = self.selected_index() > 0
            || self.review_view.shown().is_some()
            || self
                .panes
                .iter()
                .any(|p| p.top() != Anchor::default() || p.focus() > 0);
        if moved {
            self.notice = Some(Notice::Resumed);
        }
    }
}

/// The fingerprint of paragraph `para` of block `block`, if the block has it.
fn paragraph_fingerprint(doc: &Doc<'_>, block: usize, para: usize) -> Option<u64> {
    // The head (a reading aid, the ratings summary) and the empty state are made by
    // layar and never searched: their text is the block's own.
    if block < doc.len() && doc.item(block).is_none() {
        let made = doc.block(block);
        return made.paras.get(para).map(|p| fingerprint(&p.text));
    }
    let mut found = None;
    doc.search_paras(block, true, |i, text| {
        if i == para {
            found = Some(fingerprint(text));
        }
    });
    found
}

/// Where `place`'s paragraph is now: in its block if it is still there, else the
/// nearest block that holds a paragraph of the same text, within [`SEARCH_BLOCKS`].
fn find(doc: &Doc<'_>, place: &Place) -> Option<(usize, usize)> {
    if paragraph_fingerprint(doc, place.block, place.para) == Some(place.fingerprint) {
        return Some((place.block, place.para));
    }
    let blocks = doc.items();
    let in_block = |block: usize| {
        let mut found = None;
        doc.search_paras(block, true, |i, text| {
            if found.is_none() && fingerprint(text) == place.fingerprint {
                found = Some(i);
            }
        });
        found.map(|para| (block, para))
    };
    // Far enough to reach every block from the place's, which may lie past the end.
    let reach = SEARCH_BLOCKS.min(blocks.max(place.block));
    (1..=reach).find_map(|d| {
        let before = place.block.checked_sub(d).filter(|&b| b < blocks);
        let after = Some(place.block + d).filter(|&b| b < blocks);
        before
            .and_then(in_block)
            .or_else(|| after.and_then(in_block))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::i18n::EN;
    use crate::layout::Section;
    use crate::model::{Page, test_page};

    fn page(paragraphs: &[&str], reviews: usize) -> Page {
        let text = "one two three four five six seven eight";
        test_page(paragraphs, std::iter::repeat_n(text, reviews))
    }

    fn app(page: &Page, width: u16, height: u16) -> App<'_> {
        let mut app = App::new(page, &EN);
        app.update(Action::Resize { width, height });
        app
    }

    /// The text of the first line on screen.
    fn first_line(app: &App<'_>) -> String {
        app.pane()
            .visible()
            .first()
            .map(|l| l.text().to_string())
            .unwrap_or_default()
    }

    const WORDS: &str = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu \
                         xi omicron pi rho sigma tau upsilon phi chi psi omega, and again: \
                         alef bet gimel dalet he vav zayin het tet yod kaf lamed mem nun \
                         samekh ayin pe tsadi qof resh shin tav";

    #[test]
    fn a_page_opens_where_it_was_left_at_any_width() {
        let p = page(&["first paragraph", WORDS, "last one", WORDS], 30);
        let mut a = app(&p, 30, 10);
        // Past the reading aid and the first paragraph, into the second.
        for _ in 0..5 {
            a.update(Action::LineDown);
        }
        let line = first_line(&a);
        a.update(Action::ReviewsTab);
        for _ in 0..5 {
            a.update(Action::NextReview);
        }
        let review_top = a.pane().top();
        let saved = a.saved();
        assert_eq!(saved.tab, Section::Reviews);
        assert_eq!(saved.tabs[1].focus, 5);

        // The same size: the same lines, the same review.
        let mut b = app(&p, 30, 10);
        assert_eq!(b.notice(), None);
        b.resume(&saved);
        assert_eq!(b.notice(), Some(&Notice::Resumed));
        assert_eq!(b.selected(), Section::Reviews);
        assert_eq!((b.pane().top(), b.pane().focus()), (review_top, 5));
        b.update(Action::GotoTab(1));
        assert_eq!(first_line(&b), line);
        assert_eq!(b.notice(), None, "gone with the first key");

        // Wider: the line that holds the same first word.
        let mut c = app(&p, 40, 10);
        c.resume(&saved);
        c.update(Action::GotoTab(1));
        let word = line.split_whitespace().next().expect("a word");
        assert!(
            first_line(&c).contains(word),
            "{:?} for {word}",
            first_line(&c)
        );
    }

    #[test]
    fn a_changed_page_opens_at_the_same_paragraph_or_at_the_top() {
        let left = page(&["first paragraph", "second", WORDS, "last one", WORDS], 0);
        let mut a = app(&left, 30, 8);
        for _ in 0..9 {
            a.update(Action::LineDown);
        }
        let line = first_line(&a);
        assert!(
            WORDS.contains(line.as_str()) && !line.is_empty(),
            "{line:?}"
        );
        let saved = a.saved();

        // Two paragraphs inserted before it, one dropped: found a block on.
        let moved = page(
            &["new", "newer", "first paragraph", WORDS, "last one", WORDS],
            0,
        );
        let mut b = app(&moved, 30, 8);
        b.resume(&saved);
        assert_eq!(first_line(&b), line);
        assert_eq!((saved.tabs[0].place.block, b.pane().top().block), (3, 4));

        // Its text changed: the top.
        let other = WORDS.replace("alpha", "ALPHA");
        let edited = page(
            &[
                "first paragraph",
                "second",
                "something else",
                "last one",
                &other,
            ],
            0,
        );
        let mut c = app(&edited, 30, 8);
        c.resume(&saved);
        assert_eq!(c.pane().top(), Anchor::default());
        assert_eq!(c.notice(), None, "nothing resumed");

        // Fewer blocks than the place's: found, or the top, never out of bounds.
        let short = page(&[WORDS, "end"], 0);
        let mut d = app(&short, 30, 8);
        d.resume(&saved);
        assert_eq!(first_line(&d), line);
    }

    #[test]
    fn a_tab_the_page_lost_is_skipped_and_the_top_is_kept() {
        let p = page(&["one", "two"], 3);
        let mut a = app(&p, 30, 8);
        a.update(Action::ReviewsTab);
        a.update(Action::Bottom);
        let saved = a.saved();
        let mut fewer = page(&["one", "two"], 0);
        fewer.reviews = None;
        let mut b = app(&fewer, 30, 8);
        b.resume(&saved);
        assert_eq!(b.selected(), Section::Synopsis);
        assert_eq!(b.pane().top(), Anchor::default());
    }

    #[test]
    fn the_reviews_reopen_in_their_order_and_filter_and_the_chart_comes_back() {
        let mut p = page(&["one"], 12);
        for (i, review) in p.reviews.iter_mut().flat_map(|r| &mut r.items).enumerate() {
            let tenths = u8::try_from(i * 9 % 101).unwrap_or(0);
            review.rating = crate::model::Rating::from_tenths(tenths);
        }
        let mut a = app(&p, 40, 12);
        a.update(Action::ReviewsTab);
        // The ratings chart under the summary's line: each of its rows at the top
        // comes back, in the page's order.
        let mut chart_rows = 0;
        for down in 0..6 {
            let top = a.pane().visible().first().map(|l| l.line);
            chart_rows += usize::from(matches!(top, Some(crate::layout::LineRef::Chart(_))));
            let saved = a.saved();
            let mut b = app(&p, 40, 12);
            b.resume(&saved);
            assert_eq!(b.pane().top(), a.pane().top(), "{down} lines down");
            a.update(Action::LineDown);
        }
        assert!(
            chart_rows >= 3,
            "{chart_rows} of the chart's rows at the top"
        );
        // Highest rated first, 6 and over, the third review shown selected.
        a.update(Action::SortReviews);
        a.update(Action::FilterReviews);
        a.update(Action::FilterReviews);
        for _ in 0..3 {
            a.update(Action::NextReview);
        }
        let saved = a.saved();
        assert_eq!(
            (saved.order, saved.filter),
            (Order::Rating, MinRating::AtLeast6)
        );
        let mut b = app(&p, 40, 12);
        b.resume(&saved);
        assert_eq!(b.review_view().order(), Order::Rating);
        assert_eq!(b.review_view().filter(), MinRating::AtLeast6);
        assert_eq!(b.review_view().shown(), a.review_view().shown());
        assert_eq!(b.selected(), Section::Reviews);
        assert_eq!(
            (b.pane().top(), b.pane().focus()),
            (a.pane().top(), a.pane().focus())
        );
        assert_eq!(first_line(&b), first_line(&a));
        assert_eq!(b.notice(), Some(&Notice::Resumed));
        // Left in the page's order: nothing sorted on the way back.
        let mut c = app(&p, 40, 12);
        c.resume(&c.saved());
        assert_eq!(c.review_view().shown(), None);
        assert_eq!(c.notice(), None);
    }

    #[test]
    fn at_the_same_width_a_card_border_at_the_top_comes_back() {
        let mut p = page(&["one"], 0);
        p.screenshots = Some(crate::model::Screenshots {
            heading: None,
            items: (0..6)
                .map(|i| crate::model::Screenshot {
                    caption: format!("caption {i}"),
                    image: None,
                })
                .collect(),
        });
        let mut a = app(&p, 30, 8);
        a.update(Action::GotoTab(2));
        // Card 1: top border, caption, room for the image, bottom border; then a
        // blank line and card 2. Each of those lines at the top comes back.
        for down in 0..7 {
            let saved = a.saved();
            let mut b = app(&p, 30, 8);
            b.resume(&saved);
            assert_eq!(b.pane().top(), a.pane().top(), "{down} lines down");
            a.update(Action::LineDown);
        }
    }

    #[test]
    fn a_blank_line_at_the_top_is_kept_too() {
        let p = page(&["one two three", "four five six seven eight nine ten"], 0);
        let mut a = app(&p, 20, 6);
        // "one two three", "", "four five six seven", ...: the blank line at the top.
        a.update(Action::LineDown);
        assert_eq!(first_line(&a), "");
        let saved = a.saved();
        assert_eq!(saved.tabs[0].place.at, At::Before);
        let mut b = app(&p, 20, 6);
        b.resume(&saved);
        assert_eq!(b.pane().top(), a.pane().top());
    }
}
