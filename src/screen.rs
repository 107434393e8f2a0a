//! The screen's geometry, below both the state and the drawing: the regions for a
//! terminal size, the help overlay's layout (`help`) and the tabs' placement
//! (`tabs`). The update (to know how much text fits, how far the help scrolls, which
//! tab a click is on) and the drawing (to place it all) both use them, so they agree.

pub(crate) mod help;
pub(crate) mod tabs;

use ratatui::layout::Rect;

/// Columns the text may take at most, for comfortable reading on wide terminals.
pub(crate) const MAX_TEXT_WIDTH: u16 = 100;
/// The smallest terminal layar lays out; below it a short message shows instead.
pub(crate) const MIN_WIDTH: u16 = 20;
pub(crate) const MIN_HEIGHT: u16 = 6;
/// The most columns and rows layar draws: a window larger than this each way gets its
/// top-left part used. Screen buffers grow with the area (ratatui keeps two, of 48
/// bytes a cell: a 65535×65535 window would need 206 GB each); 1,000 × 1,000 cells is more
/// than any screen shows, and takes 48 MB a buffer.
pub(crate) const MAX_DRAWN: u16 = 1_000;

/// The area drawn in a window of `width`×`height`: the window, up to [`MAX_DRAWN`]
/// each way.
pub(crate) fn drawn(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.min(MAX_DRAWN), height.min(MAX_DRAWN))
}

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    pub header: Rect,
    pub tabs: Rect,
    pub rule: Rect,
    /// The body, between the rule and the footer.
    pub body: Rect,
    /// Where text is drawn inside the body (a margin on the left).
    pub text: Rect,
    /// The scrollbar's column, at the body's right edge.
    pub scrollbar: Rect,
    pub footer: Rect,
}

/// The regions for a terminal of `area`, or `None` when it is too small.
pub fn regions(area: Rect) -> Option<Regions> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let row = |y: u16, height: u16| Rect::new(area.x, area.y + y, area.width, height);
    let body = row(3, area.height - 4);
    let text = Rect::new(
        body.x + 1,
        body.y,
        (body.width - 3).min(MAX_TEXT_WIDTH),
        body.height,
    );
    Some(Regions {
        header: row(0, 1),
        tabs: row(1, 1),
        rule: row(2, 1),
        body,
        text,
        scrollbar: Rect::new(body.right() - 1, body.y, 1, body.height),
        footer: row(area.height - 1, 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_terminals_get_no_layout() {
        assert_eq!(regions(Rect::new(0, 0, 19, 24)), None);
        assert_eq!(regions(Rect::new(0, 0, 80, 5)), None);
        assert_eq!(regions(Rect::new(0, 0, 1, 1)), None);
        assert_eq!(regions(Rect::new(0, 0, 0, 0)), None);
    }

    #[test]
    fn huge_windows_are_drawn_in_their_top_left_part() {
        assert_eq!(drawn(80, 24), Rect::new(0, 0, 80, 24));
        assert_eq!(drawn(0, 0), Rect::new(0, 0, 0, 0));
        assert_eq!(
            drawn(u16::MAX, u16::MAX),
            Rect::new(0, 0, MAX_DRAWN, MAX_DRAWN)
        );
        assert_eq!(drawn(2_000, 50), Rect::new(0, 0, MAX_DRAWN, 50));
        let r = regions(drawn(u16::MAX, u16::MAX)).expect("fits");
        assert_eq!(r.footer.y, MAX_DRAWN - 1);
    }

    #[test]
    fn regions_tile_the_screen() {
        let r = regions(Rect::new(0, 0, 80, 24)).expect("fits");
        assert_eq!((r.header.y, r.tabs.y, r.rule.y, r.body.y), (0, 1, 2, 3));
        assert_eq!(r.body.height, 20);
        assert_eq!(r.footer.y, 23);
        assert_eq!(r.text.x, 1);
        assert_eq!(r.text.width, 77);
        assert_eq!(r.scrollbar.x, 79);
        let wide = regions(Rect::new(0, 0, 300, 50)).expect("fits");
        assert_eq!(wide.text.width, MAX_TEXT_WIDTH);
        let least = regions(Rect::new(0, 0, MIN_WIDTH, MIN_HEIGHT)).expect("fits");
        assert_eq!(least.body.height, 2);
    }
}
