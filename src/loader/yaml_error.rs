//! Turning a `serde_yaml::Error` into a [`LoadError`].
//!
//! `serde_yaml` 0.9 exposes an error's place (`location()`: 1-based line and column, and a
//! byte index) but not its parts: its `Display` is `PATH: MESSAGE at line L column C`,
//! the path left out at the top level. So the location is taken from `location()`, the
//! ` at line L column C` it repeats is cut, the path is split off the front (a path is
//! only ever made of the format's own keys, `[n]` indices, `.` and `?`), and the message
//! is read for the few shapes serde and the wire types produce: `expected X, found Y`
//! (the wire types), `invalid type: U, expected X`, `missing field`, `unknown field` and
//! `duplicate field`. Anything else is the YAML parser's own complaint.

use super::error::{LoadError, LoadErrorKind, Location};
use super::quoting::{one_line, quote};

/// The error for `err`, raised while parsing `text` from `file`. `budget_limit` is set when
/// the text budget refused the page.
pub(super) fn translate(
    file: &str,
    text: &str,
    err: &serde_yaml::Error,
    budget_limit: Option<u64>,
) -> LoadError {
    let location = err.location();
    let mut message = err.to_string();
    if let Some(at) = &location {
        let repeated = format!(" at line {} column {}", at.line(), at.column());
        if message.ends_with(&repeated) {
            message.truncate(message.len() - repeated.len());
        } else if let Some(i) = message.find(&repeated) {
            message.replace_range(i..i + repeated.len(), "");
        }
    }
    let (path, rest) = split_path(&message);
    let kind = match budget_limit {
        Some(limit) => LoadErrorKind::TooMuchText {
            path: path.to_owned(),
            limit,
        },
        None => classify(path, rest),
    };
    let error = LoadError::new(file, kind);
    match location {
        Some(at) => error.at(
            text,
            at.index(),
            Location {
                line: at.line(),
                column: at.column(),
            },
        ),
        None => error,
    }
}

/// Splits `PATH: MESSAGE` into its path (empty when there is none) and message.
fn split_path(message: &str) -> (&str, &str) {
    let is_path_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '?');
    match message.split_once(": ") {
        Some((path, rest)) if !path.is_empty() && path.chars().all(is_path_char) => (path, rest),
        _ => ("", message),
    }
}

/// The kind of error `message` (already without path and location) describes.
fn classify(path: &str, message: &str) -> LoadErrorKind {
    let path = path.to_owned();
    if let Some(rest) = message.strip_prefix("expected ")
        && let Some((expected, found)) = rest.split_once(", found ")
    {
        return LoadErrorKind::Invalid {
            path,
            expected: expected.to_owned(),
            found: found.to_owned(),
        };
    }
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        && let Some((unexpected, expected)) = rest.rsplit_once(", expected ")
    {
        return LoadErrorKind::Invalid {
            path,
            expected: describe_expected(expected),
            found: describe_unexpected(unexpected),
        };
    }
    if let Some(key) = backticked(message, "missing field `") {
        return LoadErrorKind::MissingKey { path, key };
    }
    if let Some(key) = backticked(message, "duplicate field `") {
        return LoadErrorKind::DuplicateKey { path, key };
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return unknown_key(path, rest);
    }
    match message {
        "deserializing from YAML containing more than one document is not supported" => {
            LoadErrorKind::Other {
                path,
                message: "expected one page, found several YAML documents (a second `---`)".into(),
            }
        }
        "repetition limit exceeded" => LoadErrorKind::Other {
            path,
            message: "aliases (`*name`) repeat too often; refusing to expand them".into(),
        },
        _ if path.is_empty() => LoadErrorKind::Syntax {
            message: one_line(message, 200),
        },
        _ => LoadErrorKind::Other {
            path,
            message: one_line(message, 200),
        },
    }
}

/// The key in `` prefix`KEY` ``, cleaned for showing.
fn backticked(message: &str, prefix: &str) -> Option<String> {
    let key = message.strip_prefix(prefix)?.strip_suffix('`')?;
    Some(one_line(key, 60))
}

/// ``unknown field `KEY`, expected one of `a`, `b` `` (already without its prefix).
fn unknown_key(path: String, rest: &str) -> LoadErrorKind {
    let (key, known) = rest
        .rfind("`, expected ")
        .or_else(|| rest.rfind("`, there are no fields"))
        .map_or((rest, ""), |i| (&rest[..i], &rest[i + 1..]));
    let known: Vec<String> = known
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    let suggestion = closest(key, &known).map(str::to_owned);
    LoadErrorKind::UnknownKey {
        path,
        key: one_line(key, 60),
        suggestion,
        known,
    }
}

/// The known key most like `key`, when one is close enough to be a likely typo.
fn closest<'a>(key: &str, known: &'a [String]) -> Option<&'a str> {
    let key = key.to_lowercase();
    let allowed = |len: usize| (len / 3).clamp(1, 3);
    known
        .iter()
        .map(|k| (edit_distance(&key, k), k))
        .filter(|(d, k)| *d <= allowed(k.chars().count()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

/// Optimal string alignment distance: edits, with a swap of neighbours counted as one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// serde's words for what was expected, in the format's words.
fn describe_expected(expected: &str) -> String {
    match expected {
        "a sequence" => "a list".into(),
        "a string" => "text".into(),
        "field identifier" => "a key name".into(),
        other => one_line(other, 120),
    }
}

/// serde's description of an unexpected value (`sequence`, ``integer `5` ``, `string "x"`),
/// as an error message shows what it found.
fn describe_unexpected(unexpected: &str) -> String {
    match unexpected {
        "sequence" => return "a list".into(),
        "map" => return "a mapping".into(),
        "unit value" | "Option value" => return "null".into(),
        "enum" => return "a tagged value".into(),
        _ => {}
    }
    for prefix in ["boolean `", "integer `", "floating point `", "character `"] {
        if let Some(v) = unexpected
            .strip_prefix(prefix)
            .and_then(|v| v.strip_suffix('`'))
        {
            return quote(v);
        }
    }
    if let Some(v) = unexpected.strip_prefix("string ") {
        // serde writes the string with Rust's escapes; plain ones can be shown as written.
        return match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            Some(inner) if !inner.contains('\\') => quote(inner),
            _ => one_line(v, 62),
        };
    }
    one_line(unexpected, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_off_the_front() {
        assert_eq!(
            split_path("reviews.items[1].rating: expected x"),
            ("reviews.items[1].rating", "expected x")
        );
        assert_eq!(
            split_path("missing field `title`"),
            ("", "missing field `title`")
        );
        assert_eq!(
            split_path("unknown field `a: b`, expected `c`"),
            ("", "unknown field `a: b`, expected `c`")
        );
        assert_eq!(
            split_path("invalid type: map, expected x"),
            ("", "invalid type: map, expected x")
        );
    }

    #[test]
    fn unknown_keys_suggest_the_closest_known_one() {
        let kind = classify(
            "",
            "unknown field `synopis`, expected one of `title`, `language`, `synopsis`",
        );
        assert_eq!(
            kind,
            LoadErrorKind::UnknownKey {
                path: String::new(),
                key: "synopis".into(),
                suggestion: Some("synopsis".into()),
                known: vec!["title".into(), "language".into(), "synopsis".into()],
            }
        );
        assert_eq!(
            kind.to_string(),
            "unknown key `synopis`; did you mean `synopsis`?"
        );
        let far = classify(
            "reviews",
            "unknown field `colour`, expected `heading` or `items`",
        );
        assert_eq!(
            far.to_string(),
            "reviews: unknown key `colour`; expected one of `heading`, `items`"
        );
    }

    #[test]
    fn typos_are_close_and_other_words_are_not() {
        let known: Vec<String> = ["title", "language", "synopsis", "caption", "rating"]
            .map(String::from)
            .to_vec();
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("Title", &known), Some("title"));
        assert_eq!(closest("captoin", &known), Some("caption"));
        assert_eq!(closest("ratng", &known), Some("rating"));
        assert_eq!(closest("langauge", &known), Some("language"));
        assert_eq!(closest("author", &known), None);
        assert_eq!(closest("x", &known), None);
    }

    #[test]
    fn serde_type_errors_read_as_expected_and_found() {
        assert_eq!(
            classify(
                "title",
                "invalid type: sequence, expected a non-empty title"
            )
            .to_string(),
            "title: expected a non-empty title, found a list"
        );
        assert_eq!(
            classify(
                "screenshots.items",
                "invalid type: string \"abc\", expected a sequence"
            )
            .to_string(),
            "screenshots.items: expected a list, found \"abc\""
        );
        assert_eq!(
            classify("synopsis", "invalid type: integer `5`, expected a mapping").to_string(),
            "synopsis: expected a mapping, found \"5\""
        );
        assert_eq!(
            classify("x", "invalid type: string \"a\\u{1b}b\", expected y").to_string(),
            "x: expected y, found \"a\\u{1b}b\""
        );
    }

    #[test]
    fn parser_complaints_are_syntax_errors() {
        assert_eq!(
            classify("", "mapping values are not allowed in this context").to_string(),
            "invalid YAML: mapping values are not allowed in this context"
        );
    }
}
