//! [`Code`]: the stable name of every kind of problem `--check` reports, errors and
//! warnings alike, for editors and CI to match on. A code names what is wrong, never how
//! the message words it: messages may change, codes do not.
//!
//! The README's table of diagnostic codes lists every one; a test here fails when one
//! is missing there.

use std::fmt;

use super::Severity;

/// Declares the codes once: the enum, its list and each code's name.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident;)*) => {
        /// The stable name of a kind of problem (see the module documentation).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order the README lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in reports: `unknown-key`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// Whether a problem of this kind fails the check.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
    // The file itself.
    /// No file at the path.
    NotFound = "not-found", Error;
    /// A directory, a named pipe or a device, not a regular file.
    NotAFile = "not-a-file", Error;
    /// The file (or a folder below a checked one) cannot be read.
    Unreadable = "unreadable", Error;
    /// Larger than `--max-size`.
    TooLarge = "too-large", Error;
    /// Not UTF-8: a byte that does not fit, or UTF-16 or UTF-32 text.
    NotUtf8 = "not-utf8", Error;
    /// A NUL byte: binary data.
    Binary = "binary", Error;
    /// The system could not give the memory to read the file.
    OutOfMemory = "out-of-memory", Error;
    /// Nothing in the file but blank lines and comments.
    Empty = "empty", Error;

    // YAML.
    /// A character YAML does not allow anywhere.
    ForbiddenCharacter = "forbidden-character", Error;
    /// A tab in the indentation.
    TabIndent = "tab-indent", Error;
    /// An unquoted value holding `: `.
    ColonInValue = "colon-in-value", Error;
    /// A key out of line with the keys of its mapping.
    Indentation = "indentation", Error;
    /// A quoted value never closed.
    UnclosedQuote = "unclosed-quote", Error;
    /// Half of a UTF-16 surrogate pair written as an escape.
    SurrogateEscape = "surrogate-escape", Error;
    /// A value that starts with a character YAML reserves (`@`, `` ` ``).
    ReservedCharacter = "reserved-character", Error;
    /// A second YAML document in the file.
    SeveralDocuments = "several-documents", Error;
    /// An alias to an anchor not defined before it.
    UnknownAnchor = "unknown-anchor", Error;
    /// An alias inside the value it repeats.
    RecursiveAlias = "recursive-alias", Error;
    /// Any other YAML mistake, in the parser's words.
    YamlSyntax = "yaml-syntax", Error;
    /// Collections nested deeper than layar reads.
    TooDeep = "too-deep", Error;
    /// Aliases that make the page grow past what its size allows.
    AliasExpansion = "alias-expansion", Error;
    /// More values than the page's size allows memory for.
    TooManyValues = "too-many-values", Error;

    // The format.
    /// A key the format does not know.
    UnknownKey = "unknown-key", Error;
    /// The same key twice in one mapping.
    DuplicateKey = "duplicate-key", Error;
    /// A required key is absent.
    MissingKey = "missing-key", Error;
    /// A merge key (`<<`).
    MergeKey = "merge-key", Error;
    /// A required value written as null.
    NullValue = "null-value", Error;
    /// A value of the wrong kind: a list where text goes, text where a number goes.
    WrongType = "wrong-type", Error;
    /// A title, author, text or image path that shows nothing.
    EmptyValue = "empty-value", Error;
    /// A rating outside 0 to 10.
    RatingRange = "rating-range", Error;
    /// A rating with more than one decimal.
    RatingDecimals = "rating-decimals", Error;
    /// A rating with a leading zero, or in hexadecimal, octal or with `_`.
    RatingSpelling = "rating-spelling", Error;
    /// A rating in quotes: text.
    RatingQuoted = "rating-quoted", Error;
    /// A date not written YYYY-MM-DD.
    DateFormat = "date-format", Error;
    /// A date that is not in the calendar.
    DateCalendar = "date-calendar", Error;
    /// A `language` that is not a BCP 47 tag.
    LanguageTag = "language-tag", Error;

    // Warnings.
    /// A word whose letters mix scripts.
    MixedScript = "mixed-script", Warning;
    /// Text in a script foreign to its language.
    ForeignScript = "foreign-script", Warning;
    /// A character sanitising removes.
    RemovedCharacter = "removed-character", Warning;
    /// A screenshots or reviews section without items.
    EmptySection = "empty-section", Warning;
    /// A screenshot's image file does not exist.
    ImageMissing = "image-missing", Warning;
    /// A screenshot's image is a directory, a named pipe or a device.
    ImageNotAFile = "image-not-a-file", Warning;
    /// A screenshot's image cannot be read.
    ImageUnreadable = "image-unreadable", Warning;
    /// A screenshot's image is in no format layar reads.
    ImageFormat = "image-format", Warning;
    /// A screenshot's image ends before its picture does.
    ImageTruncated = "image-truncated", Warning;
    /// A screenshot's image has data not valid for its format.
    ImageCorrupt = "image-corrupt", Warning;
    /// A screenshot's image is over the size layar reads.
    ImageTooLarge = "image-too-large", Warning;
    /// A screenshot's image declares more pixels than layar decodes.
    ImageTooManyPixels = "image-too-many-pixels", Warning;
    /// A folder given to `--check` holds no page.
    NoPages = "no-pages", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                !name.is_empty()
                    && !name.starts_with('-')
                    && !name.ends_with('-')
                    && !name.contains("--")
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{name}"
            );
        }
    }

    /// The README's table of codes: every row's code, its severity and its text.
    fn readme_rows() -> Vec<(String, String)> {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("### Diagnostic codes")
            .expect("the README has a diagnostic codes section");
        readme[start..]
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2)
            .filter_map(|row| {
                let mut cells = row.split('|').map(str::trim).skip(1);
                let code = cells.next()?.trim_matches('`').to_owned();
                let severity = cells.next()?.to_owned();
                Some((code, severity))
            })
            .collect()
    }

    #[test]
    fn every_code_is_in_the_readme_table_once_with_its_severity() {
        let rows = readme_rows();
        for code in Code::ALL {
            let found: Vec<_> = rows.iter().filter(|(c, _)| c == code.as_str()).collect();
            assert_eq!(found.len(), 1, "{code} in the README table: {found:?}");
            let severity = match code.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            assert_eq!(found[0].1, severity, "{code}'s severity in the README");
        }
        let known: HashSet<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        for (code, _) in &rows {
            assert!(
                known.contains(code.as_str()),
                "the README lists {code}, no code"
            );
        }
    }
}
