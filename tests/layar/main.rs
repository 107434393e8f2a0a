//! The one integration test binary: it drives the real `layar`.

mod authoring;
mod check;
mod cli;
mod hostile;
mod input;
mod load_errors;
mod pictures;
mod pty;
mod reading;
mod reviews;
mod run;
mod schema;
mod theme;
mod viewer;
