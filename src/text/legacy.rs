//! The wrapper and width this crate had before textwrap, kept only to compare their lines
//! with the new ones.

#![allow(dead_code, clippy::pedantic)]

pub mod width;
pub mod wrap;
