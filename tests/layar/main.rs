//! The one integration test binary: it drives the real `layar`.

mod pty;
mod viewer;
