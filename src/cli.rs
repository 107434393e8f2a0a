//! The command line, as clap reads it, describes it in `--help` and reports its
//! errors.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use layar::i18n::Lang;
use layar::text::escape::{escaped, escaped_os};

/// `--max-size` when not given.
const DEFAULT_MAX_SIZE: &str = "64M";

/// The command line of this process, or, when it asks for help or the version or is
/// wrong, what to exit with once that is shown.
///
/// Not `Cli::parse`, whose way out ignores a failed write (`layar --help > /dev/full`
/// would exit 0) and quotes a wrong argument raw, escape sequences included.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| report(&e, std::env::args_os().skip(1)))
}

/// Shows clap's help, version or error as clap would, and says whether that worked:
/// help and version on standard output, the exit status 1 when they cannot be
/// written; an error on standard error with the arguments it quotes escaped, status 2.
fn report(e: &clap::Error, args: impl Iterator<Item = OsString>) -> ExitCode {
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    if e.use_stderr() {
        let _ = io::stderr().write_all(error_text(e, args).as_bytes());
        return code;
    }
    let rendered = e.render();
    let styled =
        io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = if styled {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => code,
        Err(err) => {
            let _ = writeln!(io::stderr(), "layar: error: cannot write the help: {err}");
            ExitCode::FAILURE
        }
    }
}

/// clap's error message, plain, with every argument it quotes escaped (`\e`, `\n`, as
/// [`escaped`] writes them), and any control left in it escaped too: a wrong argument
/// must not act on the terminal it is reported on.
fn error_text(e: &clap::Error, args: impl Iterator<Item = OsString>) -> String {
    let mut text = e.render().to_string();
    let mut quoted: Vec<(String, String)> = Vec::new();
    for arg in args {
        let shown = escaped_os(&arg).into_owned();
        let raw = arg.to_string_lossy().into_owned();
        // `--tab=VALUE`: clap quotes the value alone.
        if let Some((_, value)) = raw.split_once('=').filter(|_| raw.starts_with('-')) {
            quoted.push((value.to_owned(), escaped(value).into_owned()));
        }
        quoted.push((raw, shown));
    }
    quoted.retain(|(raw, shown)| raw != shown);
    quoted.sort_by_key(|(raw, _)| std::cmp::Reverse(raw.len()));
    for (raw, shown) in quoted {
        text = text.replace(&raw, &shown);
    }
    text.split('\n')
        .map(|line| {
            line.chars()
                .map(|c| {
                    let mut buf = [0; 4];
                    escaped(c.encode_utf8(&mut buf)).into_owned()
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
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
