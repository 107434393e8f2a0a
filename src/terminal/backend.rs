//! The viewer's ratatui backend: crossterm's, except that a frame's cells are
//! written by [`super::cells`] and the terminal's size is read once a frame.

use std::cell::Cell;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell as BufferCell};
use ratatui::layout::{Position, Size};

use super::{blank, cells};

/// Crossterm's backend with a faster `draw`, and a size asked of the terminal once
/// per frame: ratatui asks when the terminal is made and again before every draw,
/// and the viewer asks before every draw too (to lay out for the size the frame will
/// have), and each ask opens `/dev/tty`. The answer is kept until the next frame is
/// written, so a frame is laid out and drawn for one size; a resize after it is read
/// for the next.
#[derive(Debug)]
pub struct DirectBackend<W: Write> {
    inner: CrosstermBackend<W>,
    size: Cell<Option<Size>>,
    /// A frame's bytes, put together before they go to the writer in one call; kept
    /// for the next frame.
    frame: Vec<u8>,
}

impl<W: Write> DirectBackend<W> {
    pub fn new(writer: W) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            size: Cell::new(None),
            frame: Vec::new(),
        }
    }

    /// Writes the whole of `buf` onto a blank screen (see [`blank`]).
    pub fn draw_onto_blank(&mut self, buf: &Buffer) -> io::Result<()> {
        self.frame.clear();
        blank::write(&mut self.frame, buf)?;
        self.write_frame()
    }

    /// Writes the frame put together, after which the terminal's size is asked again.
    fn write_frame(&mut self) -> io::Result<()> {
        self.size.set(None);
        self.inner.write_all(&self.frame)
    }
}

/// Bytes written here are queued with the next frame's (nothing is flushed until
/// the frame is): the set-up sequences leave in the first frame's one write.
impl<W: Write> Write for DirectBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for DirectBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a BufferCell)>,
    {
        self.frame.clear();
        cells::write(&mut self.frame, content)?;
        self.write_frame()
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        if let Some(size) = self.size.get() {
            return Ok(size);
        }
        let size = self.inner.size()?;
        self.size.set(Some(size));
        Ok(size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
