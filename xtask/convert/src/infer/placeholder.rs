//! Values that stand for a type instead of being an example of one.
//!
//! Two kinds reach the converter:
//! - Zoom's docs print a field's type where its value belongs: `"share_rc": "boolean"`,
//!   `"seats": "integer"`, `"created_at": "string [date-time]"`, `"total_records": "integer
//!   [int64]"` (31 of the collection's saved bodies, over 300 values).
//! - Postman's OpenAPI importer, which makes the newer Zoom collections, writes `<string>`,
//!   `<long>`, `<boolean>`, `<dateTime>`, ..., and where a schema nests too deep
//!   `<Error: Too many levels of nesting to fake this schema>`, usually as
//!   `{"value": "<Error: …>"}`.
//!
//! A placeholder is evidence of a type (or of nothing), never a value: read as the type it
//! names, it merges with real examples of the same field like any other evidence, and an
//! error placeholder says nothing at all, so it is never a shape of its own.

use serde_json::{Map, Value};

use super::{Format, Shape};

/// What a placeholder says.
#[derive(Debug, Clone, PartialEq)]
pub enum Placeholder {
    /// It names this type (objects without properties, arrays of unknown items).
    Type(Shape),
    /// It says nothing about the type: Postman could not fake the schema.
    Nothing,
}

impl Placeholder {
    /// The placeholder a string is, if it is one.
    pub fn of_str(text: &str) -> Option<Placeholder> {
        // Most strings are values: one cheap look at the first byte and the length first.
        let first = *text.as_bytes().first()?;
        if first == b'<' && text.ends_with('>') {
            return postman(&text[1..text.len() - 1]);
        }
        if text.len() > 32 || !b"abdfilnos".contains(&first) {
            return None;
        }
        zoom_type_name(text)
    }

    /// The placeholder a JSON value is: a placeholder string, or Postman's `{"value": "<Error…>"}`.
    pub fn of_value(value: &Value) -> Option<Placeholder> {
        match value {
            Value::String(text) => Placeholder::of_str(text),
            Value::Object(map) => error_object(map).then_some(Placeholder::Nothing),
            _ => None,
        }
    }
}

/// Postman's `{"value": "<Error: …>"}`: a schema it gave up on, written as an object.
fn error_object(map: &Map<String, Value>) -> bool {
    map.len() == 1
        && map
            .get("value")
            .and_then(Value::as_str)
            .and_then(Placeholder::of_str)
            == Some(Placeholder::Nothing)
}

/// Zoom's docs: a type name, optionally with its format in brackets (`integer [int64]`).
fn zoom_type_name(text: &str) -> Option<Placeholder> {
    let (name, format) = match text.split_once(' ') {
        Some((name, rest)) => {
            let format = rest.strip_prefix('[')?.strip_suffix(']')?;
            let valid = !format.is_empty()
                && format
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            (name, Some(format).filter(|_| valid)?)
        }
        None => (text, ""),
    };
    let shape = match name {
        "boolean" => Shape::Bool,
        "integer" | "long" => Shape::Integer,
        "number" | "double" | "float" => Shape::Number,
        "string" => Shape::String(string_format(format)),
        "array" => Shape::Array(Box::new(super::Shaped::new(Shape::Unknown))),
        "object" => Shape::Object(Default::default()),
        _ => return None,
    };
    Some(Placeholder::Type(shape))
}

/// Postman's `<type>`, `<format>` and `<type-format>` placeholders and its error texts.
fn postman(inner: &str) -> Option<Placeholder> {
    if inner.starts_with("Error")
        || inner.starts_with("Circular reference")
        || inner.eq_ignore_ascii_case("Invalid Type")
    {
        return Some(Placeholder::Nothing);
    }
    if inner.is_empty()
        || inner.len() > 24
        || !inner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return None;
    }
    let lower = inner.to_ascii_lowercase();
    // `<integer-int32>`: a type with a format Postman has no name for.
    let (name, format) = lower.split_once('-').unwrap_or((&lower, ""));
    let shape = match (name, format) {
        ("boolean", _) => Shape::Bool,
        ("integer" | "long", _) => Shape::Integer,
        ("number" | "double" | "float", _) => Shape::Number,
        ("string", format) => Shape::String(string_format(format)),
        ("datetime", "") | ("date", "time") => Shape::String(Some(Format::DateTime)),
        ("date", "") => Shape::String(Some(Format::Date)),
        ("email", "") => Shape::String(Some(Format::Email)),
        ("uri" | "url", "") => Shape::String(Some(Format::Uri)),
        ("uuid" | "byte" | "binary" | "password" | "hostname" | "ipv4" | "ipv6" | "time", "")
        | ("uri", "reference") => Shape::String(None),
        ("object", "") => Shape::Object(Default::default()),
        ("array", "") => Shape::Array(Box::new(super::Shaped::new(Shape::Unknown))),
        _ => return None,
    };
    Some(Placeholder::Type(shape))
}

/// The formats a typed client can check. Zoom's `uuid` is its own base64 meeting UUID
/// (`aDYlohsHRtCd4ii1uC2+hA==`), not RFC 4122, so it stays a plain string.
fn string_format(format: &str) -> Option<Format> {
    match format {
        "date-time" | "datetime" => Some(Format::DateTime),
        "date" => Some(Format::Date),
        "email" => Some(Format::Email),
        "uri" | "url" => Some(Format::Uri),
        _ => None,
    }
}

/// `value` with every placeholder that a value of its type would not pass replaced by such a
/// value, so that examples kept in the spec validate against the schema inferred from them.
/// Placeholders that a string of their type passes (`"string"`, `<uuid>`) stay as written;
/// those that say nothing are left out of the objects and lists holding them (a field or item
/// may be absent, while no one value fits whatever other examples show there). Returns how
/// many values it replaced or left out.
pub fn realize(value: &mut Value) -> usize {
    let nothing = |v: &Value| Placeholder::of_value(v) == Some(Placeholder::Nothing);
    match value {
        Value::String(text) => match Placeholder::of_str(text) {
            Some(Placeholder::Type(shape)) => match sample(&shape) {
                Some(sample) => {
                    *value = sample;
                    1
                }
                None => 0,
            },
            _ => 0,
        },
        Value::Array(items) => {
            let before = items.len();
            items.retain(|item| !nothing(item));
            before - items.len() + items.iter_mut().map(realize).sum::<usize>()
        }
        Value::Object(map) => {
            let before = map.len();
            map.retain(|_, item| !nothing(item));
            before - map.len() + map.values_mut().map(realize).sum::<usize>()
        }
        _ => 0,
    }
}

/// How many values in `value` are placeholders (Postman's error objects count once).
pub fn count(value: &Value) -> usize {
    if Placeholder::of_value(value).is_some() {
        return 1;
    }
    match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// A value of `shape`, where the placeholder's own text is none.
pub fn sample(shape: &Shape) -> Option<Value> {
    Some(match shape {
        Shape::Bool => Value::Bool(true),
        Shape::Integer => Value::from(0),
        Shape::Number => Value::from(0.5),
        Shape::String(Some(format)) => Value::String(format.sample().to_owned()),
        Shape::Array(_) => Value::Array(Vec::new()),
        Shape::Object(_) => Value::Object(Map::new()),
        Shape::String(None) | Shape::Unknown | Shape::Any => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn typed(text: &str) -> Option<Shape> {
        match Placeholder::of_str(text) {
            Some(Placeholder::Type(shape)) => Some(shape),
            _ => None,
        }
    }

    #[test]
    fn zoom_type_names_are_types() {
        assert_eq!(typed("boolean"), Some(Shape::Bool));
        assert_eq!(typed("integer"), Some(Shape::Integer));
        assert_eq!(typed("integer [int64]"), Some(Shape::Integer));
        assert_eq!(typed("double"), Some(Shape::Number));
        assert_eq!(typed("number"), Some(Shape::Number));
        assert_eq!(typed("string"), Some(Shape::String(None)));
        assert_eq!(
            typed("string [date-time]"),
            Some(Shape::String(Some(Format::DateTime)))
        );
        assert_eq!(
            typed("string [date]"),
            Some(Shape::String(Some(Format::Date)))
        );
        assert_eq!(typed("string [uuid]"), Some(Shape::String(None)));
        assert!(matches!(typed("array"), Some(Shape::Array(_))));
        assert!(matches!(typed("object"), Some(Shape::Object(_))));
        for value in [
            "Boolean",
            "booleans",
            "string [date-time",
            "string []",
            "string [Date]",
            "integer int64",
            "a string",
            "",
            "ok",
        ] {
            assert_eq!(Placeholder::of_str(value), None, "{value}");
        }
    }

    #[test]
    fn postman_placeholders_are_types_or_nothing() {
        assert_eq!(typed("<string>"), Some(Shape::String(None)));
        assert_eq!(typed("<long>"), Some(Shape::Integer));
        assert_eq!(typed("<integer>"), Some(Shape::Integer));
        assert_eq!(typed("<integer-int32>"), Some(Shape::Integer));
        assert_eq!(typed("<boolean>"), Some(Shape::Bool));
        assert_eq!(typed("<number>"), Some(Shape::Number));
        assert_eq!(typed("<double>"), Some(Shape::Number));
        assert_eq!(
            typed("<dateTime>"),
            Some(Shape::String(Some(Format::DateTime)))
        );
        assert_eq!(typed("<date>"), Some(Shape::String(Some(Format::Date))));
        assert_eq!(typed("<email>"), Some(Shape::String(Some(Format::Email))));
        assert_eq!(typed("<uri>"), Some(Shape::String(Some(Format::Uri))));
        assert_eq!(typed("<uuid>"), Some(Shape::String(None)));
        let nothing = Some(Placeholder::Nothing);
        assert_eq!(
            Placeholder::of_str("<Error: Too many levels of nesting to fake this schema>"),
            nothing
        );
        assert_eq!(
            Placeholder::of_str("<Circular reference to #/components/schemas/A detected>"),
            nothing
        );
        assert_eq!(
            Placeholder::of_value(
                &json!({"value": "<Error: Too many levels of nesting to fake this schema>"})
            ),
            nothing
        );
        assert_eq!(Placeholder::of_value(&json!({"value": "<string>"})), None);
        assert_eq!(
            Placeholder::of_value(&json!({"value": "<Error: x>", "other": 1})),
            None
        );
        for value in ["<b>bold</b>", "<>", "<not a type>", "<html>"] {
            assert_eq!(Placeholder::of_str(value), None, "{value}");
        }
    }

    #[test]
    fn realized_examples_hold_values_of_the_named_types() {
        let mut value = json!({
            "share_rc": "boolean",
            "seats": "integer [int64]",
            "rate": "double",
            "created_at": "string [date-time]",
            "day": "<date>",
            "name": "string",
            "id": "<uuid>",
            "deep": {"value": "<Error: Too many levels of nesting to fake this schema>"},
            "list": ["<long>", 3],
            "real": "a value"
        });
        assert_eq!(count(&value), 9);
        assert_eq!(realize(&mut value), 7);
        assert_eq!(
            value,
            json!({
                "share_rc": true,
                "seats": 0,
                "rate": 0.5,
                "created_at": "2020-01-01T00:00:00Z",
                "day": "2020-01-01",
                "name": "string",
                "id": "<uuid>",
                "list": [0, 3],
                "real": "a value"
            })
        );
        let mut list = json!(["<Error: Too many levels of nesting to fake this schema>", 1]);
        assert_eq!(realize(&mut list), 1);
        assert_eq!(list, json!([1]));
    }
}
