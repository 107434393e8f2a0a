//! The thin layer over serde-saphyr: its options, with budgets scaled to the file, and
//! its refusals in layar's words.
//!
//! serde-saphyr's budget bounds what a file can make the parser do: how deep collections
//! nest, how many events and values it yields, how much text its scalars hold. Aliases
//! (`*name`) replay what they name and are charged again each time, so a "billion laughs"
//! file runs into the budget while it is read, and memory stays bounded. A page without
//! aliases yields at most two events and values per byte and no more scalar text than it
//! has bytes, so the budgets are scaled from the file's length: the largest page
//! `--max-size` admits fits, and only aliases can go past them.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{
    DuplicateKeyPolicy, Error, ExternalMessageSource, Location as SaphyrLocation, MergeKeyPolicy,
    NonFiniteFloatPolicy, Options,
};

use super::allowance;
use super::error::{Expansion, LoadErrorKind, Location, Nesting};
use super::places::location;
use super::quoting::{index_of, one_line};
use super::syntax;
use super::wire::{Bare, HeadSeed, PageNode, PageWire, Spans};
use crate::diagnostic::Code;

/// How deep lists and mappings may nest, the page's own levels included. A page needs 5.
pub(super) const MAX_DEPTH: usize = 64;

/// What any page may use, however small: room for a few aliases.
const FLOOR: usize = 4096;

/// How many times its own size a page's scalar text may grow to through aliases, at
/// least [`TEXT_FLOOR`] bytes.
const TEXT_FACTOR: usize = 4;
const TEXT_FLOOR: usize = 1 << 20;

/// How many bytes of the file each event an anchor (`&name`) records may take: what
/// serde-saphyr keeps of an anchored value to replay it is about 150 bytes an event, so
/// anchored values may hold about one event per 128 bytes of the file (whole sections of
/// a big page, not the page ten times over).
const BYTES_PER_RECORDED_EVENT: usize = 128;

/// serde-saphyr's options for a text of `len` bytes.
pub(super) fn options(len: usize) -> Options {
    let values = len.saturating_mul(2).saturating_add(FLOOR);
    let text = text_limit(len);
    let recorded_events = len / BYTES_PER_RECORDED_EVENT + FLOOR;
    let recorded_bytes = len.saturating_add(TEXT_FLOOR);
    let budget = serde_saphyr::budget! {
        max_depth: MAX_DEPTH,
        max_events: values,
        max_nodes: values,
        max_aliases: len / 2 + FLOOR,
        max_anchors: len / 2 + FLOOR,
        max_recorded_anchor_events: recorded_events,
        max_recorded_anchor_bytes: recorded_bytes,
        max_total_scalar_bytes: text,
        // The budgets above bound what aliases can do, and refuse at the alias that
        // goes too far; the ratio is only judged at the end of the file.
        enforce_alias_anchor_ratio: false,
    };
    let alias_limits = serde_saphyr::alias_limits! {
        max_total_replayed_events: values,
    };
    serde_saphyr::options! {
        budget: budget,
        alias_limits: alias_limits,
        // Repeated keys reach the wire types, which report them with their places; with
        // merge keys (`<<`) read as ordinary ones (unknown to the format), serde-saphyr
        // then keeps no record of the keys it has seen.
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        merge_keys: MergeKeyPolicy::AsOrdinary,
        // `.nan` reaches a rating as a number, to be refused there.
        non_finite_float_policy: NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    }
}

/// The scalar text a page of `len` bytes may hold.
fn text_limit(len: usize) -> usize {
    len.saturating_mul(TEXT_FACTOR).max(TEXT_FLOOR)
}

/// What serde-saphyr refused, and where, as a byte offset and its location.
pub(super) type Refusal = (LoadErrorKind, Option<(usize, Location)>);

/// Reads `text` into the wire types, within the memory its size allows
/// ([`allowance`]).
pub(super) fn read<S: Spans>(text: &str) -> Result<PageNode<S>, Box<Refusal>> {
    allowance::within(allowance::limit(text.len()), || {
        serde_saphyr::from_str_with_options(text, options(text.len()))
    })
    .map_err(|e| Box::new(refusal(text, &e)))
}

/// The head of `text`: its top-level keys before `reviews`, read without reading on
/// ([`HeadSeed`]). `None` when the page has no `reviews` key, or when anything before it
/// stops the read: the whole read then says what.
pub(super) fn head(text: &str) -> Option<PageWire<Bare>> {
    use serde::de::DeserializeSeed;
    let mut head = None;
    // The read ends in an error: the expected stop at `reviews`, or a problem that the
    // whole read reports. Only the stop leaves a head.
    let _ = allowance::within(allowance::limit(text.len()), || {
        serde_saphyr::with_deserializer_from_str_with_options(text, options(text.len()), |d| {
            HeadSeed(&mut head).deserialize(d)
        })
    });
    head
}

/// serde-saphyr's refusal of `text`, in layar's words.
fn refusal(text: &str, error: &Error) -> Refusal {
    let error = error.without_snippet();
    let locations = error.locations();
    let used = locations.map(|l| l.reference_location);
    let defined = locations.map(|l| l.defined_location);
    let place_of = |at: Option<SaphyrLocation>| {
        at.map(|at| {
            let location = location(&at);
            let index = at
                .span()
                .byte_offset()
                .and_then(|b| usize::try_from(b).ok())
                .filter(|b| *b <= text.len())
                .unwrap_or_else(|| index_of(text, location));
            (index, location)
        })
    };
    let placed = |kind: LoadErrorKind, at: Option<SaphyrLocation>| (kind, place_of(at));
    let anchor_line = match (used, defined) {
        (Some(used), Some(defined)) if used != defined => Some(location(&defined).line),
        _ => None,
    };
    match root(error) {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => {
                let place = place_of(used);
                // Whether a `[` or `{` went too deep, or an indented block.
                let nesting = match place.and_then(|(i, _)| text.as_bytes().get(i)) {
                    Some(b'[' | b'{') => Nesting::Flow,
                    _ => Nesting::Block,
                };
                let limit = MAX_DEPTH;
                (LoadErrorKind::TooDeep { nesting, limit }, place)
            }
            BudgetBreach::ScalarBytes { .. } | BudgetBreach::RecordedAnchorBytes { .. } => {
                let limit = Expansion::Text(text_limit(text.len()) as u64);
                placed(LoadErrorKind::TooMuchExpansion { limit, anchor_line }, used)
            }
            _ => {
                let limit = Expansion::Values;
                placed(LoadErrorKind::TooMuchExpansion { limit, anchor_line }, used)
            }
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => {
            let limit = Expansion::Values;
            placed(LoadErrorKind::TooMuchExpansion { limit, anchor_line }, used)
        }
        Error::Message { msg, .. } if msg == allowance::EXCEEDED => {
            let limit = allowance::limit(text.len()) as u64;
            let place = place_of(used);
            // Past the allowance at an alias, or in a value replayed by one (placed at the
            // anchored value): say so.
            let anchor = place.and_then(|(index, _)| anchor_at(text, index));
            let kind = match anchor {
                Some(anchor) => LoadErrorKind::AliasesTooBig {
                    anchor: one_line(anchor, 40),
                    limit,
                },
                None => LoadErrorKind::TooManyValues { limit },
            };
            (kind, place)
        }
        Error::ExternalMessage { source, .. } => match (&**source, used) {
            (ExternalMessageSource::Parser(scan), Some(at)) => {
                let (kind, at) = syntax::explain(text, scan, location(&at));
                (kind, Some((index_of(text, at), at)))
            }
            _ => placed(saphyr_words(error), used),
        },
        Error::MultipleDocuments { .. } => {
            let message = "a second YAML document starts here, after a `---` or `...` line; a \
                           page is one document"
                .to_owned();
            let code = Code::SeveralDocuments;
            placed(LoadErrorKind::Syntax { code, message }, used)
        }
        Error::UnknownAnchor { .. } => {
            let name = used
                .map(|at| &text[index_of(text, location(&at))..])
                .and_then(|rest| rest.strip_prefix('*'))
                .map(|rest| {
                    rest.split([' ', '\t', '\n', '\r', ',', ']', '}'])
                        .next()
                        .unwrap_or("")
                })
                .unwrap_or_default();
            let message = format!(
                "`*{0}` repeats an anchor `&{0}` that is not defined before it",
                one_line(name, 40)
            );
            let code = Code::UnknownAnchor;
            placed(LoadErrorKind::Syntax { code, message }, used)
        }
        Error::RecursiveReferencesRequireWeakTypes { .. } => {
            let message =
                "this alias repeats the list or mapping it is in; layar refuses this".to_owned();
            let code = Code::RecursiveAlias;
            placed(LoadErrorKind::Syntax { code, message }, used)
        }
        _ => placed(saphyr_words(error), used),
    }
}

/// The name of the anchor of the value at byte `index`, if it is an alias (`*name`) or
/// has one (`&name`): the value starts with it, or it is the last word before the value
/// on its line.
fn anchor_at(text: &str, index: usize) -> Option<&str> {
    let rest = text.get(index..)?;
    let before = text.get(..index)?;
    let line = before.rsplit(['\n', '\r']).next().unwrap_or_default();
    let word = if rest.starts_with(['&', '*']) {
        rest
    } else {
        line.trim_end()
            .rsplit([' ', '\t'])
            .next()
            .unwrap_or_default()
    };
    let name = word.strip_prefix(['&', '*'])?;
    let end = name
        .find([' ', '\t', '\n', '\r', ',', '[', ']', '{', '}'])
        .unwrap_or(name.len());
    Some(&name[..end]).filter(|n| !n.is_empty())
}

/// The error under the wrappers that only add places.
fn root(error: &Error) -> &Error {
    match error {
        Error::AliasError { error, .. } | Error::WithSnippet { error, .. } => root(error),
        other => other,
    }
}

/// serde-saphyr's own description, for refusals layar has no words of its own for.
fn saphyr_words(error: &Error) -> LoadErrorKind {
    use serde_saphyr::MessageFormatter as _;
    let message = serde_saphyr::DefaultMessageFormatter.format_message(root(error));
    LoadErrorKind::Syntax {
        code: Code::YamlSyntax,
        message: format!("invalid YAML: {}", one_line(&message, 200)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::wire::Located;

    /// The headline of what reading `text` gives: `ok`, or the refusal.
    fn read_located(text: &str) -> String {
        match read::<Located>(text) {
            Ok(_) => "ok".into(),
            Err(refusal) => refusal.0.to_string(),
        }
    }

    #[test]
    fn budgets_grow_with_the_file() {
        let len = 64 << 20;
        let budget = options(len).budget.expect("a budget");
        assert!(budget.max_events >= 2 * len && budget.max_nodes >= 2 * len);
        assert!(budget.max_total_scalar_bytes >= len);
        assert_eq!(budget.max_depth, MAX_DEPTH);
        let small = options(10).budget.expect("a budget");
        assert_eq!(small.max_total_scalar_bytes, TEXT_FLOOR);
    }

    #[test]
    fn dense_pages_without_aliases_fit() {
        let dense = |item: &str| format!("x: [{}]\n", item.repeat(20_000));
        assert_eq!(read_located(&dense("[], ")), "ok");
        assert_eq!(read_located(&dense("a, ")), "ok");
        assert_eq!(read_located(&dense("{? , }, ")), "ok");
    }

    #[test]
    fn anchors_are_found_at_or_before_a_value() {
        let text = "a: &big [1]\nb: &t text\nc: plain &x\nd: *big\n";
        let at = |needle: &str| anchor_at(text, text.find(needle).unwrap_or_default());
        assert_eq!(at("&big"), Some("big"));
        assert_eq!(at("text"), Some("t"));
        assert_eq!(at("plain"), None);
        assert_eq!(at("[1]"), Some("big"));
        assert_eq!(at("*big"), Some("big"));
    }

    #[test]
    fn many_aliases_to_a_small_value_fit() {
        let text = format!("a: &a x\nb: [{}]\n", "*a, ".repeat(20_000));
        assert_eq!(read_located(&text), "ok");
    }
}
