//! The viewer's terminal: ratatui's `Terminal`, except that a frame drawn onto a
//! blank screen is written whole by [`super::blank`] rather than compared with the
//! blank buffer before it, cell by cell.

use std::io;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Size};

use super::{DirectBackend, blank};

type Inner = Terminal<DirectBackend<io::BufWriter<io::Stdout>>>;

pub struct Tui {
    term: Inner,
    /// Whether both the screen and ratatui's record of it are blank: so when the
    /// terminal has just been taken (the alternate screen starts blank), and after
    /// a change of size (ratatui clears the screen and forgets what was on it).
    blank: bool,
}

impl Tui {
    /// The terminal, for a screen that is blank (or is made so before the first frame).
    pub(super) fn new(backend: DirectBackend<io::BufWriter<io::Stdout>>) -> io::Result<Self> {
        Ok(Self {
            term: Terminal::new(backend)?,
            blank: true,
        })
    }

    /// The terminal's size, asked once a frame.
    pub fn size(&self) -> io::Result<Size> {
        self.term.size()
    }

    /// The backend, to queue bytes that leave with the next frame.
    pub fn backend_mut(&mut self) -> &mut DirectBackend<io::BufWriter<io::Stdout>> {
        self.term.backend_mut()
    }

    /// Draws a frame: `render` fills the buffer (its area is the whole screen) and
    /// says where the cursor shows, if anywhere.
    pub fn draw(&mut self, render: impl FnOnce(&mut Buffer) -> Option<Position>) -> io::Result<()> {
        let before = self.term.get_frame().area();
        self.term.autoresize()?;
        if self.term.get_frame().area() != before {
            self.blank = true;
        }
        if !self.blank {
            self.term.draw(|frame| {
                if let Some(cursor) = render(frame.buffer_mut()) {
                    frame.set_cursor_position(cursor);
                }
            })?;
            return Ok(());
        }
        // What `Terminal::draw` does, with the whole buffer written in place of the
        // changes from the previous one.
        let cursor = render(self.term.current_buffer_mut());
        let mut bytes = Vec::new();
        blank::write(&mut bytes, self.term.current_buffer_mut())?;
        self.term.backend_mut().write_frame(&bytes)?;
        match cursor {
            None => self.term.hide_cursor()?,
            Some(cursor) => {
                self.term.show_cursor()?;
                self.term.set_cursor_position(cursor)?;
            }
        }
        self.term.swap_buffers();
        Backend::flush(self.term.backend_mut())?;
        self.blank = false;
        Ok(())
    }
}
