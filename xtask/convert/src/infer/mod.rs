//! Example JSON -> shape: what the examples prove about a value's type.
//!
//! Pure functions. Shapes merge, so several examples of one response give one schema that
//! accepts all of them. Turning a shape into an OpenAPI schema is `schema.rs`'s job.

use indexmap::IndexMap;
use serde_json::Value;

mod format;
pub use format::Format;

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

/// A shape and whether an example was `null`.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    pub shape: Shape,
    pub nullable: bool,
}

impl Shaped {
    pub fn new(shape: Shape) -> Self {
        Shaped {
            shape,
            nullable: false,
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
            },
            Value::Bool(_) => Shaped::new(Shape::Bool),
            Value::Number(n) if n.is_f64() => Shaped::new(Shape::Number),
            Value::Number(_) => Shaped::new(Shape::Integer),
            Value::String(s) => Shaped::new(Shape::String(Format::of(s))),
            Value::Array(items) => Shaped::new(Shape::Array(Box::new(
                items
                    .iter()
                    .map(Shaped::of)
                    .reduce(Shaped::merge)
                    .unwrap_or_else(|| Shaped::new(Shape::Unknown)),
            ))),
            Value::Object(map) => Shaped::new(Shape::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Shaped::of(v)))
                    .collect(),
            )),
        }
    }

    /// The shape of a value written as text, as in form fields and query strings: JSON
    /// objects, arrays, numbers and booleans count as such, anything else is a string.
    pub fn of_text(text: &str) -> Self {
        match structured(text) {
            Some(value) => Shaped::of(&value),
            None => Shaped::new(Shape::String(Format::of(text))),
        }
    }

    /// [`Shaped::of_text`], and the JSON value the text stands for: the value it parses to
    /// when it counts as structured, else the text itself.
    pub fn of_text_with_value(text: &str) -> (Self, Value) {
        match structured(text) {
            Some(value) => (Shaped::of(&value), value),
            None => (
                Shaped::new(Shape::String(Format::of(text))),
                Value::String(text.to_owned()),
            ),
        }
    }

    /// One shape that accepts every value either side accepts.
    pub fn merge(self, other: Shaped) -> Shaped {
        let nullable = self.nullable || other.nullable;
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
        Shaped { shape, nullable }
    }
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
