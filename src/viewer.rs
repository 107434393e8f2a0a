//! The interactive viewer's event loop: read an event, turn it into an action, update,
//! draw. It blocks on the terminal, so an idle viewer uses no CPU; events that queue
//! up (a resize storm, a held key, a burst of typing) are applied together before one
//! redraw. A paste (the terminal's bracketed paste) is one event.
//!
//! Before a large page is parsed the viewer shows the loading screen and parses on a
//! worker thread, reading keys meanwhile: the quit keys end layar at once.

use std::io;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyEvent, MouseButton, MouseEventKind};

use crate::action::Action;
use crate::app::App;
use crate::i18n::Strings;
use crate::keymap::{self, Mode};
use crate::layout::Section;
use crate::model::Page;
use crate::resume::Resume;
use crate::terminal::{self, input};
use crate::text::wrap::Fit;
use crate::theme::Theme;
use crate::ui;

/// How often the loading screen looks whether the load has ended, between keys.
const LOAD_TICK: Duration = Duration::from_millis(20);

/// The worker thread's stack: the main thread's usual 8 MiB, and room to spare, for
/// a parser that recurses into nested YAML.
const LOADER_STACK: usize = 32 << 20;

/// Lines the mouse wheel scrolls per notch.
const WHEEL_LINES: i8 = 3;

/// What an event means, beyond the app's own actions.
enum Step {
    Act(Action),
    Suspend,
    Nothing,
}

fn translate(app: &App<'_>, event: Event) -> Step {
    match event {
        Event::Key(key) => match keymap::action_for(app.mode(), &key) {
            Some(Action::Suspend) => Step::Suspend,
            Some(action) => Step::Act(action),
            None => Step::Nothing,
        },
        Event::Resize(width, height) => Step::Act(Action::Resize { width, height }),
        // Only the search prompt takes text; elsewhere a paste does nothing.
        Event::Paste(text) if app.mode() == Mode::Prompt => Step::Act(Action::SearchPaste(text)),
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

    /// Shows the loading screen for a file `name` of `bytes` bytes while `load` runs
    /// on a worker thread, and returns what it returns; or `None` as soon as a quit
    /// key is pressed (the worker is left to end with the process).
    pub fn load<T: Send + 'static>(
        &mut self,
        name: &str,
        bytes: u64,
        strings: &'static Strings,
        load: impl FnOnce() -> T + Send + 'static,
    ) -> io::Result<Option<T>> {
        self.draw_loading(name, bytes, strings)?;
        watch_signals(&mut self.signals)?;
        let worker = thread::Builder::new()
            .name("loader".into())
            .stack_size(LOADER_STACK)
            .spawn(load)?;
        while !worker.is_finished() {
            if !input::wait(LOAD_TICK)? {
                continue;
            }
            match input::read()? {
                Event::Key(key) if quits(&key) => return Ok(None),
                Event::Resize(..) => self.draw_loading(name, bytes, strings)?,
                _ => {}
            }
        }
        worker
            .join()
            .map(Some)
            .map_err(|_| io::Error::other("the page could not be loaded"))
    }

    fn draw_loading(
        &mut self,
        name: &str,
        bytes: u64,
        strings: &'static Strings,
    ) -> io::Result<()> {
        terminal::fit(&mut self.term)?;
        let theme = &self.theme;
        self.term
            .draw(|frame| ui::loading(frame, name, bytes, strings, theme))?;
        Ok(())
    }

    /// Runs the viewer on a page until the reader quits: where the page was left,
    /// if `resume` says so (`tab` overrides its tab), and keeping where it is left.
    pub fn run(
        mut self,
        page: &Page,
        strings: &'static Strings,
        tab: Option<Section>,
        fit: Fit,
        resume: Option<&Resume>,
    ) -> io::Result<()> {
        if self.title != page.title {
            terminal::set_title(&mut self.term, &page.title)?;
            self.title.clone_from(&page.title);
        }
        let mut app = App::new(page, strings).with_fit(fit);
        if let Some(saved) = resume.and_then(Resume::saved) {
            // A place is found at the width the text is shown at.
            let area = terminal::fit(&mut self.term)?;
            app.update(Action::Resize {
                width: area.width,
                height: area.height,
            });
            app.resume(&saved);
        }
        if let Some(tab) = tab {
            app.select(tab);
        }
        self.event_loop(&mut app, page)?;
        if let Some(resume) = resume {
            resume.keep(&app.saved());
        }
        Ok(())
    }

    fn event_loop(&mut self, app: &mut App<'_>, page: &Page) -> io::Result<()> {
        let theme = &self.theme;
        loop {
            // The terminal may have changed size since the last resize event was read
            // (or before the first): lay out for the size the frame will have.
            let area = terminal::fit(&mut self.term)?;
            if area != app.size() {
                app.update(Action::Resize {
                    width: area.width,
                    height: area.height,
                });
            }
            self.term.draw(|frame| ui::draw(frame, app, theme))?;
            watch_signals(&mut self.signals)?;
            // Count search hits while nothing else waits; a key press comes first.
            while app.is_busy() && !input::pending()? {
                app.update(Action::ContinueSearch);
                terminal::fit(&mut self.term)?;
                self.term.draw(|frame| ui::draw(frame, app, theme))?;
            }
            // Block for the next event, then take whatever else is already queued.
            let mut event = input::read()?;
            loop {
                match translate(app, event) {
                    Step::Act(action) => app.update(action),
                    Step::Suspend => {
                        self.term = terminal::suspend(self.mouse, &page.title)?;
                    }
                    Step::Nothing => {}
                }
                if app.should_quit() {
                    return Ok(());
                }
                if !input::pending()? {
                    break;
                }
                event = input::read()?;
            }
        }
    }
}

/// Whether a key ends layar while the page loads: the keys that quit the viewer.
fn quits(key: &KeyEvent) -> bool {
    keymap::action_for(Mode::Normal, key) == Some(Action::Quit)
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
