//! layar: a terminal viewer for film pages.
//!
//! The data flows one way: **file → [`loader`] → [`model`] → [`layout`] → screen**
//! ([`ui`] for the viewer, [`print`] for plain text), and for the viewer
//! **key → [`keymap`] → [`action::Action`] → [`app::App::update`] → state**.
//!
//! - [`text`]: the one text engine (sanitising, grapheme-aware width and wrapping,
//!   search) that every output shares.
//! - [`lint`]: pure functions from a loaded page, and where the parser found its
//!   values, to warnings; [`check`] runs the loader and them over files for `--check`.
//! - [`i18n`] and [`theme`]: every interface string and every style, in one place each.
//! - [`screen`]: the screen's regions; [`terminal`]: set-up and restoration;
//!   [`viewer`]: the event loop.

pub mod action;
pub mod app;
pub mod check;
pub mod i18n;
pub(crate) mod keymap;
pub mod layout;
pub mod lint;
pub mod loader;
pub mod model;
pub mod print;
pub mod screen;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod viewer;

/// The ratatui this crate draws with, for tests and benches that build screens.
pub use ratatui;
