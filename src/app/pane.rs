//! One tab's scroll state. The position is an anchor (block, line within the block)
//! rather than a global line number, so only the blocks that come on screen are ever
//! wrapped: a page of 100,000 reviews scrolls as cheaply as one of ten. Wrapped
//! blocks are cached for the current width, the cache kept to the blocks around the
//! view; a resize drops it and keeps the reader at the same character of the text.
//! Line counts outlive the cache, in [`line_counts`], which also answers "how many
//! lines above" for the scrollbar without a pass over every block.

mod line_counts;

use std::collections::HashMap;

use crate::layout::{Doc, LineRef, WrappedBlock};
use crate::picture::geometry::CellSize;
use crate::text::wrap::Fit;
use line_counts::LineCounts;

/// Wrapped blocks kept before the cache is trimmed to the view.
const CACHE_BLOCKS: usize = 1024;
/// Blocks kept on each side of the view when the cache is trimmed.
const CACHE_MARGIN: usize = 128;

/// The first line shown: a block and a line within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Anchor {
    pub block: usize,
    pub line: usize,
}

/// A place in a paragraph to find the line of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InPara {
    /// The line that holds this byte.
    Byte(usize),
    /// The line before the paragraph's first: the blank line, or a card's top border.
    Before,
}

/// The line of `lines` (a wrapped block's) at `at` in paragraph `para`.
fn line_in(lines: &[LineRef], para: usize, at: InPara) -> usize {
    let mut found = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some((p, r)) = line.text() else { continue };
        let past = match at {
            InPara::Before if p == para => return i.saturating_sub(1),
            InPara::Before => false,
            InPara::Byte(at) => p == para && r.start > at,
        };
        if p > para || past {
            break;
        }
        found = i;
    }
    found
}

/// A line on screen.
#[derive(Debug, Clone, Copy)]
pub struct VisibleLine<'p, 'a> {
    /// The block's number in the section.
    pub block: usize,
    pub wrapped: &'p WrappedBlock<'a>,
    pub line: LineRef,
    /// The line's number in the block, from 0.
    pub index: usize,
}

impl VisibleLine<'_, '_> {
    /// The line's text, or "" for a blank line or a border.
    #[cfg(test)]
    pub fn text(&self) -> &str {
        self.wrapped.line_text(self.line)
    }
}

/// Where the reader is, said by the text rather than by line numbers, so that a new
/// load of the page (which may add or remove lines anywhere) can show the same place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The top block's number, and what it shows ([`Doc::identity`]).
    top: (usize, Option<String>),
    /// Where the top line starts in that block's text, when it starts in text.
    offset: Option<(usize, InPara)>,
    /// The top line's number in its block, for a line that is not text.
    line: usize,
    /// The focused block's number, and what it shows.
    focus: (usize, Option<String>),
}

/// Where the view is, for the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Everything fits on one screen.
    All,
    Top,
    Bottom,
    /// Percent of the way down, 1 to 99.
    Percent(u8),
}

/// A scrollable view of one section.
#[derive(Debug)]
pub struct Pane<'a> {
    doc: Doc<'a>,
    width: usize,
    /// How lines are filled when a block is wrapped.
    fit: Fit,
    /// The cell size cards keep room for pictures at, when pictures are shown.
    pictures: Option<CellSize>,
    height: usize,
    wrapped: HashMap<usize, WrappedBlock<'a>>,
    /// Lines per block at `width`, as far as known (every block has a line).
    counts: LineCounts,
    top: Anchor,
    /// The block the reader is on, for `]`/`[` and the footer's `ulasan 3/12`.
    focus: usize,
}

impl<'a> Pane<'a> {
    pub fn new(doc: Doc<'a>) -> Self {
        Self {
            counts: LineCounts::new(doc.len()),
            doc,
            width: 0,
            fit: Fit::default(),
            pictures: None,
            height: 0,
            wrapped: HashMap::new(),
            top: Anchor::default(),
            focus: 0,
        }
    }

    pub fn doc(&self) -> &Doc<'a> {
        &self.doc
    }

    pub fn top(&self) -> Anchor {
        self.top
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// The width the blocks are wrapped at.
    #[cfg(test)]
    pub fn width(&self) -> usize {
        self.width
    }

    /// Shows another selection of the section's items (the reviews in another order
    /// or filtered), from the top.
    pub fn set_doc(&mut self, doc: Doc<'a>) {
        self.counts = LineCounts::new(doc.len());
        self.doc = doc;
        self.wrapped.clear();
        self.top = Anchor::default();
        self.focus = 0;
        self.clamp();
        self.prepare();
    }

    /// Fills lines by `fit` from now on: for a pane not yet sized, as the app is built.
    pub fn set_fit(&mut self, fit: Fit) {
        debug_assert!(self.wrapped.is_empty(), "set before the first wrap");
        self.fit = fit;
    }

    /// Sets the text area's size. A new width rewraps, keeping the top line's first
    /// character on the top line.
    pub fn resize(&mut self, width: usize, height: usize) {
        let width = width.max(1);
        if width != self.width {
            self.rewrap(|pane| pane.width = width);
        }
        self.height = height;
        self.clamp();
        // The review the reader is on stays on screen: keeping the top line can push
        // it below a shorter or narrower screen.
        if !self.focus_on_screen() {
            self.show_block(self.focus);
        }
        self.prepare();
    }

    /// Keeps room in cards for pictures at `cell` pixels a cell, or none: rewraps,
    /// keeping the reader's place, as a new width does.
    pub fn set_pictures(&mut self, pictures: Option<CellSize>) {
        if pictures != self.pictures {
            self.rewrap(|pane| pane.pictures = pictures);
            self.clamp();
            self.prepare();
        }
    }

    /// Applies `change` to how blocks are wrapped and forgets every wrapped block,
    /// keeping the top line's first character on the top line.
    fn rewrap(&mut self, change: impl FnOnce(&mut Self)) {
        let keep = self.top_text_offset();
        change(self);
        self.wrapped.clear();
        self.counts.forget();
        self.top.line = match keep {
            Some((para, at)) => self.line_of(self.top.block, para, at),
            None => 0,
        };
    }

    /// Whether a line of the focused block is on screen.
    fn focus_on_screen(&mut self) -> bool {
        let (top, bottom) = self.blocks_on_screen();
        (top..=bottom).contains(&self.focus)
    }

    /// The first and last blocks with a line on screen.
    fn blocks_on_screen(&mut self) -> (usize, usize) {
        let top = self.top.block;
        let mut bottom = top;
        let mut lines = self.lines_in(top).saturating_sub(self.top.line);
        while lines < self.height && bottom + 1 < self.blocks() {
            bottom += 1;
            lines += self.lines_in(bottom);
        }
        (top, bottom)
    }

    /// Where the reader is, to be shown again by [`Pane::show_place`] in a new load of
    /// the page.
    pub fn place(&self) -> Place {
        let identity = |block| (block, self.doc.identity(block).map(String::from));
        Place {
            top: identity(self.top.block),
            offset: self.top_text_offset(),
            line: self.top.line,
            focus: identity(self.focus),
        }
    }

    /// Shows `place`, taken from this section in another load of the page: the block
    /// that shows the same text, the nearest to where it was (or the block at the same
    /// number when none does), with the same character on the top line.
    pub fn show_place(&mut self, place: &Place) {
        let find = |(block, identity): &(usize, Option<String>)| {
            identity
                .as_deref()
                .and_then(|text| self.doc.find(text, *block))
                .unwrap_or(*block)
        };
        let (block, focus) = (find(&place.top), find(&place.focus));
        self.top = Anchor { block, line: 0 };
        self.focus = focus;
        self.clamp();
        let block = self.top.block;
        self.top.line = match place.offset {
            Some((para, at)) => self.line_of(block, para, at),
            None => place.line,
        };
        self.clamp();
        self.prepare();
    }

    /// The part of the page the top line shows.
    pub fn top_spot(&self) -> crate::model::Spot {
        let (para, at) = match self.top_text_offset() {
            Some((para, InPara::Byte(at))) => (para, at),
            Some((para, InPara::Before)) => (para, 0),
            None => (0, 0),
        };
        self.doc.spot(self.top.block, para, at)
    }

    /// How lines are filled.
    pub fn fit(&self) -> Fit {
        self.fit
    }

    /// Where the top line starts in the text: a paragraph and a place in it (a blank
    /// line or a card's top border is taken for the line before the paragraph under
    /// it; a card's bottom border, a row of its picture or of the chart for the last
    /// text line above it).
    pub(crate) fn top_text_offset(&self) -> Option<(usize, InPara)> {
        let block = self.wrapped.get(&self.top.block)?;
        match *block.lines.get(self.top.line)? {
            LineRef::Text { para, start, .. } => {
                Some((para as usize, InPara::Byte(start as usize)))
            }
            LineRef::Blank | LineRef::CardTop => {
                let below = block.lines.get(self.top.line + 1..)?;
                let (para, _) = below.iter().find_map(|l| l.text())?;
                Some((para, InPara::Before))
            }
            // Below the text: the last text line above it (a caption, above a picture;
            // the summary's line, above the chart).
            LineRef::CardBottom | LineRef::Picture { .. } | LineRef::Chart(_) => {
                let (para, range) = block.lines[..self.top.line]
                    .iter()
                    .rev()
                    .find_map(|l| l.text())?;
                Some((para, InPara::Byte(range.start)))
            }
        }
    }

    /// Where the text on screen starts: the top line's block, paragraph and first
    /// byte. A blank line, a card's top border or a row of its picture starts at the
    /// paragraph under it; a card's bottom border or a row of the chart, at the next
    /// block.
    pub fn top_place(&self) -> (usize, usize, usize) {
        let next = (self.top.block + 1, 0, 0);
        let Some(block) = self.wrapped.get(&self.top.block) else {
            return (self.top.block, 0, 0);
        };
        let rest = block.lines.get(self.top.line..).unwrap_or_default();
        let below = rest.iter().find_map(|l| l.text());
        match block.lines.get(self.top.line) {
            Some(LineRef::Text { para, start, .. }) => {
                (self.top.block, *para as usize, *start as usize)
            }
            Some(LineRef::Blank | LineRef::CardTop | LineRef::Picture { .. }) => {
                below.map_or(next, |(para, _)| (self.top.block, para, 0))
            }
            Some(LineRef::CardBottom | LineRef::Chart(_)) | None => next,
        }
    }

    /// The line of `block` that holds byte `at` of paragraph `para`.
    pub fn line_at(&mut self, block: usize, para: usize, at: usize) -> usize {
        self.line_of(block, para, InPara::Byte(at))
    }

    /// The line of `block` at `at` in paragraph `para`.
    fn line_of(&mut self, block: usize, para: usize, at: InPara) -> usize {
        self.ensure(block);
        self.wrapped
            .get(&block)
            .map_or(0, |wrapped| line_in(&wrapped.lines, para, at))
    }

    /// Wraps `block` if it is not wrapped at the current width.
    fn ensure(&mut self, block: usize) {
        if block >= self.blocks() || self.wrapped.contains_key(&block) {
            return;
        }
        let (content, width) = (self.doc.block(block), self.width.max(1));
        let wrapped = match self.pictures {
            Some(cell) => WrappedBlock::with_pictures(content, width, self.fit, cell),
            None => WrappedBlock::new(content, width, self.fit, true),
        };
        self.counts.set(block, wrapped.lines.len().max(1));
        self.wrapped.insert(block, wrapped);
    }

    /// Lines in `block`, wrapping it if its count is not known.
    fn lines_in(&mut self, block: usize) -> usize {
        if let Some(lines) = self.counts.get(block) {
            return lines;
        }
        self.ensure(block);
        self.counts.get(block).unwrap_or(0)
    }

    fn blocks(&self) -> usize {
        self.counts.len()
    }

    /// The last top position that still fills the screen.
    fn max_top(&mut self) -> Anchor {
        let mut remaining = self.height.max(1);
        let mut block = self.blocks();
        while block > 0 {
            block -= 1;
            let lines = self.lines_in(block);
            if lines >= remaining {
                return Anchor {
                    block,
                    line: lines - remaining,
                };
            }
            remaining -= lines;
        }
        Anchor::default()
    }

    fn clamp(&mut self) {
        if self.blocks() == 0 {
            self.top = Anchor::default();
            return;
        }
        self.top.block = self.top.block.min(self.blocks() - 1);
        let lines = self.lines_in(self.top.block);
        self.top.line = self.top.line.min(lines.saturating_sub(1));
        let max = self.max_top();
        if self.top > max {
            self.top = max;
        }
        self.focus = self.focus.min(self.blocks() - 1);
    }

    /// Wraps every block the screen shows, so drawing only reads, and trims the
    /// cache of wrapped blocks once it has grown well past the view.
    pub fn prepare(&mut self) {
        let mut need = self.height;
        let mut block = self.top.block;
        let mut skip = self.top.line;
        while need > 0 && block < self.blocks() {
            self.ensure(block);
            let lines = self.lines_in(block);
            need = need.saturating_sub(lines.saturating_sub(skip));
            skip = 0;
            block += 1;
        }
        if self.wrapped.len() > CACHE_BLOCKS {
            let keep = self.top.block.saturating_sub(CACHE_MARGIN)..block + CACHE_MARGIN;
            self.wrapped.retain(|b, _| keep.contains(b));
        }
    }

    /// Scrolls down `n` lines, stopping at the bottom.
    pub fn scroll_down(&mut self, n: usize) {
        let max = self.max_top();
        let mut n = n;
        while n > 0 && self.top < max {
            let lines = self.lines_in(self.top.block);
            let left = lines - 1 - self.top.line.min(lines - 1);
            if n <= left {
                self.top.line += n;
                n = 0;
            } else {
                n -= left + 1;
                self.top = Anchor {
                    block: self.top.block + 1,
                    line: 0,
                };
            }
        }
        if self.top > max {
            self.top = max;
        }
        self.follow_focus();
        self.prepare();
    }

    /// Scrolls up `n` lines, stopping at the top.
    pub fn scroll_up(&mut self, n: usize) {
        let mut n = n;
        while n > 0 && self.top > Anchor::default() {
            if n <= self.top.line || self.top.block == 0 {
                self.top.line = self.top.line.saturating_sub(n);
                n = 0;
            } else {
                n -= self.top.line + 1;
                let block = self.top.block - 1;
                self.top = Anchor {
                    block,
                    line: self.lines_in(block) - 1,
                };
            }
        }
        self.follow_focus();
        self.prepare();
    }

    /// Where the top line is in the text, exactly: [`Pane::top_text_offset`], and how
    /// many lines the top is below the line found from it (above it, negative: a
    /// blank line and a card's top border before a paragraph, or a card's bottom
    /// border after one).
    pub(crate) fn top_text_place(&self) -> Option<(usize, InPara, isize)> {
        let (para, at) = self.top_text_offset()?;
        let wrapped = self.wrapped.get(&self.top.block)?;
        let found = line_in(&wrapped.lines, para, at);
        let shift = isize::try_from(self.top.line).ok()? - isize::try_from(found).ok()?;
        Some((para, at, shift))
    }

    /// Puts the line `shift` lines below the one at `at` in paragraph `para` of
    /// `block` at the top, within bounds, with block `focus` selected if it is on
    /// screen (else the top block).
    pub(crate) fn show_text_place(
        &mut self,
        block: usize,
        (para, at, shift): (usize, InPara, isize),
        focus: usize,
    ) {
        let block = block.min(self.blocks().saturating_sub(1));
        let line = self.line_of(block, para, at).saturating_add_signed(shift);
        self.top = Anchor { block, line };
        self.focus = focus;
        self.clamp();
        self.follow_focus();
        self.prepare();
    }

    /// Puts `anchor` at the top, within bounds.
    pub fn set_top(&mut self, anchor: Anchor) {
        self.top = anchor;
        self.clamp();
        self.follow_focus();
        self.prepare();
    }

    pub fn scroll_to_top(&mut self) {
        self.top = Anchor::default();
        self.focus = 0;
        self.prepare();
    }

    pub fn scroll_to_bottom(&mut self) {
        self.top = self.max_top();
        self.focus = self.blocks().saturating_sub(1);
        self.prepare();
    }

    /// Moves the focus to `block`, which is on screen (a click).
    pub fn set_focus(&mut self, block: usize) {
        if block < self.blocks() {
            self.focus = block;
        }
    }

    /// Moves the focus to the next block and brings its start to the top.
    pub fn next_block(&mut self) {
        if self.focus + 1 < self.blocks() {
            self.focus += 1;
            self.show_block(self.focus);
        }
    }

    /// Moves to the start of the focused block, or to the previous block when
    /// already there.
    pub fn previous_block(&mut self) {
        if self.top.block == self.focus && self.top.line > self.first_line(self.focus) {
            self.show_block(self.focus);
        } else if self.focus > 0 {
            self.focus -= 1;
            self.show_block(self.focus);
        }
    }

    /// The first line of a block that is not the blank before it.
    fn first_line(&mut self, block: usize) -> usize {
        self.ensure(block);
        self.wrapped.get(&block).map_or(0, |w| {
            w.lines
                .iter()
                .position(|l| *l != LineRef::Blank)
                .unwrap_or(0)
        })
    }

    fn show_block(&mut self, block: usize) {
        // Start at the block's first line of substance, not the blank before it.
        let line = self.first_line(block);
        self.top = Anchor { block, line };
        let max = self.max_top();
        if self.top > max {
            self.top = max;
        }
        self.prepare();
    }

    /// Brings a line into view, near the top unless it is already on screen.
    pub fn reveal(&mut self, block: usize, line: usize) {
        self.focus = block;
        let target = Anchor { block, line };
        if !self.is_visible(target) {
            self.top = target;
            self.scroll_up(self.height / 3);
            let max = self.max_top();
            if self.top > max {
                self.top = max;
            }
        }
        self.focus = block;
        self.prepare();
    }

    /// Whether a line is on screen.
    fn is_visible(&mut self, target: Anchor) -> bool {
        if target < self.top {
            return false;
        }
        let mut at = self.top;
        for _ in 0..self.height {
            if at == target {
                return true;
            }
            if at.line + 1 < self.lines_in(at.block) {
                at.line += 1;
            } else {
                at = Anchor {
                    block: at.block + 1,
                    line: 0,
                };
            }
        }
        false
    }

    /// Keeps the focused block on screen after line scrolling: when it leaves, the
    /// focus moves to the block at the top.
    fn follow_focus(&mut self) {
        let (top, bottom) = self.blocks_on_screen();
        if self.focus < top || self.focus > bottom {
            self.focus = top;
        }
    }

    /// The lines on screen, top to bottom. Reads only; blocks were wrapped by
    /// [`Pane::prepare`].
    pub fn visible(&self) -> Vec<VisibleLine<'_, 'a>> {
        let mut out = Vec::with_capacity(self.height);
        let mut block = self.top.block;
        let mut line = self.top.line;
        while out.len() < self.height {
            let Some(wrapped) = self.wrapped.get(&block) else {
                break;
            };
            if let Some(&l) = wrapped.lines.get(line) {
                out.push(VisibleLine {
                    block,
                    wrapped,
                    line: l,
                    index: line,
                });
                line += 1;
            } else {
                block += 1;
                line = 0;
            }
        }
        out
    }

    /// The wrapped block, if it is wrapped at the current width.
    #[cfg(test)]
    pub fn wrapped(&self, block: usize) -> Option<&WrappedBlock<'a>> {
        self.wrapped.get(&block)
    }

    /// Lines per block where the count is not known yet: the average of the known.
    fn average_lines(&self) -> usize {
        match self.counts.known() {
            (_, 0) => 1,
            (lines, blocks) => lines.div_ceil(blocks),
        }
    }

    /// Total lines, exact once every block has been wrapped, estimated before.
    pub fn total_lines(&self) -> usize {
        let (lines, known) = self.counts.known();
        lines + (self.blocks() - known) * self.average_lines()
    }

    /// The top line's number from 0: exact while all blocks above it are known.
    pub fn top_line(&self) -> usize {
        let above = self.top.block.min(self.blocks());
        let (lines, known) = self.counts.known_before(above);
        lines + (above - known) * self.average_lines() + self.top.line
    }

    /// Where the view is: `All`, `Top`, `Bottom` or a percentage.
    pub fn position(&self) -> Position {
        let total = self.total_lines();
        let at_top = self.top == Anchor::default();
        let bottom_line = self.top_line() + self.height;
        let at_bottom = bottom_line >= total && self.is_last_known_at_bottom();
        match (at_top, at_bottom) {
            (true, true) => Position::All,
            (true, false) => Position::Top,
            (false, true) => Position::Bottom,
            (false, false) => {
                let scrollable = total.saturating_sub(self.height).max(1);
                let percent = (self.top_line() * 100 / scrollable).clamp(1, 99);
                Position::Percent(u8::try_from(percent).unwrap_or(99))
            }
        }
    }

    /// Whether the last block is wrapped and its last line is on screen.
    fn is_last_known_at_bottom(&self) -> bool {
        let last = self.blocks().saturating_sub(1);
        self.visible()
            .last()
            .is_some_and(|l| l.block == last && l.index + 1 == l.wrapped.lines.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;
    use crate::layout::Section;
    use crate::model::{Page, test_page};

    fn page(paragraphs: &[&str], reviews: usize) -> Page {
        test_page(
            paragraphs,
            std::iter::repeat_n("one two three four", reviews),
        )
    }

    fn pane(page: &Page, section: Section, w: usize, h: usize) -> Pane<'_> {
        let mut p = Pane::new(Doc::new(page, section, &EN));
        p.resize(w, h);
        p
    }

    fn texts(p: &Pane<'_>) -> Vec<String> {
        p.visible().iter().map(|l| l.text().to_string()).collect()
    }

    #[test]
    fn the_fit_set_fills_the_lines() {
        let p = page(&["aaa bb cc ddddd"], 0);
        let first = pane(&p, Section::Synopsis, 6, 5);
        assert_eq!(texts(&first), ["aaa bb", "cc", "ddddd"]);
        let mut optimal = Pane::new(Doc::new(&p, Section::Synopsis, &EN));
        optimal.set_fit(Fit::Optimal);
        optimal.resize(6, 5);
        assert_eq!(texts(&optimal), ["aaa", "bb cc", "ddddd"]);
    }

    #[test]
    fn empty_section_shows_one_line_and_does_not_scroll() {
        let p = page(&["x"], 0);
        let mut pane = pane(&p, Section::Reviews, 20, 5);
        pane.scroll_down(3);
        pane.scroll_to_bottom();
        assert_eq!(pane.top(), Anchor::default());
        assert_eq!(texts(&pane), ["No reviews yet."]);
        assert_eq!(pane.position(), Position::All);
    }

    #[test]
    fn one_line_fits() {
        let p = page(&["short"], 0);
        let mut pane = pane(&p, Section::Synopsis, 20, 5);
        pane.scroll_down(1);
        assert_eq!(pane.top(), Anchor::default());
        assert_eq!(pane.position(), Position::All);
    }

    #[test]
    fn exactly_a_page_does_not_scroll() {
        let p = page(&["a b c d e"], 0);
        let mut pane = pane(&p, Section::Synopsis, 1, 5);
        assert_eq!(pane.total_lines(), 5);
        pane.scroll_down(10);
        assert_eq!(pane.top(), Anchor::default());
        assert_eq!(pane.position(), Position::All);
    }

    #[test]
    fn scrolling_stops_at_the_last_full_screen() {
        let p = page(&["a b c d e f g h"], 0);
        let mut pane = pane(&p, Section::Synopsis, 1, 3);
        pane.scroll_down(100);
        assert_eq!(pane.top(), Anchor { block: 0, line: 5 });
        assert_eq!(texts(&pane), ["f", "g", "h"]);
        assert_eq!(pane.position(), Position::Bottom);
        pane.scroll_up(2);
        assert_eq!(texts(&pane), ["d", "e", "f"]);
        assert!(matches!(pane.position(), Position::Percent(60)));
        pane.scroll_up(100);
        assert_eq!(pane.position(), Position::Top);
    }

    #[test]
    fn scrolling_up_past_the_top_of_the_first_block_stops_there() {
        let p = page(&["a b c d e f"], 0);
        let mut pane = pane(&p, Section::Synopsis, 1, 2);
        pane.scroll_down(2);
        pane.scroll_up(5);
        assert_eq!(pane.top(), Anchor::default());
        pane.reveal(0, 3);
        assert_eq!(texts(&pane), ["d", "e"], "revealed line on screen");
    }

    #[test]
    fn scrolling_crosses_blocks_and_blank_lines() {
        let p = page(&["a b", "c d"], 0);
        let mut pane = pane(&p, Section::Synopsis, 1, 2);
        assert_eq!(texts(&pane), ["a", "b"]);
        pane.scroll_down(1);
        assert_eq!(texts(&pane), ["b", ""]);
        pane.scroll_down(1);
        assert_eq!(pane.top(), Anchor { block: 1, line: 0 });
        pane.scroll_down(5);
        assert_eq!(texts(&pane), ["c", "d"]);
        pane.scroll_up(2);
        assert_eq!(pane.top(), Anchor { block: 0, line: 1 });
    }

    #[test]
    fn resize_smaller_than_the_offset_keeps_the_place() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
        let p = page(&[text], 0);
        let mut pane = pane(&p, Section::Synopsis, 11, 2);
        pane.scroll_down(3);
        let first = texts(&pane)[0].clone();
        assert_eq!(first, "zeta eta");
        pane.resize(5, 2);
        assert_eq!(texts(&pane)[0], "zeta", "{:?}", texts(&pane));
        pane.resize(20, 2);
        assert_eq!(texts(&pane)[0], "delta epsilon zeta", "the line holding it");
        pane.resize(200, 50);
        assert_eq!(pane.top(), Anchor::default(), "everything fits again");
    }

    #[test]
    fn a_resize_keeps_the_focused_review_on_screen() {
        let p = page(&["x"], 30);
        let mut pane = pane(&p, Section::Reviews, 40, 12);
        // The last review: the screen stops at the bottom, so it is low on screen.
        pane.scroll_to_bottom();
        let focus = pane.focus();
        assert_eq!(focus, 29);
        let on_screen = |pane: &Pane<'_>| pane.visible().iter().any(|l| l.block == pane.focus());
        assert!(on_screen(&pane));
        assert!(pane.top().block < focus, "not at the top: {:?}", pane.top());
        pane.resize(40, 3);
        assert_eq!(pane.focus(), focus, "still the same review");
        assert!(on_screen(&pane), "{:?}", texts(&pane));
        pane.resize(12, 3);
        assert!(on_screen(&pane), "{:?}", texts(&pane));
        pane.resize(40, 12);
        assert!(on_screen(&pane), "{:?}", texts(&pane));
        assert_eq!(pane.focus(), focus);
    }

    #[test]
    fn review_navigation_moves_focus_and_clamps() {
        let p = page(&["x"], 5);
        let mut pane = pane(&p, Section::Reviews, 40, 4);
        assert_eq!(pane.focus(), 0);
        pane.next_block();
        assert_eq!(pane.focus(), 1);
        assert_eq!(
            pane.top(),
            Anchor { block: 1, line: 1 },
            "past the blank line"
        );
        for _ in 0..10 {
            pane.next_block();
        }
        assert_eq!(pane.focus(), 4);
        assert_eq!(pane.top(), pane.clone_max_top());
        pane.previous_block();
        assert_eq!(pane.focus(), 3);
        pane.scroll_to_top();
        pane.previous_block();
        assert_eq!(pane.focus(), 0);
    }

    #[test]
    fn large_pages_wrap_only_what_shows() {
        let p = page(&["x"], 100_000);
        let mut pane = pane(&p, Section::Reviews, 40, 10);
        // The screen's blocks, and the last screen's (to know where the bottom is).
        assert!(pane.wrapped.len() <= 10, "{}", pane.wrapped.len());
        pane.scroll_to_bottom();
        assert!(pane.wrapped.len() <= 10, "{}", pane.wrapped.len());
        assert!(
            pane.total_lines() >= 299_000,
            "estimated from what is known"
        );
        assert_eq!(pane.focus(), 99_999);
        assert_eq!(pane.position(), Position::Bottom);
        pane.scroll_up(1);
        assert!(matches!(pane.position(), Position::Percent(99)));
    }

    #[test]
    fn the_cache_stays_near_the_view_and_the_line_number_stays_exact() {
        let p = page(&["x"], 5000);
        let mut pane = pane(&p, Section::Reviews, 40, 10);
        for _ in 0..3000 {
            pane.scroll_down(5);
        }
        assert!(pane.wrapped.len() <= CACHE_BLOCKS, "{}", pane.wrapped.len());
        let above: usize = (0..pane.top().block)
            .map(|b| pane.counts.get(b).expect("scrolled past, so known"))
            .sum();
        assert_eq!(pane.top_line(), above + pane.top().line);
        let here = texts(&pane);
        pane.scroll_up(15_000);
        assert_eq!(
            texts(&pane)[0],
            "author 0 · 4 words · 1 min",
            "blocks dropped from the cache come back"
        );
        pane.scroll_down(15_000);
        assert_eq!(texts(&pane), here);
        pane.resize(30, 10);
        assert!(pane.top_line() > 0);
        assert_eq!(texts(&pane).len(), 10);
    }

    #[test]
    fn pictures_keep_room_in_cards_and_the_place_is_kept_when_they_go() {
        use crate::model::{Image, ImageFacts, ImageStatus, Screenshot, Screenshots};
        use crate::picture::geometry::CellSize;
        let mut p = page(&["x"], 0);
        let shot = |caption: &str| Screenshot {
            caption: caption.into(),
            image: Some(Image {
                path: "still.png".into(),
                status: ImageStatus::Found(ImageFacts {
                    width: 200,
                    height: 100,
                    format: "PNG",
                }),
            }),
        };
        p.screenshots = Some(Screenshots {
            heading: None,
            items: vec![shot("one"), shot("two")],
        });
        let mut pane = pane(&p, Section::Screenshots, 40, 6);
        assert_eq!(
            pane.total_lines(),
            2 * 4 + 1,
            "text cards: top, caption, path, bottom"
        );
        pane.set_pictures(Some(CellSize::HALF_BLOCKS));
        // 200×100 at 10×20 pixels a cell: 20 columns, 5 rows.
        assert_eq!(pane.total_lines(), 2 * (4 + 5) + 1);
        assert!(matches!(
            pane.visible()[2].line,
            LineRef::Picture { row: 0 }
        ));
        // Scrolled into the first picture, then the pictures go: the top is the
        // caption above it.
        pane.scroll_down(4);
        assert!(matches!(
            pane.visible()[0].line,
            LineRef::Picture { row: 2 }
        ));
        pane.set_pictures(None);
        assert_eq!(texts(&pane)[0], "one");
        pane.set_pictures(None);
        assert_eq!(texts(&pane)[0], "one", "no change, no rewrap");
    }

    #[test]
    fn zero_height_never_panics() {
        let p = page(&["a b c"], 3);
        let mut pane = pane(&p, Section::Reviews, 0, 0);
        pane.scroll_down(3);
        pane.scroll_up(3);
        pane.scroll_to_bottom();
        pane.next_block();
        pane.previous_block();
        assert!(pane.visible().is_empty());
    }

    impl Pane<'_> {
        fn clone_max_top(&mut self) -> Anchor {
            self.max_top()
        }
    }
}
