//! The one text engine shared by the viewer, `--print` and `--check`: sanitising,
//! width measured per grapheme cluster, wrapping and search.

pub mod paragraphs;
pub mod sanitize;
pub mod search;
pub mod width;
pub mod wrap;
