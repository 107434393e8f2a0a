//! The JSON Schema: `layar --schema` is the committed `content/schema.json`, every page
//! layar loads validates against it, and every page layar refuses for what its values
//! are fails it.
//!
//! Which is which, the real program says: each page's `--check --format json` codes. A
//! page with no error must validate. A page with an error the schema is there to catch
//! (a key, a kind, a range, a shape) must not. The rest, which no schema can see (the
//! YAML itself, the bytes, a key given twice, a rating spelt `010`), are listed here by
//! name, so that a page moving between the kinds shows.

use crate::run::command;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

fn layar(args: &[&str]) -> Output {
    command(args).output().expect("run layar")
}

#[test]
fn the_committed_schema_is_what_layar_prints() {
    let out = layar(&["--schema"]);
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).expect("UTF-8");
    let committed =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/schema.json"))
            .expect("content/schema.json");
    assert!(
        printed == committed,
        "content/schema.json is not what `layar --schema` prints: run `cargo run -- --schema > \
         content/schema.json` and commit it"
    );
}

#[test]
fn pages_name_the_schema_in_their_first_line() {
    for (page, schema) in [
        ("content/di-balik-layar.yaml", "schema.json"),
        ("content/examples/senja-di-pelabuhan.yaml", "../schema.json"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
        let text = fs::read_to_string(&path).expect("the page");
        assert_eq!(
            text.lines().next(),
            Some(format!("# yaml-language-server: $schema={schema}").as_str()),
            "{page}"
        );
        let named = path.parent().expect("a folder").join(schema);
        assert!(named.is_file(), "{page} names {}", named.display());
    }
}

/// Codes of errors the schema is there to catch: with one of them, a page must fail it.
const SCHEMA_CATCHES: [&str; 13] = [
    "empty",
    "unknown-key",
    "missing-key",
    "merge-key",
    "null-value",
    "wrong-type",
    "empty-value",
    "rating-range",
    "rating-decimals",
    "rating-quoted",
    "date-format",
    "date-calendar",
    "language-tag",
];

/// Refused pages whose every error is out of a schema's reach: their bytes, their YAML,
/// or a spelling the parser reads past.
const OUT_OF_REACH: [&str; 16] = [
    "alias-expansion.yaml",
    "control-character.yaml",
    "dedented-key.yaml",
    "deep-block-nesting.yaml",
    "deep-flow-nesting.yaml",
    "duplicate-key.yaml",
    "not-utf8.yaml",
    "not-yaml.yaml",
    "nul-byte.yaml",
    "rating-leading-zero.yaml",
    "several-documents.yaml",
    "surrogate-escape.yaml",
    "tab-in-indentation.yaml",
    "unquoted-colon.yaml",
    "utf-16-bom.yaml",
    "utf-16.yaml",
];

/// Every page of the project: the content, and the test fixtures.
fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for folder in [
        "content",
        "content/examples",
        "tests/fixtures/load",
        "tests/fixtures/pages",
        "tests/fixtures/images/pages",
        "tests/fixtures/hostile",
    ] {
        let mut found: Vec<PathBuf> = fs::read_dir(root.join(folder))
            .expect("a fixture folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        found.sort();
        pages.extend(found);
    }
    pages
}

/// The error codes `--check` reports for `page`.
fn error_codes(page: &Path) -> Vec<String> {
    let out = layar(&["--check", "--format", "json", &page.display().to_string()]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    report
        .as_array()
        .expect("an array")
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect()
}

/// The page as the JSON the schema validates, read by the parser layar reads with, a
/// merge key kept as an ordinary key (as layar reads it, to refuse it).
fn as_json(page: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(page).map_err(|e| e.to_string())?;
    let options = serde_saphyr::options! {
        merge_keys: serde_saphyr::MergeKeyPolicy::AsOrdinary,
    };
    serde_saphyr::from_str_with_options(&text, options).map_err(|e| e.to_string())
}

#[test]
fn pages_that_load_validate_and_pages_refused_for_their_values_do_not() {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/schema.json"))
            .expect("the schema"),
    )
    .expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let (mut valid, mut invalid, mut out_of_reach) = (0, 0, BTreeSet::new());
    for page in pages() {
        let name = page
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let codes = error_codes(&page);
        if codes.is_empty() {
            let json = as_json(&page).unwrap_or_else(|e| panic!("{name}: {e}"));
            let errors: Vec<String> = validator
                .iter_errors(&json)
                .map(|e| e.to_string())
                .collect();
            assert!(
                errors.is_empty(),
                "{name} loads, yet the schema refuses it: {errors:#?}"
            );
            valid += 1;
        } else if codes.iter().any(|c| SCHEMA_CATCHES.contains(&c.as_str())) {
            let json = as_json(&page).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                !validator.is_valid(&json),
                "{name} is refused ({codes:?}), yet the schema takes it"
            );
            invalid += 1;
        } else {
            out_of_reach.insert(name.to_owned());
        }
    }
    assert_eq!(
        out_of_reach,
        OUT_OF_REACH.iter().map(|s| (*s).to_owned()).collect(),
        "the pages refused for what no schema sees"
    );
    assert!(
        valid >= 20 && invalid >= 15,
        "{valid} valid, {invalid} invalid"
    );
}
