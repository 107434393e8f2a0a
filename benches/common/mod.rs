//! What the benches share: the page generator, a bare `serde_yaml` parse to compare
//! the loader with (and a bare serde-saphyr one, the floor under it), and the viewer
//! driven on ratatui's `TestBackend`.

#![allow(dead_code)] // each bench uses a part of this module

pub mod page_gen;

use layar::action::Action;
use layar::app::App;
use layar::i18n::EN;
use layar::layout::Section;
use layar::loader::{self, Source};
use layar::model::{Page, Synopsis};
use layar::ratatui::Terminal;
use layar::ratatui::backend::TestBackend;
use layar::theme::Theme;
use serde::Deserialize;

pub use page_gen::{PageSpec, generate};

/// The page sizes the benches compare: the number of reviews.
pub const SIZES: [usize; 4] = [10, 1_000, 10_000, 100_000];

/// The terminal the frame benches draw into.
pub const WIDTH: u16 = 100;
pub const HEIGHT: u16 = 30;

/// The generated page with `reviews` reviews, as its YAML.
pub fn yaml(reviews: usize) -> String {
    generate(PageSpec::with_reviews(reviews))
}

/// A source as the loader would read it from a file.
pub fn source(yaml: String) -> Source {
    Source {
        name: "bench.yaml".into(),
        base_dir: Some(std::path::PathBuf::new()),
        text: yaml,
    }
}

/// Parses with layar's loader (checks, sanitising, conversion into the model).
pub fn load(source: &Source) -> Page {
    loader::parse(source).expect("the generated page loads")
}

/// The same file as plain typed structs, with nothing checked or converted: the
/// floor a YAML page's load cannot go below with `serde_yaml`.
#[derive(Debug, Deserialize)]
pub struct BarePage {
    pub title: String,
    pub language: Option<String>,
    pub synopsis: BareSynopsis,
    pub screenshots: Option<BareScreenshots>,
    pub reviews: Option<BareReviews>,
}

#[derive(Debug, Deserialize)]
pub struct BareSynopsis {
    pub heading: Option<String>,
    pub text: String,
}

#[derive(Debug, Deserialize)]
pub struct BareScreenshots {
    pub heading: Option<String>,
    pub items: Vec<BareScreenshot>,
}

#[derive(Debug, Deserialize)]
pub struct BareScreenshot {
    pub caption: String,
    pub image: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct BareReviews {
    pub heading: Option<String>,
    pub items: Vec<BareReview>,
}

#[derive(Debug, Deserialize)]
pub struct BareReview {
    pub author: String,
    pub rating: Option<f64>,
    pub date: Option<String>,
    pub text: String,
}

/// The bare parse.
pub fn bare_parse(yaml: &str) -> BarePage {
    serde_yaml::from_str(yaml).expect("the generated page parses")
}

/// The same plain structs read by serde-saphyr, the parser under layar's loader, with
/// no budget: the floor layar's load stands on.
pub fn bare_saphyr_parse(yaml: &str) -> BarePage {
    let options = serde_saphyr::options! { budget: None, with_snippet: false };
    serde_saphyr::from_str_with_options(yaml, options).expect("the generated page parses")
}

/// A viewer: the app and the terminal it draws on.
pub struct Viewer<'a> {
    pub app: App<'a>,
    pub terminal: Terminal<TestBackend>,
    pub theme: Theme,
}

impl<'a> Viewer<'a> {
    /// The viewer on `page`'s reviews tab, sized but not yet drawn.
    pub fn new(page: &'a Page) -> Self {
        Self::on(page, Section::Reviews)
    }

    /// The viewer on `section`, sized but not yet drawn.
    pub fn on(page: &'a Page, section: Section) -> Self {
        let mut app = App::new(page, &EN);
        app.select(section);
        app.update(Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        });
        let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal");
        Self {
            app,
            terminal,
            theme: Theme::dark(),
        }
    }

    /// The viewer on a big page's head, its reviews still being read.
    #[must_use]
    pub fn reading(self) -> Self {
        Self {
            app: self.app.reading(),
            ..self
        }
    }

    /// Draws a frame, as the viewer does after every batch of events.
    pub fn draw(&mut self) {
        let (app, theme) = (&self.app, &self.theme);
        self.terminal
            .draw(|frame| layar::ui::draw(frame, app, theme))
            .expect("draw");
    }

    /// One key press: the action, then the frame.
    pub fn press(&mut self, action: Action) {
        self.app.update(action);
        self.draw();
    }

    /// A new terminal size: the resize event, then the frame.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.app.update(Action::Resize { width, height });
        self.draw();
    }

    /// Types `query` into the search prompt, drawing after each keystroke.
    pub fn search(&mut self, query: &str) {
        self.press(Action::StartSearch);
        for c in query.chars() {
            self.press(Action::SearchInput(c));
        }
        self.press(Action::ConfirmSearch);
    }
}

/// The key presses the frame benches time, each with the key that undoes it, so a
/// bench can repeat the pair without drifting to an edge of the page.
pub const KEYS: [(&str, Action, Action); 5] = [
    ("line", Action::LineDown, Action::LineUp),
    ("page", Action::PageDown, Action::PageUp),
    ("end_home", Action::Bottom, Action::Top),
    ("next_review", Action::NextReview, Action::PreviousReview),
    ("next_match", Action::NextMatch, Action::PreviousMatch),
];

/// The word the search benches look for: common in the generated text.
pub const QUERY: &str = "simon";

/// The word searched for before `n` and `N` are timed. It has hits in the first reviews
/// at every size, so both keys step between hits on the same reviews screen of the
/// small page and the big one. (The 10-review page's one `simon` is in the synopsis:
/// there `n` would stay on another, emptier screen, and the two would not compare.)
pub const STEP_QUERY: &str = "film";

/// A page whose synopsis is one paragraph of about `bytes` bytes of prose: no blank line
/// anywhere, so the whole of it is one block to wrap and search. Built as the model
/// directly (a YAML page this size would take a while to parse, and this is about
/// the viewer).
pub fn one_paragraph_page(bytes: usize) -> Page {
    const WORDS: [&str; 16] = [
        "film", "ini", "adalah", "sebuah", "kisah", "tentang", "para", "pekerja", "yang", "Joseph",
        "menulis", "layar", "kamera", "produksi", "Simon", "berjuang",
    ];
    let mut text = String::with_capacity(bytes + 16);
    let mut i = 0_usize;
    while text.len() < bytes {
        // A cheap, fixed mix of the words, not a cycle of sixteen.
        text.push_str(WORDS[(i * 7 + i / 16) % WORDS.len()]);
        text.push(' ');
        i += 1;
    }
    Page {
        title: "One Paragraph".into(),
        language: Some("en".into()),
        synopsis: Synopsis {
            heading: None,
            language: None,
            paragraphs: [text.as_str()].into_iter().collect(),
        },
        screenshots: None,
        reviews: None,
    }
}

/// A state file of 200 pages in `state_home`'s `layar` folder, the bundled page last
/// (the farthest to look for) and left half-way down its synopsis, so that opening it
/// reads the whole file and moves to the place. Returns the file's path.
pub fn fill_state(state_home: &std::path::Path) -> std::path::PathBuf {
    use layar::app::review_view::{MinRating, Order};
    use layar::resume::{At, Key, MAX_PAGES, Place, Saved, Store, TabPlace, fingerprint};
    let page = load(&loader::bundled());
    let synopsis = page.synopsis.paragraphs.get(0).unwrap_or_default();
    let half_way = synopsis.len() / 2;
    let at = (half_way..synopsis.len())
        .find(|&i| synopsis.is_char_boundary(i))
        .unwrap_or(0);
    let saved = |block: usize, at: usize| Saved {
        tab: Section::Synopsis,
        order: Order::default(),
        filter: MinRating::default(),
        tabs: vec![TabPlace {
            section: Section::Synopsis,
            place: Place {
                block,
                para: 0,
                at: At::Byte(at),
                fingerprint: fingerprint(synopsis),
                shift: 0,
            },
            focus: block,
        }],
    };
    let store = Store::new(state_home.join("layar"));
    // The synopsis's first paragraph is its block 1, under the reading aid.
    store
        .save(&Key::Bundled, &saved(1, at))
        .expect("write the state file");
    for i in 1..MAX_PAGES {
        let key = Key::File(state_home.join(format!("page-{i}.yaml")));
        store
            .save(&key, &saved(i, i))
            .expect("write the state file");
    }
    // What is timed opens there: the place is found where it was kept, not at the top.
    let kept = store.load(&Key::Bundled).expect("the bundled page's place");
    let mut app = App::new(&page, &EN);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.resume(&kept);
    let opened = app.saved().tabs[0].place;
    assert_eq!(
        (opened.block, opened.fingerprint),
        (1, fingerprint(synopsis)),
        "the bundled page opens half-way down its synopsis"
    );
    assert!(matches!(opened.at, At::Byte(b) if b > 0), "{opened:?}");
    store.path()
}
