//! The interactive viewer's event loop: read an event, turn it into an action, update,
//! draw. It blocks on the terminal, so an idle viewer uses no CPU; events that queue
//! up (a resize storm, a held key) are applied together before one redraw.

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};

use crate::action::Action;
use crate::app::App;
use crate::i18n::Strings;
use crate::keymap;
use crate::layout::Section;
use crate::model::Page;
use crate::terminal;
use crate::text::wrap::Fit;
use crate::theme::Theme;
use crate::ui;

/// Lines the mouse wheel scrolls per notch.
const WHEEL_LINES: i8 = 3;

/// What an event means, beyond the app's own actions.
enum Step {
    Act(Action),
    Suspend,
    Nothing,
}

fn translate(app: &App<'_>, event: &Event) -> Step {
    match event {
        Event::Key(key) => match keymap::action_for(app.mode(), key) {
            Some(Action::Suspend) => Step::Suspend,
            Some(action) => Step::Act(action),
            None => Step::Nothing,
        },
        Event::Resize(width, height) => Step::Act(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Step::Act(Action::Wheel(WHEEL_LINES)),
            MouseEventKind::ScrollUp => Step::Act(Action::Wheel(-WHEEL_LINES)),
            MouseEventKind::Down(MouseButton::Left) => Step::Act(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => Step::Nothing,
        },
        _ => Step::Nothing,
    }
}

/// The viewer, holding the terminal: created before a long load (to show the loading
/// screen), then run on the page. Dropping it restores the terminal, whatever the
/// way out.
pub struct Viewer {
    term: terminal::Tui,
    mouse: bool,
    theme: Theme,
    /// The window title set, so the page's own is set only if it differs.
    title: String,
    /// The signal handlers, until the first frame is out and their thread starts.
    signals: Option<terminal::Signals>,
}

impl Viewer {
    /// Takes the terminal: signals handled (acted on from the first frame), raw
    /// mode, and the alternate screen and title queued for the first frame.
    pub fn start(mouse: bool, color: bool, title: &str) -> io::Result<Self> {
        let signals = Some(terminal::Signals::register()?);
        let term = terminal::init(mouse, title)?;
        let theme = if color { Theme::color() } else { Theme::mono() };
        Ok(Self {
            term,
            mouse,
            theme,
            title: title.to_owned(),
            signals,
        })
    }

    /// Draws the loading screen for a file of `bytes` bytes.
    pub fn loading(&mut self, name: &str, bytes: u64, strings: &'static Strings) -> io::Result<()> {
        let theme = &self.theme;
        self.term
            .draw(|frame| ui::loading(frame, name, bytes, strings, theme))?;
        watch_signals(&mut self.signals)
    }

    /// Runs the viewer on a page until the reader quits.
    pub fn run(
        mut self,
        page: &Page,
        strings: &'static Strings,
        tab: Option<Section>,
        fit: Fit,
    ) -> io::Result<()> {
        if self.title != page.title {
            terminal::set_title(&mut self.term, &page.title)?;
            self.title.clone_from(&page.title);
        }
        self.event_loop(page, strings, tab, fit)
    }

    fn event_loop(
        &mut self,
        page: &Page,
        strings: &'static Strings,
        tab: Option<Section>,
        fit: Fit,
    ) -> io::Result<()> {
        let mut app = App::new(page, strings).with_fit(fit);
        if let Some(tab) = tab {
            app.select(tab);
        }
        let theme = &self.theme;
        loop {
            // The terminal may have changed size since the last resize event was read
            // (or before the first): lay out for the size the frame will have.
            let size = self.term.size()?;
            if (size.width, size.height) != (app.size().width, app.size().height) {
                app.update(Action::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            self.term.draw(|frame| ui::draw(frame, &app, theme))?;
            watch_signals(&mut self.signals)?;
            // Count search hits while nothing else waits; a key press comes first.
            while app.is_busy() && !event::poll(Duration::ZERO)? {
                app.update(Action::ContinueSearch);
                self.term.draw(|frame| ui::draw(frame, &app, theme))?;
            }
            // Block for the next event, then take whatever else is already queued.
            let mut event = event::read()?;
            loop {
                match translate(&app, &event) {
                    Step::Act(action) => app.update(action),
                    Step::Suspend => {
                        self.term = terminal::suspend(self.mouse, &page.title)?;
                    }
                    Step::Nothing => {}
                }
                if app.should_quit() {
                    return Ok(());
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
                event = event::read()?;
            }
        }
    }
}

/// Starts acting on signals, once a frame is out; later calls do nothing.
fn watch_signals(signals: &mut Option<terminal::Signals>) -> io::Result<()> {
    signals.take().map_or(Ok(()), terminal::Signals::watch)
}

impl Drop for Viewer {
    fn drop(&mut self) {
        // What init queued may not have left yet (no frame drawn): it goes first, so
        // that restoring undoes it.
        let _ = std::io::Write::flush(self.term.backend_mut());
        terminal::restore();
    }
}
