//! The interactive viewer's event loop: read an event, turn it into an action, update,
//! draw. It blocks on the terminal, so an idle viewer uses no CPU; events that queue
//! up (a resize storm, a held key, a burst of typing) are applied together before one
//! redraw. A paste (the terminal's bracketed paste) is one event.
//!
//! Before a large page is parsed the viewer shows the loading screen and parses on a
//! worker thread, reading keys meanwhile: the quit keys end layar at once.
//!
//! Screenshots' pictures are made on another worker ([`crate::picture::worker`]).
//! While one is being made the loop waits for keys [`PICTURE_TICK`] at a time and
//! takes in what is finished in between: crossterm has no way to be woken from its
//! read but its own (async) event stream, and a key still ends the wait at once. With
//! nothing being made, it blocks as before. The terminal is asked which graphics it
//! speaks the first time the screenshots tab is drawn, between two reads of the
//! keyboard ([`crate::picture::detect`]).

use std::ffi::OsString;
use std::io::{self, Write};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyEvent, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::App;
use crate::i18n::Strings;
use crate::keymap::{self, Mode};
use crate::layout::Section;
use crate::model::Page;
use crate::picture::cache::{Mode as PictureMode, Pictures};
use crate::picture::detect::{self, Choice, LateAnswers};
use crate::picture::{open, worker};
use crate::resume::Resume;
use crate::screen;
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

/// How often the loop looks for finished pictures while some are being made.
pub const PICTURE_TICK: Duration = Duration::from_millis(15);

/// What an event means, beyond the app's own actions.
enum Step {
    Act(Action),
    /// Open the focused card's picture (after the action, for a click on a card).
    Open(Option<Action>),
    Suspend,
    Nothing,
}

fn translate(app: &App<'_>, event: Event) -> Step {
    match event {
        Event::Key(key) => match keymap::action_for(app.mode(), &key) {
            Some(Action::Suspend) => Step::Suspend,
            Some(Action::OpenImage) => Step::Open(None),
            Some(action) => Step::Act(action),
            None => Step::Nothing,
        },
        Event::Resize(width, height) => Step::Act(Action::Resize { width, height }),
        // Only the search prompt takes text; elsewhere a paste does nothing.
        Event::Paste(text) if app.mode() == Mode::Prompt => Step::Act(Action::SearchPaste(text)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Step::Act(Action::Wheel(WHEEL_LINES)),
            MouseEventKind::ScrollUp => Step::Act(Action::Wheel(-WHEEL_LINES)),
            MouseEventKind::Down(MouseButton::Left) => {
                let click = Action::Click {
                    column: m.column,
                    row: m.row,
                };
                if app.card_at(m.column, m.row).is_some() {
                    Step::Open(Some(click))
                } else {
                    Step::Act(click)
                }
            }
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
    color: bool,
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
            color,
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

    /// Runs the viewer on a page until the reader quits, with screenshots drawn as
    /// `images` says: where the page was left, if `resume` says so (`tab` overrides
    /// its tab), and keeping where it is left.
    pub fn run(
        mut self,
        page: &Page,
        strings: &'static Strings,
        tab: Option<Section>,
        fit: Fit,
        images: Choice,
        resume: Option<&Resume>,
    ) -> io::Result<()> {
        if self.title != page.title {
            terminal::set_title(&mut self.term, &page.title)?;
            self.title.clone_from(&page.title);
        }
        let has_pictures = page
            .screenshots
            .iter()
            .flat_map(|s| &s.items)
            .any(|s| s.image.as_ref().is_some_and(|i| i.status.facts().is_some()));
        let mode = images.initial(self.color, has_pictures);
        let app = App::new(page, strings)
            .with_fit(fit)
            .with_pictures(Pictures::new(mode));
        let mut run = Run {
            app,
            images,
            late: LateAnswers::default(),
            painted: Vec::new(),
            tmux: false,
            opener: open::command(std::env::var_os(open::VARIABLE)),
        };
        if let Some(saved) = resume.and_then(Resume::saved) {
            // A place is found at the width the text is shown at.
            let area = terminal::fit(&mut self.term)?;
            run.app.update(Action::Resize {
                width: area.width,
                height: area.height,
            });
            run.app.resume(&saved);
        }
        if let Some(tab) = tab {
            run.app.select(tab);
        }
        let result = self.event_loop(&mut run, &page.title);
        // Kitty keeps pictures in the terminal's memory: they go with layar.
        let _ = self.forget_pictures(&run);
        if let Some(resume) = resume {
            resume.keep(&run.app.saved());
        }
        result
    }

    fn event_loop(&mut self, run: &mut Run<'_>, title: &str) -> io::Result<()> {
        loop {
            self.draw(run)?;
            watch_signals(&mut self.signals)?;
            // The first time pictures are to be shown, the terminal is asked how;
            // then the screen is drawn again with the answer.
            if run.app.pictures().mode() == PictureMode::Undecided
                && run.app.selected() == Section::Screenshots
            {
                self.ask_graphics(run);
                continue;
            }
            // Count search hits while nothing else waits; a key press comes first.
            while run.app.is_busy() && !input::pending()? {
                run.app.update(Action::ContinueSearch);
                self.draw(run)?;
            }
            // Take in finished pictures until a key comes.
            if !run.wait_for_pictures()? {
                continue;
            }
            // Then take the next event, and whatever else is already queued.
            let mut event = input::read()?;
            loop {
                if !run.late.swallows(&event) {
                    match translate(&run.app, event) {
                        Step::Act(action) => run.app.update(action),
                        Step::Open(action) => {
                            if let Some(action) = action {
                                run.app.update(action);
                            }
                            // Only a card with a file to hand over opens.
                            if let Some(path) = run.app.image_to_open() {
                                let opened = open::open(path, &run.opener).ok();
                                run.app.update(Action::ImageOpened(opened));
                            }
                        }
                        Step::Suspend => {
                            self.forget_pictures(run)?;
                            self.term = terminal::suspend(self.mouse, title)?;
                            run.painted.clear();
                            run.app.update(Action::Resumed);
                        }
                        Step::Nothing => {}
                    }
                }
                if run.app.should_quit() {
                    return Ok(());
                }
                if !input::pending()? {
                    break;
                }
                event = input::read()?;
            }
        }
    }

    /// Draws a frame for the app's state. Cells a sixel or iTerm2 picture covered in
    /// the last frame and does not now are written again, which clears it.
    fn draw(&mut self, run: &mut Run<'_>) -> io::Result<()> {
        // The terminal may have changed size since the last resize event was read
        // (or before the first): lay out for the size the frame will have.
        let area = terminal::fit(&mut self.term)?;
        if area != run.app.size() {
            run.app.update(Action::Resize {
                width: area.width,
                height: area.height,
            });
        }
        let (app, theme, before) = (&run.app, &self.theme, &run.painted);
        let mut painted = Vec::new();
        self.term.draw(|frame| {
            ui::draw(frame, app, theme);
            if let Some(regions) = screen::regions(frame.area()) {
                painted = ui::picture::painted(app, &regions);
            }
            ui::picture::refresh(frame.buffer_mut(), before, &painted);
        })?;
        run.painted = painted;
        Ok(())
    }

    /// Asks the terminal which graphics it speaks, and shows pictures accordingly.
    fn ask_graphics(&mut self, run: &mut Run<'_>) {
        let answers = detect::ask(self.term.backend_mut(), detect::TIMEOUT).unwrap_or_default();
        run.late.after(&answers);
        run.tmux = answers.tmux;
        let mode = run.images.decide(self.color, &answers);
        run.app.update(Action::Pictures(mode));
    }

    /// Deletes the kitty pictures sent so far from the terminal's memory.
    fn forget_pictures(&mut self, run: &Run<'_>) -> io::Result<()> {
        let ids = run.app.pictures().kitty_ids();
        if ids.is_empty() {
            return Ok(());
        }
        let out = self.term.backend_mut();
        out.write_all(worker::kitty_deletes(ids, run.tmux).as_bytes())?;
        Write::flush(out)
    }
}

/// One run of the viewer on a page: the app and what the loop keeps beside it.
struct Run<'a> {
    app: App<'a>,
    images: Choice,
    /// Keys that answers to the graphics query arriving late turn into, dropped.
    late: LateAnswers,
    /// Where sixel or iTerm2 pictures were painted in the last frame.
    painted: Vec<Rect>,
    /// Whether output goes through tmux's passthrough.
    tmux: bool,
    /// The command that opens a picture.
    opener: Vec<OsString>,
}

impl Run<'_> {
    /// Waits for a key while pictures are being made, taking them in as they are
    /// finished; returns whether a key (or another event) is waiting, or `false` when
    /// a picture came and the screen is to be drawn.
    fn wait_for_pictures(&mut self) -> io::Result<bool> {
        while self.app.awaits_pictures() {
            if input::wait(PICTURE_TICK)? {
                return Ok(true);
            }
            let version = self.app.pictures().version();
            self.app.update(Action::CollectPictures);
            if self.app.pictures().version() != version {
                return Ok(false);
            }
        }
        Ok(true)
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
