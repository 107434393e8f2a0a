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
//!
//! With `--theme auto` the terminal is asked its background colour with the set-up;
//! the screen is drawn in the dark palette until the answer comes, with the keys
//! ([`terminal::background`]), and again in the palette it calls for.
//!
//! A page read from a file is read again after `e` (the editor, [`editor`]) and,
//! with `--watch`, whenever the file changes, on a worker ([`reload`]); the loop
//! takes what it reads between keys, as it takes pictures, waiting [`WATCH_TICK`] at
//! a time while one may come. A new page gets a new [`App`], made from what the
//! reader had on the old one ([`crate::app::reload`]); a page that does not load
//! leaves the old one on screen under a banner.

mod editor;
pub mod reload;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyEvent, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::action::{Action, NoEditor};
use crate::app::App;
use crate::i18n::Strings;
use crate::keymap::{self, Mode};
use crate::layout::Section;
use crate::loader::{self, Limits, LoadError};
use crate::model::Page;
use crate::picture::cache::{Mode as PictureMode, Pictures};
use crate::picture::detect::{self, Choice, LateAnswers};
use crate::picture::{open, worker};
use crate::resume::Resume;
use crate::screen;
use crate::terminal::background::{Heard, Listener};
use crate::terminal::{self, input};
use crate::text::wrap::Fit;
use crate::theme::contrast::Rgb;
use crate::theme::{self, Palette, Theme};
use crate::ui;
use reload::{Reload, Reloader};

/// How often the loading screen looks whether the load has ended, between keys.
const LOAD_TICK: Duration = Duration::from_millis(20);

/// The worker thread's stack: the main thread's usual 8 MiB, and room to spare, for
/// a parser that recurses into nested YAML.
const LOADER_STACK: usize = 32 << 20;

/// Lines the mouse wheel scrolls per notch.
const WHEEL_LINES: i8 = 3;

/// How often the loop looks for finished pictures while some are being made.
pub const PICTURE_TICK: Duration = Duration::from_millis(15);

/// How often the loop looks for a new read of the page's file while one may come.
pub const WATCH_TICK: Duration = Duration::from_millis(50);

/// The page to show, and where it comes from.
pub struct Document {
    pub page: Page,
    pub origin: Origin,
    /// Whether `page` is a big page's head ([`loader::head`]): the origin's reloader is
    /// reading the whole page ([`Reloader::reading`]), which takes its place when it
    /// comes.
    pub reading: bool,
}

/// Where the page comes from, which says what `e` can open.
pub enum Origin {
    /// The bundled page: no file.
    Bundled,
    /// Standard input: no file.
    Stdin,
    /// A file, read again after the editor and, when watched, as it changes.
    File {
        path: PathBuf,
        limits: Limits,
        reloader: Reloader,
    },
}

impl Origin {
    fn reloader(&mut self) -> Option<&mut Reloader> {
        match self {
            Self::File { reloader, .. } => Some(reloader),
            Self::Bundled | Self::Stdin => None,
        }
    }
}

/// What an event means, beyond the app's own actions.
enum Step {
    Act(Action),
    /// Open the focused card's picture (after the action, for a click on a card).
    Open(Option<Action>),
    Suspend,
    Edit,
    Nothing,
}

fn translate(app: &App<'_>, event: Event) -> Step {
    match event {
        Event::Key(key) => match keymap::action_for(app.mode(), &key) {
            Some(Action::Suspend) => Step::Suspend,
            Some(Action::Edit) => Step::Edit,
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
    /// Listens for the terminal's background colour, until it is known or can no
    /// longer come.
    background: Option<Listener>,
    /// The window title set, so the page's own is set only if it differs.
    title: String,
    /// The signal handlers, until the first frame is out and their thread starts.
    signals: Option<terminal::Signals>,
    /// Whether output goes through tmux's passthrough.
    tmux: bool,
}

impl Viewer {
    /// Takes the terminal: signals handled (acted on from the first frame), raw
    /// mode, and the alternate screen and title queued for the first frame; in
    /// colour (`color`), in the palette `palette` says, and with the question for
    /// the terminal's background queued too when that is for the terminal to say.
    pub fn start(
        mouse: bool,
        color: bool,
        palette: theme::Choice,
        title: &str,
    ) -> io::Result<Self> {
        let signals = Some(terminal::Signals::register()?);
        let mut term = terminal::init(mouse, title)?;
        let mut background = None;
        let theme = if color {
            if palette == theme::Choice::Auto {
                terminal::ask_background(&mut term)?;
                background = Some(Listener::new());
            }
            Theme::of(palette.initial())
        } else {
            Theme::mono()
        };
        Ok(Self {
            term,
            mouse,
            color,
            theme,
            background,
            title: title.to_owned(),
            signals,
            tmux: false,
        })
    }

    /// Takes the terminal's answer about its background out of the keys, and takes
    /// the palette it calls for; what `event` was.
    fn hear(&mut self, event: &Event) -> Heard {
        let Some(listener) = &mut self.background else {
            return Heard::Key;
        };
        let heard = listener.hear(event);
        match heard {
            Heard::Key if listener.expired() => self.background = None,
            Heard::Key | Heard::Part => {}
            Heard::Answer(color) => {
                self.background = None;
                if let Some(color) = color {
                    self.take_background(color);
                }
            }
        }
        heard
    }

    /// Draws from now on in the palette for a terminal whose background is `color`.
    fn take_background(&mut self, color: Rgb) {
        self.theme = Theme::of(Palette::for_background(color));
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
            let event = input::read()?;
            match self.hear(&event) {
                Heard::Key => {}
                Heard::Part => continue,
                Heard::Answer(_) => {
                    self.draw_loading(name, bytes, strings)?;
                    continue;
                }
            }
            match event {
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
    ///
    /// A head shown while the whole page is read ([`Document::reading`]) gives way to
    /// the page when it comes: opened as it would have been from the start if the reader
    /// has not moved, else as the reader left the head. A whole page that does not load
    /// ends the viewer, and its error is given back, to be reported as any page's.
    pub fn run(
        mut self,
        document: Document,
        strings: &'static Strings,
        tab: Option<Section>,
        fit: Fit,
        images: Choice,
        resume: Option<&Resume>,
    ) -> io::Result<Option<LoadError>> {
        let Document {
            mut page,
            origin,
            mut reading,
        } = document;
        let mut run = Run {
            images,
            late: LateAnswers::default(),
            painted: Vec::new(),
            opener: open::command(std::env::var_os(open::VARIABLE)),
            origin,
            moved: false,
        };
        let mut carried = None;
        loop {
            if self.title != page.title {
                terminal::set_title(&mut self.term, &page.title)?;
                self.title.clone_from(&page.title);
            }
            let mut app = if let Some(carried) = carried.take() {
                App::reloaded(&page, strings, carried)
            } else {
                let mode = images.initial(self.color, has_pictures(&page));
                let watching = run.origin.reloader().is_some_and(|r| r.is_watching());
                let app = App::new(&page, strings)
                    .with_fit(fit)
                    .with_pictures(Pictures::new(mode))
                    .watching(watching);
                let mut app = if std::mem::take(&mut reading) {
                    app.reading()
                } else {
                    app
                };
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
                app
            };
            let exit = self.event_loop(&mut app, &mut run);
            // Kitty keeps pictures in the terminal's memory: they go with the page.
            let _ = self.forget_pictures(&app);
            match exit {
                Ok(Exit::Reload(new_page)) => {
                    // The whole page after its head opens as from the start, unless the
                    // reader moved on the head.
                    if !app.is_reading() || run.moved {
                        carried = Some(app.carry());
                    }
                    run.painted.clear();
                    page = *new_page;
                }
                Ok(Exit::Refused(error)) => return Ok(Some(error)),
                exit => {
                    // A head holds no reviews: the place kept before stays.
                    if let Some(resume) = resume.filter(|_| !app.is_reading()) {
                        resume.keep(&app.saved());
                    }
                    return exit.map(|_| None);
                }
            }
        }
    }

    fn event_loop(&mut self, app: &mut App<'_>, run: &mut Run) -> io::Result<Exit> {
        loop {
            self.draw(app, run)?;
            watch_signals(&mut self.signals)?;
            // The first time pictures are to be shown, the terminal is asked how;
            // then the screen is drawn again with the answer.
            if app.pictures().mode() == PictureMode::Undecided
                && app.selected() == Section::Screenshots
            {
                self.ask_graphics(app, run);
                continue;
            }
            // Count search hits while nothing else waits; a key press comes first.
            while app.is_busy() && !input::pending()? {
                app.update(Action::ContinueSearch);
                self.draw(app, run)?;
            }
            // Take in finished pictures and new reads of the page until a key comes.
            match run.wait(app)? {
                Wake::Event => {}
                Wake::Redraw | Wake::Reload(Reload::Unchanged) => continue,
                Wake::Reload(Reload::Loaded(loaded)) => return Ok(Exit::Reload(loaded)),
                // A page whose head is shown and that does not load is refused, as it
                // would have been before its first screen.
                Wake::Reload(Reload::Broken(error)) if app.is_reading() => {
                    return Ok(Exit::Refused(error));
                }
                Wake::Reload(Reload::Broken(error)) => {
                    app.update(Action::PageBroken(error));
                    continue;
                }
            }
            // Then take the next event, and whatever else is already queued.
            let mut event = input::read()?;
            loop {
                if !run.late.swallows(&event) && self.hear(&event) == Heard::Key {
                    let step = translate(app, event);
                    run.moved |= !matches!(step, Step::Nothing | Step::Act(Action::Resize { .. }));
                    match step {
                        Step::Act(action) => app.update(action),
                        Step::Open(action) => {
                            if let Some(action) = action {
                                app.update(action);
                            }
                            // Only a card with a file to hand over opens.
                            if let Some(path) = app.image_to_open() {
                                let opened = open::open(path, &run.opener).ok();
                                app.update(Action::ImageOpened(opened));
                            }
                        }
                        Step::Suspend => {
                            self.forget_pictures(app)?;
                            self.term = terminal::suspend(self.mouse, &self.title)?;
                            run.painted.clear();
                            app.update(Action::Resumed);
                        }
                        Step::Edit => self.edit(app, run)?,
                        Step::Nothing => {}
                    }
                }
                if app.should_quit() {
                    return Ok(Exit::Quit);
                }
                if !input::pending()? {
                    break;
                }
                event = input::read()?;
            }
        }
    }

    /// `e`: gives the terminal to the editor on the page's file, at the line of the
    /// text on top (or of the first problem of a save that broke the page), takes it
    /// back, and reads the file again.
    fn edit(&mut self, app: &mut App<'_>, run: &mut Run) -> io::Result<()> {
        let (path, limits, reloader) = match &mut run.origin {
            Origin::Bundled => {
                app.update(Action::CannotEdit(NoEditor::Bundled));
                return Ok(());
            }
            Origin::Stdin => {
                app.update(Action::CannotEdit(NoEditor::Stdin));
                return Ok(());
            }
            Origin::File {
                path,
                limits,
                reloader,
            } => (path, *limits, reloader),
        };
        // The line in the file as it is now: the page shown was read from it, unless
        // it has changed since without being followed.
        let line = match app.broken() {
            Some(error) => error.location().map(|at| at.line),
            None => loader::read(path, limits)
                .ok()
                .and_then(|source| loader::line_of(&source, app.top_spot())),
        };
        let command = editor::command(
            std::env::var_os("VISUAL"),
            std::env::var_os("EDITOR"),
            line.unwrap_or(1),
            path,
        );
        self.forget_pictures(app)?;
        let (term, ran) = terminal::hand_over(self.mouse, &self.title, || editor::run(&command))?;
        self.term = term;
        run.painted.clear();
        app.update(Action::Resumed);
        if ran.is_ok() {
            reloader.request();
        } else {
            let program = command.first().map(|p| p.to_string_lossy().into_owned());
            let program = crate::text::escape::escaped(&program.unwrap_or_default()).into_owned();
            app.update(Action::CannotEdit(NoEditor::NotStarted(program)));
        }
        Ok(())
    }

    /// Draws a frame for the app's state. Cells a sixel or iTerm2 picture covered in
    /// the last frame and does not now are written again, which clears it.
    fn draw(&mut self, app: &mut App<'_>, run: &mut Run) -> io::Result<()> {
        // The terminal may have changed size since the last resize event was read
        // (or before the first): lay out for the size the frame will have.
        let area = terminal::fit(&mut self.term)?;
        if area != app.size() {
            app.update(Action::Resize {
                width: area.width,
                height: area.height,
            });
        }
        let (app, theme, before) = (&*app, &self.theme, &run.painted);
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
    fn ask_graphics(&mut self, app: &mut App<'_>, run: &mut Run) {
        let answers = detect::ask(self.term.backend_mut(), detect::TIMEOUT).unwrap_or_default();
        run.late.after(&answers);
        self.tmux = answers.tmux;
        // The answer about the background, when it was still waiting to be read.
        if let Some(color) = answers.background.filter(|_| self.background.is_some()) {
            self.background = None;
            self.take_background(color);
        }
        let mode = run.images.decide(self.color, &answers);
        app.update(Action::Pictures(mode));
    }

    /// Deletes the kitty pictures sent so far from the terminal's memory.
    fn forget_pictures(&mut self, app: &App<'_>) -> io::Result<()> {
        let ids = app.pictures().kitty_ids();
        if ids.is_empty() {
            return Ok(());
        }
        let out = self.term.backend_mut();
        out.write_all(worker::kitty_deletes(ids, self.tmux).as_bytes())?;
        Write::flush(out)
    }
}

/// What the event loop keeps beside the app, from one page to the next.
struct Run {
    images: Choice,
    /// Keys that answers to the graphics query arriving late turn into, dropped.
    late: LateAnswers,
    /// Where sixel or iTerm2 pictures were painted in the last frame.
    painted: Vec<Rect>,
    /// The command that opens a picture.
    opener: Vec<OsString>,
    origin: Origin,
    /// Whether the reader has done anything but resize the terminal.
    moved: bool,
}

/// Why the event loop stopped waiting.
enum Wake {
    /// A key or another event is waiting.
    Event,
    /// A picture came: the screen is to be drawn.
    Redraw,
    /// A read of the page's file came.
    Reload(Reload),
}

/// Why the event loop ended.
enum Exit {
    Quit,
    /// A new page was read.
    Reload(Box<Page>),
    /// The whole page, after its head was shown, does not load.
    Refused(LoadError),
}

impl Run {
    /// Waits for an event; meanwhile takes in pictures as they are finished, and
    /// new reads of the page's file. Blocks when neither may come.
    fn wait(&mut self, app: &mut App<'_>) -> io::Result<Wake> {
        loop {
            let pictures = app.awaits_pictures();
            let reloads = self.origin.reloader().is_some_and(|r| r.may_deliver());
            if !pictures && !reloads {
                return Ok(Wake::Event);
            }
            // The whole page after its head is awaited as closely as pictures are.
            let tick = if pictures || app.is_reading() {
                PICTURE_TICK
            } else {
                WATCH_TICK
            };
            if input::wait(tick)? {
                return Ok(Wake::Event);
            }
            if let Some(reload) = self.origin.reloader().and_then(Reloader::take) {
                return Ok(Wake::Reload(reload));
            }
            if pictures {
                let version = app.pictures().version();
                app.update(Action::CollectPictures);
                if app.pictures().version() != version {
                    return Ok(Wake::Redraw);
                }
            }
        }
    }
}

/// Whether a page has a picture to show.
fn has_pictures(page: &Page) -> bool {
    page.screenshots
        .iter()
        .flat_map(|s| &s.items)
        .any(|s| s.image.as_ref().is_some_and(|i| i.status.facts().is_some()))
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
