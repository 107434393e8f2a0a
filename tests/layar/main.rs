//! The one integration test binary: it drives the real `layar`.

mod cli;
mod hostile;
mod load_errors;
mod pty;
mod viewer;
