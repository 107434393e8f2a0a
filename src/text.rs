//! The one text engine shared by the viewer, `--print` and `--check`.
//!
//! Text flows through it in this order: [`sanitize`] strips what could act on a terminal,
//! `paragraphs` splits a field into paragraphs, [`wrap`] cuts each paragraph into lines
//! (where Unicode line breaking allows, filled by textwrap) measured by [`width`] (per
//! grapheme cluster, as ratatui draws), and `search` finds a query in the same text.
//! Everything works on byte ranges into the caller's strings, so highlights and lines agree.
//! `bytes` finds the rare byte of interest in long text fast, for the loader's scans;
//! [`escape`] writes names (files, arguments) out for messages, their controls escaped.

pub(crate) mod bytes;
pub mod escape;
pub(crate) mod paragraphs;
pub mod sanitize;
pub(crate) mod search;
pub mod width;
pub mod words;
pub mod wrap;
