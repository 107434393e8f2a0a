//! A new load of the same page (a save that `--watch` saw, the editor's return): the
//! reader keeps what they had. The old app is taken apart into [`Carried`], which
//! borrows nothing of the old page, and a new app is made on the new page from it:
//! the tab, each tab's place and focused block (found again by their text, so a
//! paragraph stays on top when lines are added above it), the reviews' order and
//! filter, the search and its highlights, the prompt, the help and its scroll.

use ratatui::layout::Rect;

use super::pane::{Anchor, Pane, Place};
use super::review_view::ReviewView;
use super::{App, SEARCH_SLICE};
use crate::i18n::Strings;
use crate::keymap::Mode;
use crate::layout::{Doc, Section};
use crate::model::Page;
use crate::picture::cache::{Mode as PictureMode, Pictures};
use crate::text::wrap::Fit;

/// What the reader has, without the page.
#[derive(Debug)]
pub struct Carried {
    selected: Section,
    mode: Mode,
    places: Vec<(Section, Place)>,
    review_view: ReviewView,
    /// The search's query, when one is in force.
    query: Option<String>,
    prompt: String,
    prompt_chars: usize,
    prompt_cut: bool,
    before_search: Option<(Section, Anchor)>,
    size: Rect,
    help_scroll: usize,
    fit: Fit,
    pictures: PictureMode,
    watching: bool,
}

impl<'a> App<'a> {
    /// Takes the app apart, keeping what the reader has.
    pub fn carry(self) -> Carried {
        let places = self
            .panes
            .iter()
            .map(|p| (p.doc().section, p.place()))
            .collect();
        Carried {
            selected: self.selected,
            mode: self.mode,
            places,
            query: self
                .search
                .is_active()
                .then(|| self.search.query().to_owned()),
            review_view: self.review_view,
            prompt: self.prompt,
            prompt_chars: self.prompt_chars,
            prompt_cut: self.prompt_cut,
            before_search: self.before_search,
            size: self.size,
            help_scroll: self.help_scroll,
            fit: self.panes.first().map(Pane::fit).unwrap_or_default(),
            pictures: self.pictures.mode(),
            watching: self.watching,
        }
    }

    /// The app on `page`, a new load of the page `carried` was taken from, showing
    /// what the reader had. Pictures are made again: their files may have changed.
    pub fn resume(page: &'a Page, strings: &'static Strings, carried: Carried) -> Self {
        let mut app = App::new(page, strings)
            .with_fit(carried.fit)
            .with_pictures(Pictures::new(carried.pictures))
            .watching(carried.watching);
        app.review_view = carried.review_view;
        if let Some(i) = app.index_of(Section::Reviews) {
            let reviews = page.reviews.as_ref().map_or(&[][..], |r| &r.items[..]);
            app.review_view.reload(reviews);
            let doc = Doc::new(page, Section::Reviews, strings)
                .with_head()
                .with_shown(app.review_view.shown());
            app.panes[i].set_doc(doc);
        }
        app.resize(carried.size.width, carried.size.height);
        for (section, place) in &carried.places {
            if let Some(i) = app.index_of(*section) {
                app.panes[i].show_place(place);
            }
        }
        app.select(carried.selected);
        app.mode = carried.mode;
        app.prompt = carried.prompt;
        app.prompt_chars = carried.prompt_chars;
        app.prompt_cut = carried.prompt_cut;
        app.before_search = carried
            .before_search
            .filter(|(section, _)| app.index_of(*section).is_some());
        app.help_scroll = carried.help_scroll.min(app.help_max_scroll());
        if let Some(query) = carried.query {
            // Counted again over the new text, from the top of the tab, without
            // moving the view.
            let from = (app.selected_index(), app.pane().top().block);
            let docs = app.docs();
            app.search
                .set_query_within(&query, &docs, from, SEARCH_SLICE);
        }
        app.want_pictures();
        app
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::i18n::EN;
    use crate::loader::{self, Source};

    fn page(yaml: &str) -> Page {
        let source = Source {
            name: "p".into(),
            base_dir: None,
            text: yaml.into(),
        };
        loader::parse(&source).expect("loads")
    }

    fn synopsis(paragraphs: usize, words: usize) -> String {
        (0..paragraphs)
            .map(|p| {
                (0..words)
                    .map(|w| format!("p{p}w{w}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n\n    ")
    }

    fn yaml(title: &str, synopsis: &str, reviews: &str) -> String {
        let mut yaml = format!("title: {title}\nsynopsis:\n  text: |\n    {synopsis}\n");
        if !reviews.is_empty() {
            yaml.push_str("reviews:\n  items:\n");
            yaml.push_str(reviews);
        }
        yaml
    }

    fn review(author: &str, rating: u8) -> String {
        format!("    - author: {author}\n      rating: {rating}\n      text: By {author}.\n")
    }

    fn first_line(app: &App<'_>) -> String {
        let pane = app.pane();
        let line = pane.visible()[0];
        line.text().to_owned()
    }

    #[test]
    fn the_same_text_stays_on_top_when_lines_are_added_above_it() {
        let old = page(&yaml("Old", &synopsis(6, 40), ""));
        let mut app = App::new(&old, &EN);
        app.update(Action::Resize {
            width: 60,
            height: 12,
        });
        for _ in 0..23 {
            app.update(Action::LineDown);
        }
        let top = first_line(&app);
        assert!(
            top.contains("p3w"),
            "scrolled into the fourth paragraph: {top}"
        );
        let carried = app.carry();
        let more = format!("{}\n\n    An added paragraph.", synopsis(1, 50));
        let new = page(&yaml(
            "New",
            &format!("{more}\n\n    {}", synopsis(6, 40)),
            "",
        ));
        let app = App::resume(&new, &EN, carried);
        assert_eq!(app.page().title, "New");
        assert_eq!(first_line(&app), top);
    }

    #[test]
    fn tab_order_filter_focus_and_search_are_kept() {
        let reviews: String = [("A", 9), ("B", 3), ("C", 7), ("D", 8)]
            .iter()
            .map(|(a, r)| review(a, *r))
            .collect();
        let old = page(&yaml("T", "Some text.", &reviews));
        let mut app = App::new(&old, &EN);
        app.update(Action::Resize {
            width: 60,
            height: 20,
        });
        app.update(Action::ReviewsTab);
        app.update(Action::SortReviews);
        app.update(Action::FilterReviews);
        app.update(Action::FilterReviews);
        app.update(Action::NextReview);
        app.update(Action::NextReview);
        app.update(Action::StartSearch);
        app.update(Action::SearchPaste("by".into()));
        app.update(Action::ConfirmSearch);
        let focused = |app: &App<'_>| {
            let pane = app.pane();
            pane.doc().identity(pane.focus()).map(String::from)
        };
        let before = focused(&app);
        assert!(before.is_some(), "a review is focused");
        let counter = app.search().counter();
        assert_eq!(counter.map(|(_, n)| n), Some(3), "three reviews shown");
        // A review is added before the others, rated high enough to be shown.
        let more = format!("{}{reviews}", review("E", 6));
        let new = page(&yaml("T", "Some text.", &more));
        let app = App::resume(&new, &EN, app.carry());
        assert_eq!(app.selected(), Section::Reviews);
        assert_eq!(app.review_view().filter(), old_filter());
        assert_eq!(app.pane().doc().items(), 4, "E is shown too");
        assert_eq!(focused(&app), before);
        assert_eq!(app.search().query(), "by");
        assert_eq!(app.search().counter().map(|(_, n)| n), Some(4));
    }

    fn old_filter() -> crate::app::review_view::MinRating {
        crate::app::review_view::MinRating::AtLeast6
    }

    #[test]
    fn a_tab_gone_from_the_page_leaves_the_reader_on_the_first() {
        let old = page(&yaml("T", "Text.", &review("A", 5)));
        let mut app = App::new(&old, &EN);
        app.update(Action::Resize {
            width: 40,
            height: 12,
        });
        app.update(Action::ReviewsTab);
        app.update(Action::ToggleHelp);
        let new = page("title: T\nsynopsis:\n  text: Text.\n");
        let app = App::resume(&new, &EN, app.carry());
        assert_eq!(app.selected(), Section::Synopsis);
        assert_eq!(app.mode(), Mode::Help, "the help stays open");
    }
}
