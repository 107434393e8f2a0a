//! The command line, as clap reads it, describes it in `--help` and reports its
//! errors.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use layar::i18n::Lang;
use layar::text::wrap::Fit;

/// `--max-size` when not given.
const DEFAULT_MAX_SIZE: &str = "64M";

/// The command line of this process.
pub fn parse() -> Cli {
    Cli::parse()
}

/// A terminal viewer for film pages.
///
/// With no FILE, opens the bundled page, "Di Balik Layar". When standard output is
/// not a terminal, prints the page as text instead (`layar | less` works).
#[derive(Debug, PartialEq, Eq, Parser)]
#[command(version, about, max_term_width = 100)]
pub struct Cli {
    /// Content files (YAML). The viewer and --print take one; --check any number.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print the page as plain text and exit.
    #[arg(short, long, conflicts_with = "check")]
    pub print: bool,

    /// Check the files and report every problem as `FILE:LINE:COL: error|warning: ...`
    #[arg(short, long)]
    pub check: bool,

    /// Wrap --print output to N columns [default: the terminal's width, or 80].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,

    /// How lines are filled, in the viewer and --print: as many words as fit on each
    /// line, or lines made as even as possible.
    #[arg(long, value_enum, value_name = "FIT", default_value_t = WrapArg::FirstFit)]
    pub wrap: WrapArg,

    /// Interface language [default: the page's language].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,

    /// Open the viewer on this tab: synopsis, screenshots, reviews, or its number.
    #[arg(short, long, value_name = "TAB")]
    pub tab: Option<String>,

    /// Capture the mouse: the wheel scrolls and a click selects a tab (this stops
    /// the terminal's own text selection; without it the wheel still scrolls).
    #[arg(long)]
    pub mouse: bool,

    /// When to use colours and styles.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Refuse content files larger than this many bytes (suffixes K, M, G).
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_SIZE, value_parser = parse_size)]
    pub max_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Id,
    En,
}

impl LangArg {
    pub fn lang(self) -> Lang {
        match self {
            Self::Id => Lang::Id,
            Self::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WrapArg {
    FirstFit,
    Optimal,
}

impl WrapArg {
    pub fn fit(self) -> Fit {
        match self {
            Self::FirstFit => Fit::First,
            Self::Optimal => Fit::Optimal,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// `--max-size`: a number of bytes, with an optional K, M or G (KB, KiB: the same).
fn parse_size(s: &str) -> Result<u64, String> {
    let (digits, unit) = match s.trim().char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.trim().split_at(i),
        None => (s.trim(), ""),
    };
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(format!("unknown unit \"{unit}\": use K, M or G")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("expected a size like 64M, found \"{s}\""))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| "size too large".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("10k"), Ok(10 << 10));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999G").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
