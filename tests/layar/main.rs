//! The one integration test binary: it drives the real `layar`.

mod cli;
mod pty;
mod viewer;
