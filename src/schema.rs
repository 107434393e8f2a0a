//! The JSON Schema of a film page: `layar --schema`, committed as `content/schema.json`,
//! so that editors with the YAML language server complete and check a page as it is
//! typed.
//!
//! How it is made, and why so. The loader reads a page into permissive wire types
//! (`loader::wire`): a value of the wrong kind is kept as found, so that one pass
//! reports every problem of a file. Their schema, which schemars generates from those
//! same types ([`loader::wire_schema`]), says what the types can: the keys each mapping
//! knows and no other, which are required, and what kind of value each takes; a key
//! added to the format is in the schema with no change here. But the wire is loose on
//! purpose where the rules come later (a rating is any value until `loader::rules` reads
//! it), and a schema that loose would accept what layar refuses. So the rules the types
//! cannot say are added here by hand, each beside the rule of `loader::rules` it
//! restates, and tested against it: a rating from 0 to 10 with at most one decimal, a
//! date in the calendar, a language tag's shape, a title, author, text or image path
//! that shows something. Last, every optional key may be null, as the loader takes a
//! null for a missing value, and no required one may.
//!
//! What no schema can say stays with `--check`: a key given twice, a rating spelt `010`,
//! the YAML itself, the images, the scripts of the words.

use serde_json::{Map, Value, json};

use crate::loader;

/// The schema, as `--schema` prints it: pretty JSON and a final line break.
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema: the wire types' own, made strict.
pub fn schema() -> Value {
    let mut wire = loader::wire_schema().to_value();
    // Which schema, and what it is for, first; then the page's keys; then the rest.
    let mut head = Map::new();
    if let Some(root) = wire.as_object_mut() {
        head.extend(root.remove("$schema").map(|v| ("$schema".to_owned(), v)));
        head.insert("title".into(), json!("layar film page"));
        head.insert(
            "description".into(),
            json!("A film's page for layar: its title, synopsis, screenshots and reviews."),
        );
        root.remove("title");
        head.append(root);
    }
    let mut schema = Value::Object(head);
    for (mapping, key, rule) in rules() {
        if let (Some(Value::Object(property)), Value::Object(rule)) =
            (property_mut(&mut schema, mapping, key), rule)
        {
            property.extend(rule);
        }
    }
    for mapping in MAPPINGS {
        if let Some(Value::Object(object)) = mapping_mut(&mut schema, mapping) {
            optional_may_be_null(object);
        }
    }
    schema
}

/// The mappings of the format, by their schema names; `Page` is the root.
const MAPPINGS: [&str; 6] = [
    "Page",
    "Synopsis",
    "Screenshots",
    "Screenshot",
    "Reviews",
    "Review",
];

/// The schema of the mapping named `name`: the root for the page, else a definition.
fn mapping_mut<'a>(schema: &'a mut Value, name: &str) -> Option<&'a mut Value> {
    if name == "Page" {
        Some(schema)
    } else {
        schema.get_mut("$defs")?.get_mut(name)
    }
}

fn property_mut<'a>(schema: &'a mut Value, mapping: &str, key: &str) -> Option<&'a mut Value> {
    mapping_mut(schema, mapping)?
        .get_mut("properties")?
        .get_mut(key)
}

/// A text that shows something: a character that is neither a space nor one that
/// sanitising removes (`rules::is_blank`).
const SHOWS: &str = r"[^\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]";

/// A BCP 47 tag's shape, as `rules::is_language_tag` reads it.
const LANGUAGE_TAG: &str = r"^(?:[A-Za-z]{2,8}|[xXiI])(?:-[A-Za-z0-9]{1,8})*$";

/// A date written YYYY-MM-DD that is in the (proleptic Gregorian) calendar, as
/// `model::Date::parse` reads it: months of 31 and 30 days, February of 28, and the
/// 29th in a leap year (a year divisible by 4, but a century only by 400).
const DATE: &str = concat!(
    r"^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))",
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[048]|[2468][048]|[13579][26])00)",
    r"-02-29)$"
);

/// What each value must be beyond its type, and what it is for (editors show it), by
/// mapping and key.
fn rules() -> Vec<(&'static str, &'static str, Value)> {
    let shows = |description: &str| json!({ "description": description, "pattern": SHOWS });
    let language = |whose: &str| {
        json!({
            "description": format!(
                "{whose}: a BCP 47 tag such as `id` or `pt-BR`. Words in its scripts are \
                 not flagged as foreign."
            ),
            "type": "string",
            "pattern": LANGUAGE_TAG,
        })
    };
    let said = |description: &str| json!({ "description": description });
    vec![
        (
            "Page",
            "title",
            shows("The film's title: required, not empty."),
        ),
        (
            "Page",
            "language",
            language("The page's language, which also picks the interface's (id or en)"),
        ),
        ("Page", "synopsis", said("The film's synopsis: required.")),
        ("Page", "screenshots", said("Screenshots, with captions.")),
        (
            "Page",
            "reviews",
            said("Reviews, with authors and ratings."),
        ),
        ("Synopsis", "heading", said("The synopsis tab's heading.")),
        (
            "Synopsis",
            "text",
            shows("The synopsis; a blank line starts a paragraph."),
        ),
        (
            "Synopsis",
            "language",
            language("The synopsis's own language, when not the page's"),
        ),
        (
            "Screenshots",
            "heading",
            said("The screenshots tab's heading."),
        ),
        ("Screenshots", "items", said("The screenshots, in order.")),
        ("Screenshot", "caption", said("What the screenshot shows.")),
        (
            "Screenshot",
            "image",
            shows(
                "The image file, relative to the page's folder: PNG, JPEG, GIF, WebP, BMP, \
                 TIFF, PNM, QOI, TGA or ICO.",
            ),
        ),
        ("Reviews", "heading", said("The reviews tab's heading.")),
        ("Reviews", "items", said("The reviews, in order.")),
        (
            "Review",
            "author",
            shows("Who wrote the review: not empty."),
        ),
        (
            "Review",
            "rating",
            json!({
                "description": "A number from 0 to 10 with at most one decimal, such as 8 \
                                or 7.5, without quotes.",
                "type": "number",
                "minimum": 0,
                "maximum": 10,
                "multipleOf": 0.1,
            }),
        ),
        (
            "Review",
            "date",
            json!({
                "description": "The review's date, YYYY-MM-DD.",
                "type": "string",
                "pattern": DATE,
            }),
        ),
        (
            "Review",
            "text",
            shows("The review; a blank line starts a paragraph."),
        ),
        (
            "Review",
            "language",
            language("The review's own language, when not the page's"),
        ),
    ]
}

/// Lets every optional key of `mapping` be null: `type` gains `null`, and a reference
/// to another mapping becomes "that, or null".
fn optional_may_be_null(mapping: &mut Map<String, Value>) {
    let required: Vec<String> = mapping
        .get("required")
        .and_then(Value::as_array)
        .map(|keys| {
            keys.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let Some(Value::Object(properties)) = mapping.get_mut("properties") else {
        return;
    };
    for (key, property) in properties.iter_mut() {
        if required.contains(key) {
            continue;
        }
        let Value::Object(property) = property else {
            continue;
        };
        match property.get_mut("type") {
            Some(Value::Array(types)) => types.push(json!("null")),
            Some(kind @ Value::String(_)) => *kind = json!([kind.clone(), "null"]),
            Some(_) => {}
            None => {
                if let Some(reference) = property.remove("$ref") {
                    property.insert(
                        "anyOf".into(),
                        json!([{ "$ref": reference }, { "type": "null" }]),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn validator(schema: &Value) -> jsonschema::Validator {
        jsonschema::validator_for(schema).expect("a valid schema")
    }

    /// Whether `value` is valid for the property `key` of `mapping`.
    fn valid(mapping: &str, key: &str, value: &Value) -> bool {
        let mut schema = schema();
        let mut property = property_mut(&mut schema, mapping, key)
            .expect("the property")
            .clone();
        if let Some(defs) = schema.get("$defs") {
            property["$defs"] = defs.clone();
        }
        validator(&property).is_valid(value)
    }

    #[test]
    fn every_rule_is_for_a_key_of_the_wire() {
        let mut wire = loader::wire_schema().to_value();
        for (mapping, key, _) in rules() {
            assert!(
                property_mut(&mut wire, mapping, key).is_some(),
                "{mapping}.{key} is not a key of the format"
            );
        }
        for mapping in MAPPINGS {
            let object = mapping_mut(&mut wire, mapping).expect("a mapping");
            assert_eq!(object["additionalProperties"], json!(false), "{mapping}");
        }
    }

    #[test]
    fn the_schema_is_valid_2020_12() {
        let schema = schema();
        assert_eq!(
            schema["$schema"],
            json!("https://json-schema.org/draft/2020-12/schema")
        );
        let meta = jsonschema::draft202012::meta::validate(&schema);
        assert!(meta.is_ok(), "{meta:?}");
    }

    #[test]
    fn optional_keys_may_be_null_and_required_ones_may_not() {
        assert!(valid("Review", "rating", &Value::Null));
        assert!(valid("Review", "date", &Value::Null));
        assert!(valid("Page", "reviews", &Value::Null));
        assert!(valid("Page", "language", &Value::Null));
        assert!(!valid("Page", "title", &Value::Null));
        assert!(!valid("Page", "synopsis", &Value::Null));
        assert!(!valid("Reviews", "items", &Value::Null));
        assert!(!valid("Review", "text", &Value::Null));
    }

    #[test]
    fn ratings_agree_with_the_loader() {
        for tenths in 0..=100_u32 {
            let v = f64::from(tenths) / 10.0;
            assert!(valid("Review", "rating", &json!(v)), "{v}");
        }
        for v in [-0.1, 10.1, 11.0, 7.25, 0.05, 1e9] {
            assert!(!valid("Review", "rating", &json!(v)), "{v}");
        }
        assert!(valid("Review", "rating", &json!(8)));
        assert!(!valid("Review", "rating", &json!("8")), "quoted");
    }

    #[test]
    fn dates_agree_with_the_calendar() {
        for year in [0, 4, 100, 1900, 1996, 2000, 2023, 2024, 2100, 2400, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let s = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(
                        valid("Review", "date", &json!(s)),
                        Date::parse(&s).is_some(),
                        "{s}"
                    );
                }
            }
        }
        for wrong in ["2024-5-01", "24-05-01", "2024-05-01 ", "2024/05/01", ""] {
            assert!(!valid("Review", "date", &json!(wrong)), "{wrong}");
        }
    }

    #[test]
    fn language_tags_agree_with_the_loader() {
        let (good, bad) = (loader::LANGUAGE_TAGS, loader::NOT_LANGUAGE_TAGS);
        for tag in good.into_iter().chain(bad) {
            let loads = loader::is_language_tag(tag);
            assert_eq!(valid("Review", "language", &json!(tag)), loads, "{tag:?}");
            assert_eq!(valid("Page", "language", &json!(tag)), loads, "{tag:?}");
        }
    }

    #[test]
    fn text_must_show_something() {
        for blank in ["", "   ", "\u{1b}", " \u{202e}\t\n"] {
            assert!(!valid("Page", "title", &json!(blank)), "{blank:?}");
            assert!(!valid("Review", "author", &json!(blank)), "{blank:?}");
        }
        assert!(valid("Page", "title", &json!("Di Balik Layar")));
        assert!(
            valid("Page", "title", &json!(1917)),
            "as the file spells it"
        );
        assert!(
            valid("Screenshot", "caption", &json!("")),
            "a caption may be empty"
        );
    }

    #[test]
    fn the_text_ends_with_a_line_break() {
        let text = text();
        assert!(text.ends_with("}\n"));
        let back: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(back, schema());
    }
}
