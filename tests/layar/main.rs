//! The one integration test binary: it drives the real `layar`.

mod check;
mod cli;
mod hostile;
mod input;
mod load_errors;
mod pictures;
mod pty;
mod reviews;
mod schema;
mod viewer;
