//! What a maintainer knows that no inference can: where Zoom's docs contradict themselves (a
//! count shown as `"1"`, an id a number on one page and a string on another), the type Zoom
//! really sends. Kept by hand in `openapi/overrides.json`, never touched by `import`:
//!
//! ```json
//! {"overrides": [{
//!   "operation": "GET /webinars/{webinarId}/registrants",
//!   "path": "/page_count",
//!   "type": "integer",
//!   "why": "Every other list shows page_count as a number; Zoom sends one."
//! }]}
//! ```
//!
//! `operation` is the item's identity (method and path, as `import` names items, so renaming
//! an operation keeps its overrides); `path` a JSON Pointer into the success response body,
//! `*` standing for every item of a list (`/participants/*/duration`), empty for the whole
//! body; `type` one of `string`, `integer`, `number`, `boolean`, `array`, `object`, `any`,
//! with an optional `format` (`date-time`, `date`, `email`, `uri` for strings; `int64` for
//! integers; `double` for numbers) and `nullable`; `why` is required. Overrides are applied
//! after inference, to the operation's merged example shape, so the rules never undo them;
//! an override whose operation or path no longer exists stops the conversion, naming it.

use anyhow::{Result, anyhow, bail};
use serde::Deserialize;
use serde_json::Value;

use crate::infer::placeholder;
use crate::infer::{Evidence, Format, Shape, Shaped};
use crate::model::target::METHODS;

/// The overrides of a workspace, read from its file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    entries: Vec<Override>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "$comment", default)]
    _comment: Option<Value>,
    overrides: Vec<Override>,
}

/// One override.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// `GET /report/meetings/{meetingId}/participants`.
    pub operation: String,
    /// `/participants/*/duration`.
    pub path: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub nullable: Option<bool>,
    /// Why Zoom sends this type: the evidence.
    pub why: String,
    /// `openapi/overrides.json: override 3 (GET /x /a/b)`, for messages.
    #[serde(skip)]
    label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
    Any,
}

impl Overrides {
    /// The overrides `text` holds; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<Overrides> {
        let parsed: File = serde_json::from_str(text)
            .map_err(|e| anyhow!("{file}: not an overrides file: {e}"))?;
        let mut entries = parsed.overrides;
        for (index, entry) in entries.iter_mut().enumerate() {
            entry.label = format!(
                "{file}: override {} ({} {})",
                index + 1,
                entry.operation,
                if entry.path.is_empty() {
                    "<whole body>"
                } else {
                    &entry.path
                }
            );
            entry.check()?;
        }
        Ok(Overrides { entries })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Override> {
        self.entries.iter()
    }

    /// The overrides of one operation, by identity (`GET /users`).
    pub fn of(&self, identity: &str) -> Vec<&Override> {
        self.entries
            .iter()
            .filter(|o| o.operation == identity)
            .collect()
    }

    /// `body`, a saved success body of `identity`, as the spec keeps it: each value an
    /// override points at turned into a value of the type Zoom sends ([`Override::correct`]).
    pub fn correct_example(&self, identity: &str, body: &mut Value) {
        for entry in self.of(identity) {
            entry.correct(body);
        }
    }
}

impl Override {
    /// `openapi/overrides.json: override 3 (GET /x /a/b)`.
    pub fn label(&self) -> &str {
        &self.label
    }

    fn check(&self) -> Result<()> {
        let label = &self.label;
        if self.why.trim().is_empty() {
            bail!("{label}: says nothing in \"why\"; every override needs its evidence");
        }
        let valid_operation = self
            .operation
            .split_once(' ')
            .is_some_and(|(method, path)| {
                METHODS.contains(&method.to_ascii_lowercase().as_str())
                    && method == method.to_ascii_uppercase()
                    && path.starts_with('/')
            });
        if !valid_operation {
            bail!(
                "{label}: \"operation\" must be a method and a path as items are identified (`GET /users/{{userId}}`)"
            );
        }
        if !self.path.is_empty() && !self.path.starts_with('/') {
            bail!(
                "{label}: \"path\" must be a JSON Pointer (`/participants/*/duration`, or empty for the whole body)"
            );
        }
        let format_fits = match (self.kind, self.format.as_deref()) {
            (_, None) => true,
            (Kind::String, Some(format)) => string_format(format).is_some(),
            (Kind::Integer, Some(format)) => format == "int64",
            (Kind::Number, Some(format)) => format == "double",
            _ => false,
        };
        if !format_fits {
            bail!(
                "{label}: format {:?} does not go with type {:?} (strings: date-time, date, email, uri; integers: int64; numbers: double)",
                self.format.as_deref().unwrap_or_default(),
                self.kind
            );
        }
        Ok(())
    }

    fn segments(&self) -> Vec<String> {
        self.path
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect()
    }

    /// Retypes the field this override points at in `shaped`, an operation's merged
    /// success body shape; an error when the field is not there.
    pub fn apply(&self, shaped: &mut Shaped) -> Result<()> {
        let segments = self.segments();
        let target = locate(shaped, &segments).map_err(|(at, seen)| {
            StaleOverride::error(format!(
                "{}: the success response has no {} at {}{}; fix or remove the override",
                self.label,
                match segments.get(at).map(String::as_str) {
                    Some("*") => "list".to_owned(),
                    Some(key) => format!("field `{key}`"),
                    None => "body".to_owned(),
                },
                if at == 0 {
                    "its top".to_owned()
                } else {
                    format!("/{}", segments[..at].join("/"))
                },
                if seen.is_empty() {
                    String::new()
                } else {
                    format!(" (it has {})", seen.join(", "))
                }
            ))
        })?;
        let shape = std::mem::replace(&mut target.shape, Shape::Unknown);
        target.shape = match self.kind {
            Kind::String => Shape::String(self.format.as_deref().and_then(string_format)),
            Kind::Integer => Shape::Integer,
            Kind::Number => Shape::Number,
            Kind::Boolean => Shape::Bool,
            Kind::Any => Shape::Any,
            // A list of what the examples show one of.
            Kind::Array => match shape {
                Shape::Array(items) => Shape::Array(items),
                Shape::Unknown | Shape::Any => Shape::Array(Box::new(Shaped::new(Shape::Unknown))),
                one => Shape::Array(Box::new(Shaped::new(one))),
            },
            // One of what the examples show a list of.
            Kind::Object => match shape {
                Shape::Object(map) => Shape::Object(map),
                Shape::Array(items) if matches!(items.shape, Shape::Object(_)) => items.shape,
                _ => Shape::Object(Default::default()),
            },
        };
        target.evidence = Evidence::Override;
        if let Some(nullable) = self.nullable {
            target.nullable = nullable;
        }
        Ok(())
    }

    /// Turns each value this override points at in `body` into a value of the type Zoom
    /// sends: text that reads as one is read (`"1"` -> `1`), anything else becomes a
    /// sample of the type, so the spec's examples validate against its schemas.
    pub fn correct(&self, body: &mut Value) {
        let segments = self.segments();
        for_each_at(body, &segments, &mut |value| self.coerce(value));
    }

    fn coerce(&self, value: &mut Value) {
        if value.is_null() && self.nullable != Some(false) {
            return;
        }
        let sample = |shape: Shape| placeholder::sample(&shape).unwrap_or(Value::Null);
        let fits = match (self.kind, &*value) {
            (Kind::Any, _) => true,
            (Kind::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
            (Kind::Number, Value::Number(_)) => true,
            (Kind::Boolean, Value::Bool(_)) => true,
            (Kind::Array, Value::Array(_)) => true,
            (Kind::Object, Value::Object(_)) => true,
            (Kind::String, Value::String(text)) => match self.format.as_deref() {
                Some(format) => Format::of(text) == string_format(format),
                None => true,
            },
            _ => false,
        };
        if fits {
            return;
        }
        let text = match &*value {
            Value::String(text) => Some(text.trim().to_owned()),
            _ => None,
        };
        let read = match self.kind {
            Kind::Integer => match &*value {
                Value::Number(n) => n
                    .as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                    .map(|f| Value::from(f as i64)),
                _ => text.and_then(|t| t.parse::<i64>().ok()).map(Value::from),
            }
            .unwrap_or_else(|| sample(Shape::Integer)),
            Kind::Number => text
                .and_then(|t| t.parse::<f64>().ok())
                .filter(|f| f.is_finite())
                .map(Value::from)
                .unwrap_or_else(|| sample(Shape::Number)),
            Kind::Boolean => match text.as_deref() {
                Some("true") => Value::Bool(true),
                Some("false") => Value::Bool(false),
                _ => sample(Shape::Bool),
            },
            Kind::String => match (self.format.as_deref().and_then(string_format), &*value) {
                (Some(format), _) => Value::String(format.sample().to_owned()),
                (None, Value::Number(n)) => Value::String(n.to_string()),
                (None, Value::Bool(b)) => Value::String(b.to_string()),
                (None, _) => Value::String(String::new()),
            },
            Kind::Array => Value::Array(vec![value.take()]),
            Kind::Object => match value.take() {
                Value::Array(items) => items
                    .into_iter()
                    .find(Value::is_object)
                    .unwrap_or_else(|| Value::Object(Default::default())),
                _ => Value::Object(Default::default()),
            },
            Kind::Any => unreachable!("any value fits"),
        };
        *value = read;
    }
}

/// The format an override may name for a string.
fn string_format(format: &str) -> Option<Format> {
    match format {
        "date-time" => Some(Format::DateTime),
        "date" => Some(Format::Date),
        "email" => Some(Format::Email),
        "uri" => Some(Format::Uri),
        _ => None,
    }
}

/// The shape at `segments`, or how far the path got and the fields found there.
fn locate<'a>(
    shaped: &'a mut Shaped,
    segments: &[String],
) -> Result<&'a mut Shaped, (usize, Vec<String>)> {
    let mut current = shaped;
    for (depth, segment) in segments.iter().enumerate() {
        let step = match (&current.shape, segment.as_str()) {
            (Shape::Array(_), "*") => true,
            (Shape::Object(map), key) => map.contains_key(key),
            _ => false,
        };
        if !step {
            let seen = match &current.shape {
                Shape::Object(map) => map.keys().cloned().collect(),
                Shape::Array(_) => vec!["a list (`*`)".to_owned()],
                _ => Vec::new(),
            };
            return Err((depth, seen));
        }
        current = match (&mut current.shape, segment.as_str()) {
            (Shape::Array(items), "*") => &mut **items,
            (Shape::Object(map), key) => map.get_mut(key).expect("checked above"),
            _ => unreachable!("checked above"),
        };
    }
    Ok(current)
}

/// Calls `visit` on every value of `value` at `segments`.
fn for_each_at(value: &mut Value, segments: &[String], visit: &mut impl FnMut(&mut Value)) {
    match segments.split_first() {
        None => visit(value),
        Some((segment, rest)) => match value {
            Value::Array(items) if segment == "*" => {
                for item in items {
                    for_each_at(item, rest, visit);
                }
            }
            Value::Object(map) => {
                if let Some(child) = map.get_mut(segment.as_str()) {
                    for_each_at(child, rest, visit);
                }
            }
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(entries: Value) -> Result<Overrides> {
        Overrides::parse(
            "openapi/overrides.json",
            &json!({ "overrides": entries }).to_string(),
        )
    }

    fn one(entry: Value) -> Override {
        parse(json!([entry])).unwrap().entries.remove(0)
    }

    #[test]
    fn bad_overrides_are_refused_naming_them() {
        let base = json!({"operation": "GET /users", "path": "/a", "type": "integer", "why": "w"});
        let with = |key: &str, value: Value| {
            let mut entry = base.clone();
            entry[key] = value;
            parse(json!([base.clone(), entry])).unwrap_err().to_string()
        };
        let err = with("why", json!(" "));
        assert!(
            err.starts_with(
                "openapi/overrides.json: override 2 (GET /users /a): says nothing in \"why\""
            ),
            "{err}"
        );
        assert!(with("operation", json!("users")).contains("\"operation\" must be"));
        assert!(with("operation", json!("get /users")).contains("\"operation\" must be"));
        assert!(with("path", json!("a/b")).contains("JSON Pointer"));
        assert!(with("format", json!("date")).contains("does not go with"));
        assert!(with("type", json!("int")).contains("unknown variant"));
        let err = Overrides::parse("f.json", r#"{"overrides": [], "extra": 1}"#).unwrap_err();
        assert!(err.to_string().starts_with("f.json: not an overrides file"));
    }

    #[test]
    fn applied_to_the_shape_and_the_examples() {
        let mut body = json!({"page_count": "1", "participants": [{"duration": "20:00"}, {"duration": "7"}], "plan": {"a": 1}});
        let mut shaped = Shaped::of(&body);
        for entry in [
            json!({"operation": "GET /x", "path": "/page_count", "type": "integer", "why": "w"}),
            json!({"operation": "GET /x", "path": "/participants/*/duration", "type": "integer", "nullable": true, "why": "w"}),
            json!({"operation": "GET /x", "path": "/plan", "type": "array", "why": "w"}),
        ] {
            let entry = one(entry);
            entry.apply(&mut shaped).unwrap();
            entry.correct(&mut body);
        }
        assert_eq!(
            body,
            json!({"page_count": 1, "participants": [{"duration": 0}, {"duration": 7}], "plan": [{"a": 1}]})
        );
        let Shape::Object(map) = &shaped.shape else {
            panic!()
        };
        assert_eq!(map["page_count"].shape, Shape::Integer);
        assert_eq!(map["page_count"].evidence, Evidence::Override);
        let Shape::Array(plan) = &map["plan"].shape else {
            panic!()
        };
        assert!(matches!(plan.shape, Shape::Object(_)));
        let Shape::Array(participants) = &map["participants"].shape else {
            panic!()
        };
        let Shape::Object(participant) = &participants.shape else {
            panic!()
        };
        assert!(participant["duration"].nullable);
        assert_eq!(Shaped::of(&body).merge(shaped.clone()).shape, shaped.shape);
    }

    #[test]
    fn a_path_that_is_not_there_is_refused() {
        let mut shaped = Shaped::of(&json!({"participants": [{"id": "a", "name": "b"}]}));
        let entry = one(
            json!({"operation": "GET /x", "path": "/participants/*/durations", "type": "integer", "why": "w"}),
        );
        let err = entry.apply(&mut shaped).unwrap_err().to_string();
        assert_eq!(
            err,
            "openapi/overrides.json: override 1 (GET /x /participants/*/durations): the success response has no field `durations` at /participants/* (it has id, name); fix or remove the override"
        );
        let entry = one(
            json!({"operation": "GET /x", "path": "/participants/0", "type": "integer", "why": "w"}),
        );
        let err = entry.apply(&mut shaped).unwrap_err().to_string();
        assert!(
            err.contains("no field `0` at /participants (it has a list (`*`))"),
            "{err}"
        );
    }
}

/// An override that points at something the items no longer have. Never a reason to leave
/// an item out: `generate` stops, naming it.
#[derive(Debug)]
pub struct StaleOverride(pub String);

impl StaleOverride {
    pub fn error(message: String) -> anyhow::Error {
        anyhow::Error::new(StaleOverride(message))
    }

    /// Whether `error` is (or was caused by) a stale override.
    pub fn is_cause_of(error: &anyhow::Error) -> bool {
        error.chain().any(|cause| cause.is::<StaleOverride>())
    }
}

impl std::fmt::Display for StaleOverride {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StaleOverride {}
