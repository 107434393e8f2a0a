//! The command line, as clap reads it, describes it in `--help` and reports its
//! errors.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use layar::i18n::Lang;
use layar::loader::STDIN_PATH;
use layar::picture::detect::Choice;
use layar::picture::worker::Protocol;
use layar::text::escape::{escaped, escaped_os};
use layar::text::wrap::Fit;
use layar::theme::{self, Palette};

/// `--max-size` when not given.
const DEFAULT_MAX_SIZE: &str = "64M";

/// The command line of this process, or, when it asks for help or the version or is
/// wrong, what to exit with once that is shown.
///
/// Not `Cli::parse`, whose way out ignores a failed write (`layar --help > /dev/full`
/// would exit 0) and quotes a wrong argument as given, escape sequences included.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = Cli::try_parse_from(&args).map_err(|e| report(&shown(e, &args)))?;
    if cli.watch
        && cli
            .files
            .first()
            .is_none_or(|f| f.as_os_str() == STDIN_PATH)
    {
        let _ = writeln!(
            io::stderr(),
            "layar: error: --watch follows a file: name one (standard input and the bundled \
             page have none)"
        );
        return Err(ExitCode::from(2));
    }
    Ok(cli)
}

/// The error to show for `e`: the same error found again from the arguments escaped
/// ([`escaped_os`]), so that what clap quotes from them is escaped too. (Escaping only
/// adds backslash sequences, which no option takes: a wrong argument stays wrong, and
/// the same way.)
fn shown(e: clap::Error, args: &[OsString]) -> clap::Error {
    let escaped_args = args
        .iter()
        .map(|a| OsString::from(escaped_os(a).into_owned()));
    match Cli::try_parse_from(escaped_args) {
        Err(shown) if shown.kind() == e.kind() => shown,
        _ => e,
    }
}

/// Shows clap's help, version or error as clap would, and says whether that worked:
/// help and version on standard output, the exit status 1 when they cannot be
/// written; an error on standard error, status 2, after `layar: ` as layar's own.
fn report(e: &clap::Error) -> ExitCode {
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    if e.use_stderr() {
        let _ = io::stderr().write_all(prefixed(&error_text(e)).as_bytes());
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

/// clap's error message (`error: …`) in layar's words for an error: `layar: error: …`.
fn prefixed(text: &str) -> String {
    format!("layar: {text}")
}

/// clap's error message, plain, with any control still in it escaped but its line
/// breaks: nothing in an error acts on the terminal it is reported on.
fn error_text(e: &clap::Error) -> String {
    e.render()
        .to_string()
        .split('\n')
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
#[allow(clippy::struct_excessive_bools)] // each is one switch of the command line
pub struct Cli {
    /// Content files (YAML); `-` reads standard input. The viewer and --print take
    /// one; --check any number, and folders, whose pages it checks.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print the page as plain text and exit.
    #[arg(short, long, conflicts_with = "check")]
    pub print: bool,

    /// Check the files, and every .yaml and .yml page below each folder (hidden ones
    /// skipped); report every problem as `FILE:LINE:COL: error|warning: ... [code]`.
    #[arg(short, long)]
    pub check: bool,

    /// How --check reports: as text, or as one JSON array of diagnostics (the summary
    /// then goes to standard error).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = FormatArg::Text, requires = "check")]
    pub format: FormatArg,

    /// Print the JSON Schema of the content format and exit.
    #[arg(long, conflicts_with_all = ["print", "check", "watch", "files"])]
    pub schema: bool,

    /// Follow the file: show it again whenever it is saved, keeping your place (a save
    /// that breaks the page keeps the last good one, under a banner).
    #[arg(short = 'W', long, conflicts_with_all = ["print", "check"])]
    pub watch: bool,

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

    /// Open the viewer at the top, not where the page was left (the place is still
    /// kept on quit).
    #[arg(long)]
    pub no_resume: bool,

    /// Capture the mouse: the wheel scrolls, a click selects a tab or opens a
    /// screenshot's picture (this stops the terminal's own text selection; without
    /// it the wheel still scrolls).
    #[arg(long)]
    pub mouse: bool,

    /// When to use colours and styles.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// The viewer's colours: for the background the terminal reports (auto; dark
    /// when it reports none), or for a dark or a light one.
    #[arg(long, value_enum, value_name = "THEME", default_value_t = ThemeArg::Auto)]
    pub theme: ThemeArg,

    /// How screenshots are drawn: asked of the terminal (auto), with a graphics
    /// protocol, with coloured half-blocks, or as text (none).
    #[arg(long, value_enum, value_name = "HOW", default_value_t = ImagesArg::Auto)]
    pub images: ImagesArg,

    /// Refuse content files larger than this many bytes (suffixes K, M, G, T; decimals
    /// such as 1.5M too).
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
pub enum ImagesArg {
    Auto,
    Kitty,
    Sixel,
    Iterm2,
    Halfblocks,
    None,
}

impl ImagesArg {
    pub fn choice(self) -> Choice {
        match self {
            Self::Auto => Choice::Auto,
            Self::Kitty => Choice::Use(Protocol::Kitty),
            Self::Sixel => Choice::Use(Protocol::Sixel),
            Self::Iterm2 => Choice::Use(Protocol::Iterm2),
            Self::Halfblocks => Choice::Use(Protocol::HalfBlocks),
            Self::None => Choice::Off,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
}

impl FormatArg {
    pub fn format(self) -> layar::check::Format {
        match self {
            Self::Text => layar::check::Format::Text,
            Self::Json => layar::check::Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Auto,
    Dark,
    Light,
}

impl ThemeArg {
    pub fn choice(self) -> theme::Choice {
        match self {
            Self::Auto => theme::Choice::Auto,
            Self::Dark => theme::Choice::Use(Palette::Dark),
            Self::Light => theme::Choice::Use(Palette::Light),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// `--max-size`: a number of bytes, whole or with decimals, and a unit: none or `B` for
/// bytes, `K`, `M`, `G` or `T` (also written `KB`, `KiB`, …; all binary, 1K = 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    const UNITS: &str = "use a number of bytes, or one with K, M, G or T (such as 64M or 1.5G)";
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let shift = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(format!("unknown unit \"{}\": {UNITS}", escaped(unit))),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !digits(fraction) {
        return Err(format!(
            "expected a size, found \"{}\": {UNITS}",
            escaped(s)
        ));
    }
    let too_large = || "size too large".to_owned();
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_large())?
    };
    let mut bytes = whole.checked_mul(1 << shift).ok_or_else(too_large)?;
    // The fraction in whole bytes (1.5M is 1,572,864 bytes); of bytes themselves, none.
    let digits = &fraction[..fraction.len().min(12)];
    let part: u128 = digits.parse().unwrap_or(0);
    if shift == 0 && part != 0 {
        return Err(format!(
            "expected a whole number of bytes, found \"{}\": {UNITS}",
            escaped(s)
        ));
    }
    let ten = 10u128.pow(u32::try_from(digits.len()).unwrap_or(12));
    let extra = u64::try_from((part << shift) / ten).map_err(|_| too_large())?;
    bytes = bytes.checked_add(extra).ok_or_else(too_large)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("10k"), Ok(10 << 10));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("1gb"), Ok(1 << 30));
        assert_eq!(parse_size("2T"), Ok(2 << 40));
        assert_eq!(parse_size("123"), Ok(123));
        assert_eq!(parse_size("123B"), Ok(123));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999G").is_err());
        assert!(parse_size("").is_err());
    }

    #[test]
    fn sizes_take_decimals() {
        assert_eq!(parse_size("1.5M"), Ok(3 << 19));
        assert_eq!(parse_size("0.5K"), Ok(512));
        assert_eq!(parse_size(".25G"), Ok(1 << 28));
        assert_eq!(parse_size("2.0"), Ok(2));
        assert_eq!(
            parse_size("1.5"),
            Err(
                "expected a whole number of bytes, found \"1.5\": use a number of bytes, or \
                 one with K, M, G or T (such as 64M or 1.5G)"
                    .into()
            )
        );
        assert!(parse_size("1.2.3M").is_err());
        assert!(parse_size(".M").is_err());
    }

    #[test]
    fn a_unit_that_is_not_one_is_refused() {
        assert_eq!(
            parse_size("1iB"),
            Err(
                "unknown unit \"iB\": use a number of bytes, or one with K, M, G or T (such \
                 as 64M or 1.5G)"
                    .into()
            )
        );
        assert!(parse_size("1MiBB").is_err());
        assert!(parse_size("1 M").is_err(), "a space is not a unit");
    }

    /// Whether a character starts a terminal control: C0 (ESC, BEL...), DEL, C1, or a
    /// bidi embedding, override or isolate.
    fn starts_a_control(c: char) -> bool {
        c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }

    fn hostile() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let c = prop_oneof![
            3 => any::<char>(),
            2 => prop::sample::select(
                "\u{1b}\u{7}\u{9b}\u{9c}\u{85}\u{202e}\u{2067}\t\n\r\0]52;=-"
                    .chars()
                    .collect::<Vec<_>>()
            ),
        ];
        prop::collection::vec(c, 1..40).prop_map(|v| v.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn errors_quote_no_control(value in hostile(), option in 0..6_usize) {
            let args: Vec<OsString> = match option {
                0 => vec!["--lang".into(), value.clone().into()],
                1 => vec![
                    if value.len() % 2 == 0 { "--color" } else { "--theme" }.into(),
                    value.clone().into(),
                ],
                2 => vec![format!("--max-size={value}").into()],
                3 => vec!["--width".into(), value.clone().into(), "--print".into()],
                4 => vec![format!("--{value}").into()],
                _ => vec!["--check".into(), "--print".into(), value.clone().into()],
            };
            let args: Vec<OsString> = std::iter::once("layar".into()).chain(args).collect();
            if let Err(e) = Cli::try_parse_from(&args) {
                let text = error_text(&shown(e, &args));
                proptest::prop_assert!(
                    !text.chars().any(|c| c != '\n' && starts_a_control(c)),
                    "{:?}", text
                );
                // A line break in the value adds no line to the message: the same
                // arguments with `x` for each break give as many lines, but for
                // clap's tips, which depend on the value's letters (`¡¡` is "similar"
                // to `en`, `x¡¡` is not), and the blank lines around them.
                let tame: Vec<OsString> = args
                    .iter()
                    .map(|a| a.to_string_lossy().replace('\n', "x").into())
                    .collect();
                if let Err(e) = Cli::try_parse_from(&tame) {
                    let lines = |t: &str| {
                        t.lines()
                            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("tip:"))
                            .count()
                    };
                    let expected = lines(&error_text(&shown(e, &tame)));
                    proptest::prop_assert_eq!(lines(&text), expected, "{}", text);
                }
            }
        }
    }

    #[test]
    fn clap_errors_read_as_layar_errors() {
        for args in [
            &["layar", "--no-such-option"][..],
            &["layar", "--lang", "fr"],
            &["layar", "--width"],
            &["layar", "--check", "--print"],
        ] {
            let e = Cli::try_parse_from(args).expect_err("a wrong command line");
            let text = prefixed(&error_text(&e));
            assert!(text.starts_with("layar: error: "), "{args:?}: {text}");
            assert!(!text.contains("layar: layar"), "{text}");
        }
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
