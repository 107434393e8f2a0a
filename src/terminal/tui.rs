//! The viewer's terminal: what ratatui's `Terminal` does for a full-screen app,
//! with two differences. A frame drawn onto a blank screen (the first, and the
//! first after a change of size) is written whole by [`super::blank`], where
//! ratatui would compare it with a blank buffer cell by cell. And the buffer the
//! next frame is drawn into is made when a second frame needs it, where ratatui
//! makes both before the first: at start-up that is one buffer fewer to fill.

use std::io;

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};

use super::DirectBackend;

type Out = DirectBackend<io::BufWriter<io::Stdout>>;

/// The viewer's terminal: its backend, and what its screen shows.
pub struct Tui {
    backend: Out,
    /// What the screen shows: the last frame drawn.
    shown: Buffer,
    /// Whether the screen is blank rather than showing `shown`: so when the terminal
    /// has just been taken (the alternate screen starts blank), and after a change
    /// of size (the screen is cleared then, as ratatui does).
    blank: bool,
    /// The frame before last, kept for its cells: the next frame is drawn into it.
    spare: Buffer,
}

impl Tui {
    /// The terminal, for a screen that is blank (or is made so before the first frame).
    pub(super) fn new(backend: Out) -> Self {
        Self {
            backend,
            shown: Buffer::default(),
            blank: true,
            spare: Buffer::default(),
        }
    }

    /// The terminal's size, asked once a frame.
    pub fn size(&self) -> io::Result<Size> {
        self.backend.size()
    }

    /// The backend, to queue bytes that leave with the next frame.
    pub fn backend_mut(&mut self) -> &mut Out {
        &mut self.backend
    }

    /// Draws a frame: `render` fills the buffer (its area is the whole screen) and
    /// says where the cursor shows, if anywhere. Only what changed since the last
    /// frame is written.
    pub fn draw(&mut self, render: impl FnOnce(&mut Buffer) -> Option<Position>) -> io::Result<()> {
        let area = Rect::from((Position::ORIGIN, self.size()?));
        if !self.blank && self.shown.area != area {
            self.backend.clear_region(ClearType::All)?;
            self.blank = true;
        }
        let mut next = std::mem::take(&mut self.spare);
        if next.area == area {
            next.reset();
        } else {
            next = Buffer::empty(area);
        }
        let cursor = render(&mut next);
        if self.blank {
            self.backend.draw_onto_blank(&next)?;
        } else {
            self.backend.draw(self.shown.diff_iter(&next))?;
        }
        match cursor {
            None => self.backend.hide_cursor()?,
            Some(cursor) => {
                self.backend.show_cursor()?;
                self.backend.set_cursor_position(cursor)?;
            }
        }
        Backend::flush(&mut self.backend)?;
        self.spare = std::mem::replace(&mut self.shown, next);
        self.blank = false;
        Ok(())
    }
}
