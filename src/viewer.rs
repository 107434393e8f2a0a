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
}

impl Viewer {
    /// Takes the terminal: raw mode, the alternate screen, signals handled.
    pub fn start(mouse: bool, color: bool, title: &str) -> io::Result<Self> {
        terminal::handle_signals()?;
        let term = terminal::init(mouse, title)?;
        let theme = if color { Theme::color() } else { Theme::mono() };
        Ok(Self { term, mouse, theme })
    }

    /// Draws the loading screen for a file of `bytes` bytes.
    pub fn loading(&mut self, name: &str, bytes: u64, strings: &'static Strings) -> io::Result<()> {
        let theme = &self.theme;
        self.term
            .draw(|frame| ui::loading(frame, name, bytes, strings, theme))?;
        Ok(())
    }

    /// Runs the viewer on a page until the reader quits.
    pub fn run(
        mut self,
        page: &Page,
        strings: &'static Strings,
        tab: Option<Section>,
    ) -> io::Result<()> {
        terminal::set_title(&page.title)?;
        event_loop(&mut self.term, page, strings, tab, self.mouse, &self.theme)
    }
}

impl Drop for Viewer {
    fn drop(&mut self) {
        terminal::restore();
    }
}

fn event_loop(
    term: &mut terminal::Tui,
    page: &Page,
    strings: &'static Strings,
    tab: Option<Section>,
    mouse: bool,
    theme: &Theme,
) -> io::Result<()> {
    let mut app = App::new(page, strings);
    if let Some(tab) = tab {
        app.select(tab);
    }
    loop {
        // The terminal may have changed size since the last resize event was read
        // (or before the first): lay out for the size the frame will have.
        let size = term.size()?;
        if (size.width, size.height) != (app.size().width, app.size().height) {
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
        }
        term.draw(|frame| ui::draw(frame, &app, theme))?;
        // Count search hits while nothing else waits; a key press comes first.
        while app.is_busy() && !event::poll(Duration::ZERO)? {
            app.update(Action::ContinueSearch);
            term.draw(|frame| ui::draw(frame, &app, theme))?;
        }
        // Block for the next event, then take whatever else is already queued.
        let mut event = event::read()?;
        loop {
            match translate(&app, &event) {
                Step::Act(action) => app.update(action),
                Step::Suspend => {
                    *term = terminal::suspend(mouse, &page.title)?;
                    // A clear that asks the terminal nothing: one that never answers
                    // a cursor query must not end the viewer.
                    ratatui::backend::Backend::clear(term.backend_mut())?;
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
