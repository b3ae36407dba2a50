//! Serde types for the parts of Postman Collection v2.1 that the converter reads.
//!
//! Real exports vary (descriptions as text or objects, URLs as strings or objects, path
//! segments as strings or objects), so every field is optional or defaulted and unknown
//! fields are ignored. Items are stored as the JSON they came in (`read::ReadItem::raw`);
//! only folders, which the store writes from these types, serialize.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::lenient;

/// `Deserialize` for the enums Postman writes as either text or a structure. serde's
/// `untagged` would do, but it buffers every value and tries each variant in turn, which
/// dominated reading a large collection.
macro_rules! text_or_structure {
    ($ty:ty, $what:literal, $text:expr, $kind:ident: $inner:ty => $wrap:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$ty, E> {
                        Ok($text(text.to_owned()))
                    }
                    text_or_structure!(@visit $kind, $ty, $inner, $wrap);
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    };
    (@visit map, $ty:ty, $inner:ty, $wrap:expr) => {
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
            <$inner>::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map($wrap)
        }
    };
    (@visit seq, $ty:ty, $inner:ty, $wrap:expr) => {
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<$ty, A::Error> {
            <$inner>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map($wrap)
        }
    };
}

/// One request of a collection, with its saved example responses.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    /// Postman's schema does not require a name; a nameless item is named by its route.
    #[serde(default, deserialize_with = "lenient::text_or_empty")]
    pub name: String,
    #[serde(deserialize_with = "request")]
    pub request: Request,
    #[serde(default, deserialize_with = "lenient::list")]
    pub response: Vec<Response>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Request {
    #[serde(default = "default_method", deserialize_with = "method")]
    pub method: String,
    #[serde(default, deserialize_with = "headers")]
    pub header: Vec<Header>,
    /// Postman opens a request without one; it cannot be an operation (`Target::of` says so).
    #[serde(default)]
    pub url: Option<Url>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub body: Option<Body>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub auth: Option<Auth>,
}

impl Request {
    /// Collection v2.0 lets a request be its URL alone: a GET of that URL.
    fn of_url(url: String) -> Request {
        Request {
            method: default_method(),
            header: Vec::new(),
            url: Some(Url::Raw(url)),
            body: None,
            description: None,
            auth: None,
        }
    }
}

/// A request object, or (Collection v2.0) its URL as a string.
fn request<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Request, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Request;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a request (an object, or its URL as a string)")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Request, E> {
            Ok(Request::of_url(text.to_owned()))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Request, A::Error> {
            Request::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(Visitor)
}

fn default_method() -> String {
    "GET".to_owned()
}

/// The method as written; Postman sends GET when there is none.
fn method<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(lenient::text(deserializer)?
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(default_method))
}

/// Postman writes descriptions either as plain text or as `{content, type}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Description {
    Text(String),
    Object(DescriptionObject),
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct DescriptionObject {
    #[serde(default, deserialize_with = "lenient::text_or_empty")]
    pub content: String,
    #[serde(
        default,
        rename = "type",
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<String>,
}

text_or_structure!(Description, "a description", Description::Text, map: DescriptionObject => Description::Object);

impl Description {
    pub fn text(&self) -> &str {
        match self {
            Description::Text(text) => text,
            Description::Object(object) => &object.content,
        }
    }
}

pub fn description_text(description: &Option<Description>) -> &str {
    description.as_ref().map_or("", Description::text)
}

/// A request or response header. Exports write entries without a key or a value, and
/// values that are numbers; an entry without a key is no header.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Header {
    #[serde(default, deserialize_with = "lenient::text_or_empty")]
    pub key: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub value: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub disabled: bool,
}

/// A URL is a bare string in some exports and a structured object in others.
#[derive(Debug, Clone)]
pub enum Url {
    Raw(String),
    Object(UrlObject),
}

text_or_structure!(Url, "a URL", Url::Raw, map: UrlObject => Url::Object);

#[derive(Debug, Clone, Default, Deserialize)]
pub struct UrlObject {
    #[serde(default, deserialize_with = "lenient::text")]
    pub raw: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub protocol: Option<String>,
    /// `["api", "example", "com"]` or `"api.example.com"` or `["{{baseUrl}}"]`.
    #[serde(default)]
    pub host: Option<Path>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub port: Option<String>,
    #[serde(default)]
    pub path: Option<Path>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub query: Vec<QueryParam>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub variable: Vec<Variable>,
}

/// A path or host: text, or its segments.
#[derive(Debug, Clone)]
pub enum Path {
    Text(String),
    Segments(Vec<PathSegment>),
}

text_or_structure!(Path, "a path", Path::Text, seq: Vec<PathSegment> => Path::Segments);

impl Path {
    /// The segments as text.
    pub fn segments(&self) -> Vec<String> {
        match self {
            Path::Text(text) => text.split('/').map(str::to_owned).collect(),
            Path::Segments(segments) => segments.iter().map(|s| s.text().to_owned()).collect(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum PathSegment {
    Text(String),
    Object { value: String },
}

impl PathSegment {
    pub fn text(&self) -> &str {
        match self {
            PathSegment::Text(text) => text,
            PathSegment::Object { value } => value,
        }
    }
}

#[derive(Deserialize)]
struct SegmentObject {
    #[serde(default, deserialize_with = "lenient::text_or_empty")]
    value: String,
}

/// A segment is text or `{"type": "string", "value": ...}`; anything else (a number,
/// `null`) is the text it stands for.
impl<'de> Deserialize<'de> for PathSegment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(match value {
            Value::String(text) => PathSegment::Text(text),
            Value::Object(_) => PathSegment::Object {
                value: SegmentObject::deserialize(value)
                    .map(|s| s.value)
                    .unwrap_or_default(),
            },
            Value::Null => PathSegment::Text(String::new()),
            other => PathSegment::Text(other.to_string()),
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct QueryParam {
    #[serde(default, deserialize_with = "lenient::text")]
    pub key: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub value: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub disabled: bool,
}

/// A variable of a URL or of the collection. Collection v2.0 names it by `id`; newer
/// exports write both `id` and `key` (the same name, or an id beside the name).
#[derive(Debug, Clone, Deserialize)]
pub struct Variable {
    #[serde(default, deserialize_with = "lenient::text")]
    pub key: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default)]
    pub description: Option<Description>,
}

impl Variable {
    /// Its name: the `key`, else (v2.0) the `id`.
    pub fn name(&self) -> Option<&str> {
        self.key
            .as_deref()
            .filter(|k| !k.is_empty())
            .or(self.id.as_deref())
    }

    /// Its value as text, when it has one.
    pub fn text(&self) -> Option<String> {
        match &self.value {
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) if !other.is_null() => Some(other.to_string()),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Body {
    #[serde(default, deserialize_with = "lenient::text")]
    pub mode: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub raw: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub formdata: Vec<FormParam>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub urlencoded: Vec<FormParam>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub graphql: Option<GraphQl>,
}

/// A GraphQL body: the query, and its variables as JSON text (or, in some exports, JSON).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GraphQl {
    #[serde(default, deserialize_with = "lenient::text_or_empty")]
    pub query: String,
    #[serde(default)]
    pub variables: Option<Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FormParam {
    #[serde(default, deserialize_with = "lenient::text_or_empty")]
    pub key: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub value: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "lenient::text")]
    pub kind: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub disabled: bool,
}

/// Postman's auth settings: the kind (`oauth2`, `bearer`, `apikey`, `noauth`, `inherit`,
/// ...) and the settings of that kind, kept as written so a stored folder keeps them.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Auth {
    #[serde(rename = "type", default, deserialize_with = "lenient::text_or_empty")]
    pub kind: String,
    #[serde(flatten)]
    pub settings: Map<String, Value>,
}

impl Auth {
    /// One setting of its kind, as text: v2.1 writes `"apikey": [{"key": "in", "value":
    /// "header"}, ...]`, v2.0 `"apikey": {"in": "header", ...}`.
    pub fn setting(&self, name: &str) -> Option<String> {
        let text = |value: &Value| match value {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        };
        match self.settings.get(&self.kind)? {
            Value::Array(entries) => entries
                .iter()
                .find(|e| e.get("key").and_then(Value::as_str) == Some(name))
                .and_then(|e| e.get("value"))
                .and_then(text),
            Value::Object(map) => map.get(name).and_then(text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Response {
    #[serde(default, deserialize_with = "lenient::text_or_empty")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::status_code")]
    pub code: Option<u16>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "headers")]
    pub header: Vec<Header>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub body: Option<String>,
}

impl Response {
    pub fn content_type(&self) -> Option<&str> {
        self.header
            .iter()
            .find(|h| h.key.eq_ignore_ascii_case("content-type"))
            .and_then(|h| h.value.as_deref())
    }
}

/// The collection-level settings the converter needs: name, description, auth, variables.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CollectionMeta {
    #[serde(default, deserialize_with = "lenient::object")]
    pub info: Option<Info>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub auth: Option<Auth>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub variable: Vec<Variable>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Info {
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    /// Text, a number, or (v2.0) `{major, minor, patch, ...}`.
    #[serde(default)]
    pub version: Option<Value>,
}

impl CollectionMeta {
    /// The value of the collection variable `key`, when it has one.
    pub fn variable(&self, key: &str) -> Option<String> {
        self.variable
            .iter()
            .find(|v| v.name() == Some(key))
            .and_then(Variable::text)
    }

    pub fn info(&self) -> &Info {
        static NONE: Info = Info {
            name: None,
            description: None,
            version: None,
        };
        self.info.as_ref().unwrap_or(&NONE)
    }
}

/// A folder around items: its name and its own settings, which the store keeps beside its
/// items as `_folder.json`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Folder {
    #[serde(default, deserialize_with = "lenient::text_or_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Description>,
    #[serde(
        default,
        deserialize_with = "lenient::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub auth: Option<Auth>,
}

/// Headers as exports write them: a list of entries (an entry may lack its key or value, or
/// be `"Key: value"` text), one raw string of `Key: value` lines (v2.0), an object of names
/// and values, an empty object, or `null`.
fn headers<'de, D>(deserializer: D) -> Result<Vec<Header>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<Header>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("headers")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = seq.next_element::<HeaderEntry>()? {
                out.extend(entry.0);
            }
            Ok(out)
        }
        fn visit_str<E: serde::de::Error>(self, raw: &str) -> Result<Self::Value, E> {
            Ok(raw.lines().filter_map(header_line).collect())
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let map = Map::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
            if map.contains_key("key") {
                return Ok(Header::deserialize(Value::Object(map))
                    .into_iter()
                    .collect());
            }
            Ok(map
                .into_iter()
                .map(|(key, value)| Header {
                    key,
                    value: lenient::text(value).ok().flatten(),
                    ..Default::default()
                })
                .collect())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    deserializer.deserialize_any(Visitor)
}

/// One entry of a header list: an object, `"Key: value"` text, or nothing usable.
struct HeaderEntry(Option<Header>);

impl<'de> Deserialize<'de> for HeaderEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(HeaderEntry(match value {
            Value::String(line) => header_line(&line),
            Value::Object(_) => Header::deserialize(value).ok(),
            _ => None,
        }))
    }
}

fn header_line(line: &str) -> Option<Header> {
    let (key, value) = line.split_once(':')?;
    Some(Header {
        key: key.trim().to_owned(),
        value: Some(value.trim().to_owned()),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_may_be_a_bare_string_or_an_object() {
        let item: Item =
            serde_json::from_str(r#"{"name":"x","request":{"url":"{{baseUrl}}/users/:userId"}}"#)
                .unwrap();
        assert!(matches!(item.request.url, Some(Url::Raw(ref s)) if s.ends_with(":userId")));
        assert_eq!(item.request.method, "GET");
        assert!(item.response.is_empty());
    }

    #[test]
    fn description_may_be_an_object() {
        let item: Item = serde_json::from_str(
            r#"{"name":"x","request":{"url":{"raw":"a"},"description":{"content":"hi","type":"text/markdown"}}}"#,
        )
        .unwrap();
        assert_eq!(description_text(&item.request.description), "hi");
    }

    #[test]
    fn raw_header_strings_are_split_into_pairs() {
        let response: Response = serde_json::from_str(
            r#"{"name":"r","header":"Content-Type: application/json\nX-A: b"}"#,
        )
        .unwrap();
        assert_eq!(response.content_type(), Some("application/json"));
        assert_eq!(response.header.len(), 2);
    }
}
