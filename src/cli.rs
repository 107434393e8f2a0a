//! The command line. clap reads it, describes it in `--help` and reports its
//! errors; but clap builds its whole description of the command before it reads a
//! single argument, which took about 80 µs of layar's 1.8 ms start. So the
//! arguments are first read by [`quick`], which knows the options in their plain
//! forms and hands anything else to clap: help, version, bundled short flags, a
//! repeated or unknown option, a value clap would refuse. A property test checks
//! that whenever `quick` answers, clap answers the same.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use layar::i18n::Lang;

/// `--max-size` when not given.
const DEFAULT_MAX_SIZE: &str = "64M";

/// The command line of this process.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    args.get(1..)
        .and_then(quick)
        .unwrap_or_else(|| Cli::parse_from(args))
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

/// The options [`quick`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opt {
    Print,
    Check,
    Mouse,
    Width,
    Lang,
    Tab,
    Color,
    MaxSize,
}

impl Opt {
    fn named(name: &str) -> Option<Self> {
        Some(match name {
            "-p" | "--print" => Self::Print,
            "-c" | "--check" => Self::Check,
            "--mouse" => Self::Mouse,
            "-w" | "--width" => Self::Width,
            "--lang" => Self::Lang,
            "-t" | "--tab" => Self::Tab,
            "--color" => Self::Color,
            "--max-size" => Self::MaxSize,
            _ => return None,
        })
    }

    fn takes_value(self) -> bool {
        !matches!(self, Self::Print | Self::Check | Self::Mouse)
    }
}

/// `args` (after the program's name) read as clap reads them, when each is a file
/// name or an option above written out plainly (`--width 80`, `--width=80`, `-w 80`),
/// given at most once, with a value clap takes; `None` for anything else, which
/// clap then reads itself.
fn quick(args: &[OsString]) -> Option<Cli> {
    let mut cli = Cli {
        files: Vec::new(),
        print: false,
        check: false,
        width: None,
        lang: None,
        tab: None,
        mouse: false,
        color: ColorArg::Auto,
        max_size: parse_size(DEFAULT_MAX_SIZE).ok()?,
    };
    let mut seen = Vec::new();
    let mut files_only = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let arg = arg.to_str().filter(|a| !a.is_empty())?;
        if files_only || !arg.starts_with('-') {
            cli.files.push(PathBuf::from(arg));
            continue;
        }
        if arg == "--" {
            files_only = true;
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (arg, None),
        };
        let opt = Opt::named(name)?;
        if seen.contains(&opt) {
            return None;
        }
        seen.push(opt);
        if !opt.takes_value() {
            if inline.is_some() {
                return None;
            }
            match opt {
                Opt::Print => cli.print = true,
                Opt::Check => cli.check = true,
                _ => cli.mouse = true,
            }
            continue;
        }
        let value = match inline {
            Some(value) => value,
            None => args.next()?.to_str()?,
        };
        if value.is_empty() || value.starts_with('-') {
            return None;
        }
        match opt {
            Opt::Width => {
                if !value.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                cli.width = Some(value.parse().ok().filter(|&w: &u16| w >= 1)?);
            }
            Opt::Lang => {
                cli.lang = Some(match value {
                    "id" => LangArg::Id,
                    "en" => LangArg::En,
                    _ => return None,
                });
            }
            Opt::Tab => cli.tab = Some(value.to_owned()),
            Opt::Color => {
                cli.color = match value {
                    "auto" => ColorArg::Auto,
                    "always" => ColorArg::Always,
                    "never" => ColorArg::Never,
                    _ => return None,
                };
            }
            _ => cli.max_size = parse_size(value).ok()?,
        }
    }
    if cli.print && cli.check {
        return None;
    }
    Some(cli)
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

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    /// What clap makes of `list`.
    fn by_clap(list: &[&str]) -> Result<Cli, clap::error::ErrorKind> {
        Cli::try_parse_from(std::iter::once("layar").chain(list.iter().copied()))
            .map_err(|e| e.kind())
    }

    #[test]
    fn the_usual_command_lines_skip_clap() {
        for list in [
            &[][..],
            &["page.yaml"],
            &["--print", "--width", "70", "page.yaml"],
            &["-p", "-w", "70"],
            &["--tab", "reviews", "page.yaml"],
            &[
                "--tab=2",
                "--lang=en",
                "--color=never",
                "--mouse",
                "page.yaml",
            ],
            &["--check", "a.yaml", "b.yaml", "--max-size", "1M"],
            &["--", "-odd-name.yaml"],
        ] {
            let quick = quick(&args(list));
            assert!(quick.is_some(), "{list:?}");
            assert_eq!(quick.ok_or(()), by_clap(list).map_err(drop), "{list:?}");
        }
    }

    #[test]
    fn help_version_and_mistakes_go_to_clap() {
        for list in [
            &["--help"][..],
            &["-h"],
            &["-V"],
            &["--version"],
            &["-pc"],
            &["-w80"],
            &["--print", "--check"],
            &["--print", "--print"],
            &["--width", "0"],
            &["--width", "+5"],
            &["--width"],
            &["--lang", "ID"],
            &["--color", "sometimes"],
            &["--max-size", "12X"],
            &["--tab", "-1"],
            &["--print=yes"],
            &["--prnt"],
            &["-"],
            &[""],
        ] {
            assert_eq!(quick(&args(list)), None, "{list:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn quick_answers_only_as_clap_would(
            list in proptest::collection::vec(
                proptest::sample::select(&[
                    "-p", "--print", "-c", "--check", "--mouse", "-w", "--width", "--width=0",
                    "--width=80", "-w80", "80", "0", "+5", "65535", "65536", "--lang", "id",
                    "en", "ID", "--lang=en", "-t", "--tab", "reviews", "2", "-1", "--tab=",
                    "--color", "auto", "always", "never", "--color=never", "--max-size",
                    "64M", "12X", " 1k", "--max-size=1k", "--", "-", "", "page.yaml", "-pc",
                    "-h", "--help", "-V", "--version", "--unknown", "x=y", "--=x", "--mouse=1",
                ][..]),
                0..7,
            )
        ) {
            if let Some(cli) = quick(&args(&list)) {
                proptest::prop_assert_eq!(Ok(cli), by_clap(&list), "{:?}", list);
            }
        }
    }
}
