//! From the model to lines: each section of a page becomes a [`Doc`], a list of
//! blocks (a paragraph, a screenshot card, a review), each block a list of
//! paragraphs with a `Role`. Blocks are made on demand from the page, so a page
//! of 100,000 reviews costs nothing until a block is shown, and each block is
//! wrapped by the shared text engine. The viewer and `--print` both draw from here.
//! A review's shape is `review`'s.
//!
//! A text section opens with a block of layar's own, its head: the synopsis its
//! reading aid (`541 kata · 3 menit`), the reviews their ratings `summary`. Heads
//! are never searched. The reviews tab may show a selection of the reviews in
//! another order (`app::review_view`): a `Doc` maps its blocks through that list of
//! page indices, so everything that reads blocks follows it.

pub(crate) mod aid;
mod origin;
pub(crate) mod review;
pub(crate) mod summary;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use crate::i18n::Strings;
use crate::model::{ImageFacts, Page, Review};
use crate::picture::geometry::{self, CellSize, Cells};
use crate::text::wrap::{Fit, wrap};
use summary::Summary;

/// A section of the page, shown as one tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Synopsis,
    Screenshots,
    Reviews,
}

impl Section {
    /// Every section, in page order.
    pub(crate) const ALL: [Self; 3] = [Self::Synopsis, Self::Screenshots, Self::Reviews];

    /// The sections this page has, in page order. The synopsis is always there.
    pub fn present(page: &Page) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|s| match s {
                Self::Synopsis => true,
                Self::Screenshots => page.screenshots.is_some(),
                Self::Reviews => page.reviews.is_some(),
            })
            .collect()
    }

    /// The heading the page gives the section, or the interface language's default.
    pub(crate) fn heading<'a>(self, page: &'a Page, strings: &'static Strings) -> &'a str {
        let (given, default) = match self {
            Self::Synopsis => (page.synopsis.heading.as_deref(), strings.synopsis),
            Self::Screenshots => (
                page.screenshots.as_ref().and_then(|s| s.heading.as_deref()),
                strings.screenshots,
            ),
            Self::Reviews => (
                page.reviews.as_ref().and_then(|s| s.heading.as_deref()),
                strings.reviews,
            ),
        };
        given.unwrap_or(default)
    }
}

/// What a paragraph is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Running text: the synopsis, a review's text.
    Body,
    /// A screenshot's caption.
    Caption,
    /// A screenshot's image path and the picture's size and format.
    Image,
    /// A screenshot's image path and what is wrong with the file.
    ImageMissing,
    /// The room a card keeps for an image when the page names none.
    NoImage,
    /// A review's author.
    Author,
    /// A review's rating stars.
    Stars,
    /// A review's rating number and date.
    Meta,
    /// The line shown when a section has nothing in it.
    Empty,
    /// A text's length and reading time: layar's, never searched.
    Aid,
    /// The ratings summary's line.
    Summary,
}

impl Role {
    /// Whether search reads text of this role. What layar adds to help reading (the
    /// reading aid, the summary, the empty state) is not the page's and is not searched.
    pub(crate) fn is_searched(self) -> bool {
        !matches!(self, Self::Aid | Self::Summary | Self::Empty)
    }
}

/// How a block is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Paragraphs with a blank line between blocks.
    Plain,
    /// A card: the viewer draws a border with the label `n/total`; print lists it.
    Card { number: usize, total: usize },
    /// The ratings summary: its line, then [`CHART_ROWS`] rows of a bar chart.
    Summary { histogram: summary::Histogram },
}

/// The rows the ratings chart takes under the summary's line: bars, then their labels.
pub(crate) const CHART_ROWS: usize = 5;

/// A run of text with one role. Paragraphs in a block that share a line (the
/// stars, rating and date of a review) are separate spans of one [`Para`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para<'a> {
    pub text: Cow<'a, str>,
    /// Byte ranges within `text` and their roles; text outside them is `role`.
    pub spans: Vec<(Range<usize>, Role)>,
    pub role: Role,
    /// A blank line before this paragraph.
    pub gap_before: bool,
}

impl<'a> Para<'a> {
    fn new(text: impl Into<Cow<'a, str>>, role: Role) -> Self {
        Self {
            text: text.into(),
            spans: Vec::new(),
            role,
            gap_before: false,
        }
    }

    fn gap(mut self) -> Self {
        self.gap_before = true;
        self
    }

    /// The part of the text search reads: all of it but a reading aid at its end.
    pub(crate) fn searched(&self) -> &str {
        let end = self
            .spans
            .iter()
            .find(|(_, role)| !role.is_searched())
            .map_or(self.text.len(), |(r, _)| r.start);
        if self.role.is_searched() {
            self.text.get(..end).unwrap_or_default()
        } else {
            ""
        }
    }

    /// The role of the byte at `at`.
    pub(crate) fn role_at(&self, at: usize) -> Role {
        self.spans
            .iter()
            .find(|(r, _)| r.contains(&at))
            .map_or(self.role, |(_, role)| *role)
    }
}

/// One block of a section: a paragraph of the synopsis, a screenshot, a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block<'a> {
    pub kind: BlockKind,
    pub paras: Vec<Para<'a>>,
    /// A screenshot's picture, when its file can be shown: the viewer keeps room for
    /// it after the caption (the first paragraph).
    pub picture: Option<ImageFacts>,
}

/// One section of a page, as blocks made on demand: its head if it has one, then
/// its items (or the empty-state line).
///
/// Cheap to clone: the reviews' order is shared.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub(crate) page: &'a Page,
    pub(crate) section: Section,
    pub(crate) strings: &'static Strings,
    /// The reviews shown, as page indices in the order shown; `None` for every
    /// review as on the page.
    shown: Option<Arc<[u32]>>,
    /// Whether the section opens with a head block.
    head: bool,
    /// The reviews' ratings, summed up once: the reviews' head.
    summary: Option<Summary>,
    /// The synopsis's reading aid, counted once: the synopsis's head.
    aid: Option<Arc<str>>,
    /// Whether the section's items are still being read (the reviews of a big page
    /// shown by its head): its empty state says so.
    reading: bool,
}

impl<'a> Doc<'a> {
    /// The section's items, without a head.
    pub fn new(page: &'a Page, section: Section, strings: &'static Strings) -> Self {
        Self {
            page,
            section,
            strings,
            shown: None,
            head: false,
            summary: None,
            aid: None,
            reading: false,
        }
    }

    /// The doc of a section whose items are still being read, when `reading`.
    #[must_use]
    pub(crate) fn with_reading(mut self, reading: bool) -> Self {
        self.reading = reading;
        self
    }

    /// Whether the section's items are still being read.
    pub(crate) fn is_reading(&self) -> bool {
        self.reading
    }

    /// The doc with its head, as the viewer and `--print` show it: the synopsis's
    /// reading aid when it has text, the reviews' summary when one has a rating.
    #[must_use]
    pub fn with_head(mut self) -> Self {
        if self.section == Section::Reviews {
            self.summary = Summary::of(self.reviews());
        }
        if self.section == Section::Synopsis && !self.page.synopsis.paragraphs.is_empty() {
            let aid = aid::text(self.page.synopsis.paragraphs.iter(), self.strings);
            self.aid = Some(aid.into());
        }
        self.head = match self.section {
            Section::Synopsis => self.aid.is_some(),
            Section::Screenshots => false,
            Section::Reviews => self.summary.is_some(),
        };
        self
    }

    /// The doc showing only the reviews at `shown` (page indices), in that order.
    #[must_use]
    pub(crate) fn with_shown(mut self, shown: Option<Arc<[u32]>>) -> Self {
        if self.section == Section::Reviews {
            self.shown = shown;
        }
        self
    }

    /// How many blocks the section has: its head, then its items or the empty-state
    /// line.
    pub(crate) fn len(&self) -> usize {
        self.head() + self.items().max(1)
    }

    /// How many head blocks come before the items: 1 or 0.
    pub(crate) fn head(&self) -> usize {
        usize::from(self.head)
    }

    /// How many items (paragraphs, screenshots, reviews) the section shows.
    pub(crate) fn items(&self) -> usize {
        match &self.shown {
            Some(shown) => shown.len(),
            None => self.all_items(),
        }
    }

    /// How many items the section holds, shown or not.
    pub(crate) fn all_items(&self) -> usize {
        match self.section {
            Section::Synopsis => self.page.synopsis.paragraphs.len(),
            Section::Screenshots => self.page.screenshots.as_ref().map_or(0, |s| s.items.len()),
            Section::Reviews => self.reviews().len(),
        }
    }

    fn reviews(&self) -> &'a [Review] {
        self.page.reviews.as_ref().map_or(&[][..], |r| &r.items[..])
    }

    /// The item that block `index` shows, numbered as on the page, if it shows one.
    pub(crate) fn item(&self, index: usize) -> Option<usize> {
        let i = index.checked_sub(self.head())?;
        match &self.shown {
            Some(shown) => shown.get(i).map(|&i| i as usize),
            None => (i < self.all_items()).then_some(i),
        }
    }

    /// Block `index`: the head, an item, or the empty-state block when the section
    /// shows no items.
    pub(crate) fn block(&self, index: usize) -> Block<'a> {
        if index < self.head() {
            return self.head_block();
        }
        let Some(item) = self.item(index) else {
            let text = match self.section {
                Section::Synopsis => self.strings.empty_synopsis,
                Section::Screenshots => self.strings.no_screenshots,
                Section::Reviews if self.reading => self.strings.reading_reviews,
                Section::Reviews if self.all_items() > 0 => self.strings.no_reviews_shown,
                Section::Reviews => self.strings.no_reviews,
            };
            let para = Para::new(text, Role::Empty);
            return Block {
                kind: BlockKind::Plain,
                paras: vec![if index > 0 { para.gap() } else { para }],
                picture: None,
            };
        };
        let gap = index > 0;
        match self.section {
            Section::Synopsis => {
                let para = Para::new(
                    self.page.synopsis.paragraphs.get(item).unwrap_or_default(),
                    Role::Body,
                );
                Block {
                    kind: BlockKind::Plain,
                    paras: vec![if gap { para.gap() } else { para }],
                    picture: None,
                }
            }
            Section::Screenshots => self.screenshot(item),
            Section::Reviews => self.review(item, gap),
        }
    }

    /// The head: the synopsis's reading aid, or the reviews' ratings summary.
    fn head_block(&self) -> Block<'a> {
        match self.section {
            Section::Reviews => {
                let summary = self.summary;
                Block {
                    kind: BlockKind::Summary {
                        histogram: summary.map_or([0; summary::BUCKETS], |s| s.histogram),
                    },
                    paras: summary.map(|s| s.para(self.strings)).into_iter().collect(),
                    picture: None,
                }
            }
            Section::Synopsis | Section::Screenshots => Block {
                kind: BlockKind::Plain,
                paras: self
                    .aid
                    .iter()
                    .map(|aid| Para::new(aid.to_string(), Role::Aid))
                    .collect(),
                picture: None,
            },
        }
    }

    /// Calls `f` with each paragraph of block `index` that search reads, and the
    /// paragraph's index in [`Doc::block`]'s paragraphs, without building the block
    /// for the synopsis and reviews (a page may have 100,000 reviews).
    ///
    /// A review's rating and date line is made by layar for each call, so it is
    /// passed only when `meta` is set: a caller leaves it out for a query that
    /// [`review::could_match_meta`] says cannot match it. The empty-state line is not
    /// searched: nothing is called for an index past [`Doc::items`].
    pub(crate) fn search_paras(&self, index: usize, meta: bool, mut f: impl FnMut(usize, &str)) {
        let Some(item) = self.item(index) else {
            return;
        };
        match self.section {
            Section::Synopsis => f(
                0,
                self.page.synopsis.paragraphs.get(item).unwrap_or_default(),
            ),
            Section::Screenshots => {
                for (i, para) in self.block(index).paras.iter().enumerate() {
                    f(i, para.searched());
                }
            }
            Section::Reviews => {
                for (i, part) in review::parts(&self.reviews()[item]).enumerate() {
                    if meta || !matches!(part, review::Part::Meta(_)) {
                        f(i, &part.text());
                    }
                }
            }
        }
    }

    /// The block of each item, in order: for `--print`, which shows everything.
    pub(crate) fn blocks(&self) -> impl Iterator<Item = Block<'a>> + '_ {
        (0..self.len()).map(|i| self.block(i))
    }

    fn screenshot(&self, index: usize) -> Block<'a> {
        let shots = self
            .page
            .screenshots
            .as_ref()
            .map_or(&[][..], |s| &s.items[..]);
        let shot = &shots[index];
        let mut paras = vec![Para::new(shot.caption.as_str(), Role::Caption)];
        let picture = shot.image.as_ref().and_then(|i| i.status.facts());
        if let Some(image) = &shot.image {
            // `image: shots/1.png · 1920×1080 PNG`, or `image: shots/2.png (truncated)`.
            let mut text = format!("{}: {}", self.strings.image, image.path.display());
            let role = if let Some(facts) = image.status.facts() {
                let _ = write!(text, " · {facts}");
                Role::Image
            } else {
                let problem = crate::picture::problem(image.status, self.strings);
                let _ = write!(text, " ({problem})");
                Role::ImageMissing
            };
            paras.push(Para::new(
                crate::text::sanitize::sanitized(&text).into_owned(),
                role,
            ));
        } else {
            paras.push(Para::new(self.strings.no_image, Role::NoImage));
        }
        Block {
            kind: BlockKind::Card {
                number: index + 1,
                total: shots.len(),
            },
            paras,
            picture,
        }
    }

    fn review(&self, index: usize, gap: bool) -> Block<'a> {
        let review = &self.reviews()[index];
        let mut paras: Vec<Para<'a>> = review::parts(review).map(|part| part.para(gap)).collect();
        if let Some(author) = paras.first_mut() {
            aid::append(author, review.paragraphs.iter(), self.strings);
        }
        Block {
            kind: BlockKind::Plain,
            paras,
            picture: None,
        }
    }
}

/// One line of a wrapped block: a blank line, a card's top or bottom border, a row
/// of a card's picture, or a byte range of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineRef {
    Blank,
    CardTop,
    CardBottom,
    /// Row `row` (from 0) of the card's picture ([`WrappedBlock::picture`]).
    Picture {
        row: u16,
    },
    Text {
        para: u32,
        start: u32,
        end: u32,
    },
    /// A row of the ratings chart, from 0 at its top.
    Chart(u8),
}

impl LineRef {
    /// The paragraph index and byte range, for a text line.
    pub(crate) fn text(self) -> Option<(usize, Range<usize>)> {
        match self {
            Self::Blank
            | Self::CardTop
            | Self::CardBottom
            | Self::Picture { .. }
            | Self::Chart(_) => None,
            Self::Text { para, start, end } => Some((para as usize, start as usize..end as usize)),
        }
    }
}

/// A block and its lines at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WrappedBlock<'a> {
    pub block: Block<'a>,
    pub lines: Vec<LineRef>,
    /// The cells the card's picture takes, when it has room for one.
    pub picture: Option<Cells>,
}

/// The width inside a card's border: `│ ` and ` │`.
pub(crate) const CARD_INSET: usize = 4;

impl<'a> WrappedBlock<'a> {
    /// Wraps `block` to `width` columns, filling lines by `fit`. Cards reserve
    /// [`CARD_INSET`] columns when `framed` (the viewer draws a border; `--print` does not).
    pub fn new(block: Block<'a>, width: usize, fit: Fit, framed: bool) -> Self {
        Self::wrap(block, width, fit, framed, None)
    }

    /// As [`WrappedBlock::new`], framed, with rows kept after a card's caption for its
    /// picture as the terminal's cells of `cell` pixels show it.
    pub fn with_pictures(block: Block<'a>, width: usize, fit: Fit, cell: CellSize) -> Self {
        Self::wrap(block, width, fit, true, Some(cell))
    }

    fn wrap(
        block: Block<'a>,
        width: usize,
        fit: Fit,
        framed: bool,
        pictures: Option<CellSize>,
    ) -> Self {
        let card = matches!(block.kind, BlockKind::Card { .. }) && framed;
        let inner = if card {
            width.saturating_sub(CARD_INSET).max(1)
        } else {
            width.max(1)
        };
        let mut lines = Vec::new();
        if let BlockKind::Card { number, .. } = block.kind
            && card
        {
            if number > 1 {
                lines.push(LineRef::Blank);
            }
            lines.push(LineRef::CardTop);
        }
        let picture = match (block.picture, pictures) {
            (Some(facts), Some(cell)) if card => {
                let cols = u16::try_from(inner).unwrap_or(u16::MAX);
                geometry::cells(facts.width, facts.height, cell, cols)
            }
            _ => None,
        };
        for (i, para) in block.paras.iter().enumerate() {
            // The picture comes after the caption.
            if i == 1
                && let Some(cells) = picture
            {
                lines.extend((0..cells.rows).map(|row| LineRef::Picture { row }));
            }
            if para.gap_before {
                lines.push(LineRef::Blank);
            }
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            lines.extend(
                wrap(&para.text, inner, fit)
                    .into_iter()
                    .map(|r| LineRef::Text {
                        para: i,
                        start: offset(r.start),
                        end: offset(r.end),
                    }),
            );
        }
        if card {
            lines.push(LineRef::CardBottom);
        }
        if matches!(block.kind, BlockKind::Summary { .. }) {
            lines.extend((0..CHART_ROWS).map(|row| LineRef::Chart(row as u8)));
        }
        Self {
            block,
            lines,
            picture,
        }
    }

    /// The text of a line, or "" for a blank one.
    #[cfg(test)]
    pub(crate) fn line_text(&self, line: LineRef) -> &str {
        line.text()
            .and_then(|(p, r)| self.block.paras.get(p)?.text.get(r))
            .unwrap_or("")
    }
}

/// A byte offset as the `u32` lines and hits are stored in (pages are capped far
/// below 4 GiB).
pub(crate) fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};
    use crate::model::{
        Date, Image, ImageStatus, Rating, Review, Reviews, Screenshot, Screenshots, Synopsis,
    };

    fn page() -> Page {
        Page {
            title: "T".into(),
            language: None,
            synopsis: Synopsis {
                language: None,
                heading: None,
                paragraphs: ["one two three", "four"].into_iter().collect(),
            },
            screenshots: Some(Screenshots {
                heading: Some("Shots".into()),
                items: vec![Screenshot {
                    caption: "a caption".into(),
                    image: Some(Image {
                        path: "no/such/file.png".into(),
                        status: ImageStatus::Missing,
                    }),
                }],
            }),
            reviews: Some(Reviews {
                heading: None,
                items: vec![
                    Review {
                        language: None,
                        author: "Ann".into(),
                        rating: Rating::from_tenths(80),
                        date: Date::parse("2024-05-01"),
                        paragraphs: ["Good.", "Really."].into_iter().collect(),
                    },
                    Review {
                        language: None,
                        author: "Bob".into(),
                        rating: None,
                        date: None,
                        paragraphs: ["Meh."].into_iter().collect(),
                    },
                ],
            }),
        }
    }

    #[test]
    fn headings_fall_back_to_the_interface_language() {
        let p = page();
        assert_eq!(Section::Synopsis.heading(&p, &ID), "Sinopsis");
        assert_eq!(Section::Screenshots.heading(&p, &ID), "Shots");
        assert_eq!(Section::Reviews.heading(&p, &EN), "Reviews");
    }

    #[test]
    fn absent_sections_have_no_tab() {
        let mut p = page();
        p.screenshots = None;
        assert_eq!(
            Section::present(&p),
            vec![Section::Synopsis, Section::Reviews]
        );
    }

    #[test]
    fn review_block_has_author_meta_and_paragraphs() {
        let p = page();
        let doc = Doc::new(&p, Section::Reviews, &EN);
        let b = doc.block(0);
        let texts: Vec<_> = b.paras.iter().map(|p| p.text.as_ref()).collect();
        assert_eq!(
            texts,
            [
                "Ann · 2 words · 1 min",
                "★★★★☆ 8/10 · 2024-05-01",
                "Good.",
                "Really."
            ]
        );
        assert_eq!(
            b.paras[0].searched(),
            "Ann",
            "the reading aid is not searched"
        );
        assert_eq!(b.paras[0].role_at("Ann ".len()), Role::Aid);
        assert_eq!(b.paras[1].role_at(0), Role::Stars);
        assert_eq!(b.paras[1].role_at("★★★★☆ ".len()), Role::Meta);
        assert!(b.paras[3].gap_before);
        let second = doc.block(1);
        assert!(
            second.paras[0].gap_before,
            "reviews are separated by a blank line"
        );
        assert_eq!(second.paras.len(), 2, "no meta line without rating or date");
    }

    #[test]
    fn search_paras_agree_with_the_blocks() {
        let mut p = page();
        p.synopsis.paragraphs.push("five");
        for meta in [true, false] {
            for section in Section::ALL {
                let doc = Doc::new(&p, section, &EN)
                    .with_head()
                    .with_shown(Some([1, 0].into()));
                for index in 0..doc.len() {
                    let block = doc.block(index);
                    let mut seen = Vec::new();
                    doc.search_paras(index, meta, |i, text| {
                        assert_eq!(
                            block.paras[i].searched(),
                            text,
                            "{section:?} {index} para {i}"
                        );
                        seen.push(i);
                    });
                    let expected: Vec<_> = (0..block.paras.len())
                        .filter(|&i| meta || block.paras[i].role != Role::Meta)
                        .filter(|&i| block.paras[i].role.is_searched())
                        .collect();
                    assert_eq!(seen, expected, "{section:?} {index}, meta {meta}");
                }
            }
        }
        let mut none = 0;
        Doc::new(&p, Section::Reviews, &EN).search_paras(2, true, |_, _| none += 1);
        assert_eq!(none, 0, "past the last item");
    }

    #[test]
    fn heads_come_first_and_the_shown_reviews_follow_in_their_order() {
        let p = page();
        let synopsis = Doc::new(&p, Section::Synopsis, &EN).with_head();
        assert_eq!((synopsis.head(), synopsis.len()), (1, 3));
        assert_eq!(synopsis.block(0).paras[0].text, "4 words · 1 min");
        assert_eq!(synopsis.block(0).paras[0].role, Role::Aid);
        assert_eq!(synopsis.item(1), Some(0));
        let reviews = Doc::new(&p, Section::Reviews, &EN)
            .with_head()
            .with_shown(Some([1, 0].into()));
        assert_eq!(reviews.len(), 3, "the summary, then two reviews");
        let summary = reviews.block(0);
        assert!(matches!(summary.kind, BlockKind::Summary { histogram } if histogram[8] == 1));
        assert_eq!(
            summary.paras[0].text,
            "★★★★☆ 8.0/10 · average of 1 rated review"
        );
        let wrapped = WrappedBlock::new(summary, 40, Fit::First, true);
        assert_eq!(wrapped.lines.len(), 1 + CHART_ROWS);
        assert_eq!(wrapped.lines[1], LineRef::Chart(0));
        assert!(
            reviews.block(1).paras[0].text.starts_with("Bob"),
            "shown first"
        );
        assert!(reviews.block(2).paras[0].text.starts_with("Ann"));
        assert_eq!(
            (reviews.item(0), reviews.item(1), reviews.item(3)),
            (None, Some(1), None)
        );
        let none = Doc::new(&p, Section::Reviews, &EN)
            .with_head()
            .with_shown(Some([].into()));
        assert_eq!((none.items(), none.all_items(), none.len()), (0, 2, 2));
        assert_eq!(none.block(1).paras[0].text, "No review is rated this high.");
        let mut unrated = page();
        if let Some(r) = unrated.reviews.as_mut() {
            r.items.retain(|r| r.rating.is_none());
        }
        let doc = Doc::new(&unrated, Section::Reviews, &EN).with_head();
        assert_eq!(doc.head(), 0, "no summary without a rating");
        assert_eq!(
            Doc::new(&p, Section::Screenshots, &EN).with_head().head(),
            0
        );
    }

    #[test]
    fn empty_sections_show_their_empty_state() {
        let mut p = page();
        if let Some(r) = p.reviews.as_mut() {
            r.items.clear();
        }
        let doc = Doc::new(&p, Section::Reviews, &ID);
        assert_eq!(doc.len(), 1);
        assert_eq!(doc.items(), 0);
        assert_eq!(doc.block(0).paras[0].text, "Belum ada ulasan.");
        assert_eq!(doc.block(0).paras[0].role, Role::Empty);
    }

    #[test]
    fn missing_images_are_marked() {
        let p = page();
        let b = Doc::new(&p, Section::Screenshots, &EN).block(0);
        assert_eq!(
            b.kind,
            BlockKind::Card {
                number: 1,
                total: 1
            }
        );
        assert_eq!(b.paras[1].text, "image: no/such/file.png (not found)");
        assert_eq!(b.paras[1].role, Role::ImageMissing);
    }

    fn with_image(status: ImageStatus) -> Page {
        let mut p = page();
        if let Some(shot) = p.screenshots.as_mut().and_then(|s| s.items.first_mut()) {
            shot.image = Some(Image {
                path: "no/such/file.png".into(),
                status,
            });
        }
        p
    }

    const FACTS: ImageFacts = ImageFacts {
        width: 1920,
        height: 1080,
        format: "PNG",
    };

    #[test]
    fn images_show_what_the_loader_found_without_looking_again() {
        let p = with_image(ImageStatus::Found(FACTS));
        let b = Doc::new(&p, Section::Screenshots, &EN).block(0);
        assert_eq!(b.paras[1].text, "image: no/such/file.png · 1920×1080 PNG");
        assert_eq!(b.paras[1].role, Role::Image);
        assert_eq!(b.picture, Some(FACTS));
    }

    #[test]
    fn a_bad_image_says_what_is_wrong_and_keeps_no_room() {
        let p = with_image(ImageStatus::Truncated);
        let b = Doc::new(&p, Section::Screenshots, &ID).block(0);
        assert_eq!(
            b.paras[1].text,
            "gambar: no/such/file.png (berkas terpotong)"
        );
        assert_eq!(b.paras[1].role, Role::ImageMissing);
        assert_eq!(b.picture, None);
        let w = WrappedBlock::with_pictures(b, 40, Fit::First, CellSize::HALF_BLOCKS);
        assert!(!w.lines.iter().any(|l| matches!(l, LineRef::Picture { .. })));
    }

    #[test]
    fn a_card_keeps_rows_for_its_picture_after_the_caption() {
        let p = with_image(ImageStatus::Found(FACTS));
        let b = Doc::new(&p, Section::Screenshots, &EN).block(0);
        // 40 columns, 36 inside the border: 360 pixels of 10, 203 tall, 11 rows of 20.
        let w = WrappedBlock::with_pictures(b.clone(), 40, Fit::First, CellSize::HALF_BLOCKS);
        assert_eq!(w.picture, Some(Cells { cols: 36, rows: 11 }));
        assert_eq!(w.lines[0], LineRef::CardTop);
        assert_eq!(w.line_text(w.lines[1]), "a caption");
        assert_eq!(w.lines[2], LineRef::Picture { row: 0 });
        assert_eq!(w.lines[12], LineRef::Picture { row: 10 });
        assert_eq!(
            w.line_text(w.lines[13]),
            "image: no/such/file.png · 1920×1080"
        );
        assert_eq!(w.lines.last(), Some(&LineRef::CardBottom));
        // Text cards and --print keep no room.
        let text = WrappedBlock::new(b.clone(), 40, Fit::First, true);
        assert_eq!(text.picture, None);
        let print = WrappedBlock::new(b, 40, Fit::First, false);
        assert_eq!(print.picture, None);
    }

    #[test]
    fn cards_wrap_inside_their_border_only_when_framed() {
        let p = page();
        let b = Doc::new(&p, Section::Screenshots, &EN).block(0);
        let framed = WrappedBlock::new(b.clone(), 9, Fit::First, true);
        let plain = WrappedBlock::new(b, 9, Fit::First, false);
        assert_eq!(framed.lines[0], LineRef::CardTop);
        assert_eq!(framed.lines.last(), Some(&LineRef::CardBottom));
        assert_eq!(framed.line_text(framed.lines[1]), "a");
        assert_eq!(plain.line_text(plain.lines[0]), "a caption");
        assert!(framed.lines.len() > plain.lines.len());
    }

    #[test]
    fn gaps_become_blank_lines() {
        let p = page();
        let w = WrappedBlock::new(
            Doc::new(&p, Section::Synopsis, &EN).block(1),
            80,
            Fit::First,
            false,
        );
        assert_eq!(w.lines[0], LineRef::Blank);
        assert_eq!(w.line_text(w.lines[1]), "four");
    }
}
