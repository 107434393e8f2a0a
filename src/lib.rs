//! layar: a terminal viewer for film pages.
//!
//! The data flows one way: **file → [`loader`] → [`model`] → [`layout`] → screen**
//! ([`ui`] for the viewer, [`print`](mod@print) for plain text), and for the viewer
//! **key → `keymap` → [`action::Action`] → [`app::App::update`] → state**.
//!
//! - [`loader`]: a content file into the [`model`], every problem at its line and
//!   column; [`lint`] and [`check`]: `--check`'s warnings and its run over files and
//!   folders; [`diagnostic`]: what it reports, with a stable code, as text or JSON;
//!   [`schema`]: the format's JSON Schema, from the loader's own wire types.
//! - [`text`]: the one text engine (sanitising, paragraphs, width per grapheme
//!   cluster, wrapping, search, escaping names for messages) that every output shares.
//! - [`layout`]: each section as blocks of paragraphs with roles, made on demand and
//!   wrapped, a head of layar's own first (the reading aid, the ratings summary); a
//!   review's shape is said once, in `layout::review`.
//! - [`action`] and `keymap`: the actions, and the one key table that the bindings,
//!   the help and the footer come from.
//! - [`app`]: the viewer's state, changed only by [`app::App::update`]: a pane per tab
//!   (its scroll anchor and wrapped blocks), [`app::search`] and
//!   [`app::review_view`] (the reviews' order and filter).
//! - [`screen`]: the screen's geometry (regions, the help's layout, the tabs' places),
//!   below both [`app`] and [`ui`], which draws each region and never changes the state.
//! - [`picture`]: the screenshots as pictures: an image's header read at load, the
//!   decode and the encoding for the terminal's graphics on a worker, the graphics
//!   query, and opening a picture in the system's viewer.
//! - [`i18n`] and [`theme`]: every interface string and every style, in one place each.
//! - [`resume`]: where each page was left, kept in a small state file on quit and
//!   read back before the first screen.
//! - [`terminal`]: set-up and restoration, and the question for the background colour
//!   that picks the palette; [`viewer`]: the event loop, and the page read again after
//!   the editor (`e`) or, with `--watch`, as its file changes.

pub mod action;
pub mod app;
pub mod check;
pub mod diagnostic;
pub mod i18n;
pub(crate) mod keymap;
pub mod layout;
pub mod lint;
pub mod loader;
pub mod model;
pub mod picture;
pub mod print;
pub mod resume;
pub mod schema;
pub mod screen;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod viewer;

/// The ratatui this crate draws with, for tests and benches that build screens.
pub use ratatui;
