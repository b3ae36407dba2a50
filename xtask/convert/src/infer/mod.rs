//! Example JSON -> shape: what the examples prove about a value's type.
//!
//! Pure functions. Shapes merge, so several examples of one response give one schema that
//! accepts all of them. Turning a shape into an OpenAPI schema is `schema.rs`'s job.
//!
//! An example may name a type instead of showing a value (`"share_rc": "boolean"`, Postman's
//! `<long>`): [`placeholder`] reads it as evidence of that type, kept apart from values in
//! [`Evidence`], and [`numbers`] decides which whole numbers are really amounts.

use indexmap::IndexMap;
use serde_json::Value;

mod format;
pub mod numbers;
pub mod placeholder;
pub use format::Format;
use placeholder::Placeholder;

/// The type evidence gathered from one or more examples.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Nothing but `null` seen: the type is unknown.
    Unknown,
    Bool,
    Integer,
    Number,
    String(Option<Format>),
    Array(Box<Shaped>),
    Object(IndexMap<String, Shaped>),
    /// The examples disagree (a string here, a number there): any JSON value.
    Any,
}

/// Where the evidence for a shape comes from, weakest first; a merged shape keeps the
/// strongest evidence of its type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// Values: real examples, or nothing at all (`null`, an error placeholder).
    #[default]
    Example,
    /// The docs named the type where a value belongs (`"integer"`, `<long>`).
    Declared,
    /// A maintainer's override (`openapi/overrides.json`): no rule changes it.
    Override,
}

/// A shape, whether an example was `null`, and where the type came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    pub shape: Shape,
    pub nullable: bool,
    pub evidence: Evidence,
}

impl Shaped {
    pub fn new(shape: Shape) -> Self {
        Shaped {
            shape,
            nullable: false,
            evidence: Evidence::Example,
        }
    }

    /// What a placeholder proves: the type it names, or nothing.
    pub fn of_placeholder(placeholder: Placeholder) -> Self {
        match placeholder {
            Placeholder::Type(shape) => Shaped {
                shape,
                nullable: false,
                evidence: Evidence::Declared,
            },
            Placeholder::Nothing => Shaped::new(Shape::Unknown),
        }
    }

    /// The shape of one example value.
    pub fn of(value: &Value) -> Self {
        // Iterative over arrays and objects would be faster, but example depth is bounded by
        // the JSON parser's recursion limit (128), which keeps this recursion safe.
        match value {
            Value::Null => Shaped {
                shape: Shape::Unknown,
                nullable: true,
                evidence: Evidence::Example,
            },
            Value::Bool(_) => Shaped::new(Shape::Bool),
            Value::Number(n) if n.is_f64() => Shaped::new(Shape::Number),
            Value::Number(_) => Shaped::new(Shape::Integer),
            Value::String(s) => match Placeholder::of_str(s) {
                Some(placeholder) => Shaped::of_placeholder(placeholder),
                None => Shaped::new(Shape::String(Format::of(s))),
            },
            Value::Array(items) => Shaped::new(Shape::Array(Box::new(
                items
                    .iter()
                    .map(Shaped::of)
                    .reduce(Shaped::merge)
                    .unwrap_or_else(|| Shaped::new(Shape::Unknown)),
            ))),
            Value::Object(map) => match Placeholder::of_value(value) {
                // Postman's `{"value": "<Error: …>"}`: no shape, and nothing to share.
                Some(nothing) => Shaped::of_placeholder(nothing),
                None => Shaped::new(Shape::Object(
                    map.iter()
                        .map(|(k, v)| (k.clone(), Shaped::of(v)))
                        .collect(),
                )),
            },
        }
    }

    /// The shape of a value written as text, as in form fields and query strings: JSON
    /// objects, arrays, numbers and booleans count as such, anything else is a string.
    pub fn of_text(text: &str) -> Self {
        Shaped::of(&text_value(text))
    }

    /// [`Shaped::of_text`], and the JSON value the text stands for: the value it parses to
    /// when it counts as structured, else the text itself; placeholders in it stand for a
    /// value of the type they name ([`placeholder::realize`]).
    pub fn of_text_with_value(text: &str) -> (Self, Value) {
        let mut value = text_value(text);
        let shaped = Shaped::of(&value);
        placeholder::realize(&mut value);
        (shaped, value)
    }

    /// One shape that accepts every value either side accepts.
    pub fn merge(self, other: Shaped) -> Shaped {
        let nullable = self.nullable || other.nullable;
        // What nothing is known of takes the other side's evidence along with its type.
        let evidence = match (&self.shape, &other.shape) {
            (Shape::Unknown, _) => other.evidence,
            (_, Shape::Unknown) => self.evidence,
            _ => self.evidence.max(other.evidence),
        };
        let shape = match (self.shape, other.shape) {
            (Shape::Unknown, shape) | (shape, Shape::Unknown) => shape,
            (Shape::Integer, Shape::Number) | (Shape::Number, Shape::Integer) => Shape::Number,
            (Shape::String(a), Shape::String(b)) => Shape::String(if a == b { a } else { None }),
            (Shape::Array(a), Shape::Array(b)) => Shape::Array(Box::new(a.merge(*b))),
            (Shape::Object(mut a), Shape::Object(b)) => {
                for (key, shaped) in b {
                    match a.get_mut(&key) {
                        Some(existing) => {
                            let seen = std::mem::replace(existing, Shaped::new(Shape::Unknown));
                            *existing = seen.merge(shaped);
                        }
                        None => {
                            a.insert(key, shaped);
                        }
                    }
                }
                Shape::Object(a)
            }
            (a, b) if a == b => a,
            _ => Shape::Any,
        };
        Shaped {
            shape,
            nullable,
            evidence,
        }
    }

    /// Every field whose shape is a placeholder's, for the report: `(declared, nothing)`.
    pub fn walk(&self, mut visit: impl FnMut(Option<&str>, &Shaped)) {
        self.walk_as(None, &mut visit);
    }

    fn walk_as(&self, key: Option<&str>, visit: &mut impl FnMut(Option<&str>, &Shaped)) {
        visit(key, self);
        match &self.shape {
            Shape::Array(items) => items.walk_as(key, visit),
            Shape::Object(map) => {
                for (key, value) in map {
                    value.walk_as(Some(key), visit);
                }
            }
            _ => {}
        }
    }
}

/// The JSON value a form field's or query value's text stands for: the value it parses to
/// when it reads as an object, array, boolean or plain number, else the text itself.
pub fn text_value(text: &str) -> Value {
    structured(text).unwrap_or_else(|| Value::String(text.to_owned()))
}

/// The JSON value `text` holds when it reads as an object, array, boolean or plain number.
fn structured(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    let looks_structured = trimmed.starts_with(['{', '['])
        || trimmed == "true"
        || trimmed == "false"
        || is_plain_number(trimmed);
    looks_structured
        .then(|| serde_json::from_str::<Value>(trimmed).ok())
        .flatten()
}

/// A number as JSON writes it, without leading zeros: "007" stays a string (a code, a PIN).
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let integer = digits.split(['.', 'e', 'E']).next().unwrap_or_default();
    !integer.is_empty()
        && integer.chars().all(|c| c.is_ascii_digit())
        && (integer == "0" || !integer.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(shaped: &Shaped) -> &IndexMap<String, Shaped> {
        match &shaped.shape {
            Shape::Object(map) => map,
            other => panic!("not an object: {other:?}"),
        }
    }

    #[test]
    fn scalars_and_formats() {
        let shaped = Shaped::of(&json!({
            "id": 535548971,
            "ratio": 1.5,
            "ok": true,
            "user_email": "user@example.com",
            "start_time": "2020-04-01T07:00:30Z",
            "day": "2020-04-01",
            "page_url": "https://somecompany.com/livestream/123",
            "stream_key": "Contact It@somecompany.com"
        }));
        let map = object(&shaped);
        assert_eq!(map["id"].shape, Shape::Integer);
        assert_eq!(map["ratio"].shape, Shape::Number);
        assert_eq!(map["ok"].shape, Shape::Bool);
        assert_eq!(map["user_email"].shape, Shape::String(Some(Format::Email)));
        assert_eq!(
            map["start_time"].shape,
            Shape::String(Some(Format::DateTime))
        );
        assert_eq!(map["day"].shape, Shape::String(Some(Format::Date)));
        assert_eq!(map["page_url"].shape, Shape::String(Some(Format::Uri)));
        assert_eq!(map["stream_key"].shape, Shape::String(None));
        assert_eq!(Format::of("sip:sipp@10.100.112.140:11029"), None);
        assert_eq!(
            Format::of("yqQMeLfI@eRUuyKVXouoFjjVYuhm.vmxy"),
            Some(Format::Email)
        );
    }

    #[test]
    fn non_canonical_date_times_stay_strings() {
        // A typed client would write these back as `...:00Z`, changing the value.
        assert_eq!(Format::of("2020-04-01T07:00:00.000Z"), None);
        assert_eq!(Format::of("2020-04-01T07:00:00+08:00"), None);
        assert_eq!(Format::of("2020-04-01T07:00:00.5Z"), None);
        assert_eq!(
            Format::of("2020-04-01T07:00:00.500Z"),
            Some(Format::DateTime)
        );
    }

    #[test]
    fn merging_widens_and_marks_null() {
        let merged = Shaped::of(&json!({"a": 1, "b": "x@y.io", "c": null})).merge(Shaped::of(
            &json!({"a": 2.5, "b": "plain", "c": "now", "d": [1]}),
        ));
        let map = object(&merged);
        assert_eq!(map["a"].shape, Shape::Number);
        assert_eq!(map["b"].shape, Shape::String(None));
        assert_eq!(map["c"].shape, Shape::String(None));
        assert!(map["c"].nullable);
        assert_eq!(
            map.keys().collect::<Vec<_>>(),
            ["a", "b", "c", "d"],
            "first-seen order"
        );
    }

    #[test]
    fn placeholders_are_types_that_merge_with_real_examples() {
        let declared = Shaped::of(&json!({
            "share_rc": "boolean",
            "seats": "integer",
            "created_at": "string [date-time]",
            "rate": "double",
            "name": "string",
            "breakout_room": {"value": "<Error: Too many levels of nesting to fake this schema>"}
        }));
        let map = object(&declared);
        assert_eq!(map["share_rc"].shape, Shape::Bool);
        assert_eq!(map["share_rc"].evidence, Evidence::Declared);
        assert_eq!(map["seats"].shape, Shape::Integer);
        assert_eq!(
            map["created_at"].shape,
            Shape::String(Some(Format::DateTime))
        );
        assert_eq!(map["rate"].shape, Shape::Number);
        // Postman's error object is no shape: nothing to name, nothing to share.
        assert_eq!(map["breakout_room"], Shaped::new(Shape::Unknown));

        let real = Shaped::of(&json!({
            "share_rc": false,
            "seats": 12,
            "created_at": "2020-04-01T07:00:30Z",
            "rate": 2,
            "name": "Jill",
            "breakout_room": {"enable": true}
        }));
        for merged in [declared.clone().merge(real.clone()), real.merge(declared)] {
            let map = object(&merged);
            assert_eq!(map["share_rc"].shape, Shape::Bool);
            assert_eq!(map["share_rc"].evidence, Evidence::Declared);
            assert_eq!(map["seats"].shape, Shape::Integer);
            assert_eq!(
                map["created_at"].shape,
                Shape::String(Some(Format::DateTime))
            );
            assert_eq!(map["rate"].shape, Shape::Number);
            assert_eq!(map["name"].shape, Shape::String(None));
            let room = object(&map["breakout_room"]);
            assert_eq!(room["enable"].shape, Shape::Bool);
            assert_eq!(map["breakout_room"].evidence, Evidence::Example);
            assert!(!map["breakout_room"].nullable);
        }
        // A type name is no value: "integer" beside a real string still contradicts it.
        assert_eq!(
            Shaped::of(&json!("integer"))
                .merge(Shaped::of(&json!("abc")))
                .shape,
            Shape::Any
        );
    }

    #[test]
    fn placeholders_in_form_text() {
        assert_eq!(Shaped::of_text("<long>").shape, Shape::Integer);
        assert_eq!(Shaped::of_text("boolean").shape, Shape::Bool);
        let (shaped, value) = Shaped::of_text_with_value(r#"{"a": "<boolean>", "b": "x"}"#);
        assert_eq!(object(&shaped)["a"].shape, Shape::Bool);
        assert_eq!(value, json!({"a": true, "b": "x"}));
    }

    #[test]
    fn contradicting_examples_become_any() {
        let merged = Shaped::of(&json!("1")).merge(Shaped::of(&json!(1)));
        assert_eq!(merged.shape, Shape::Any);
    }

    #[test]
    fn arrays_merge_their_items() {
        let shaped = Shaped::of(&json!([{"a": 1}, {"b": true}, null]));
        let Shape::Array(items) = &shaped.shape else {
            panic!()
        };
        assert!(items.nullable);
        assert_eq!(object(items).len(), 2);
        assert_eq!(
            Shaped::of(&json!([])).shape,
            Shape::Array(Box::new(Shaped::new(Shape::Unknown)))
        );
    }

    #[test]
    fn text_values_from_forms() {
        assert_eq!(Shaped::of_text("30").shape, Shape::Integer);
        assert_eq!(Shaped::of_text("true").shape, Shape::Bool);
        assert_eq!(Shaped::of_text("007").shape, Shape::String(None));
        assert_eq!(Shaped::of_text("ut amet").shape, Shape::String(None));
        assert_eq!(Shaped::of_text("").shape, Shape::String(None));
        assert!(matches!(
            Shaped::of_text(r#"{"a":{"b":[1]}}"#).shape,
            Shape::Object(_)
        ));
        assert_eq!(Shaped::of_text("{broken").shape, Shape::String(None));
        // The value a form field stands for: parsed when structured, else the text as is.
        for (text, value) in [
            (" 30 ", json!(30)),
            ("007", json!("007")),
            ("{broken", json!("{broken")),
            (r#"{"a":[1]}"#, json!({"a": [1]})),
        ] {
            let (shaped, parsed) = Shaped::of_text_with_value(text);
            assert_eq!(parsed, value, "{text}");
            assert_eq!(shaped, Shaped::of_text(text), "{text}");
        }
    }
}
