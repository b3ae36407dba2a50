//! Serde types for the parts of Postman Collection v2.1 that the converter reads.
//!
//! Real exports vary (descriptions as text or objects, URLs as strings or objects, path
//! segments as strings or objects), so every field is optional or defaulted and unknown
//! fields are ignored. Items are stored as the JSON they came in (`read::ReadItem::raw`);
//! only folders, which the store writes from these types, serialize.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
    pub name: String,
    pub request: Request,
    #[serde(default, deserialize_with = "null_as_default")]
    pub response: Vec<Response>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Request {
    #[serde(default = "default_method")]
    pub method: String,
    #[serde(default, deserialize_with = "headers")]
    pub header: Vec<Header>,
    pub url: Url,
    #[serde(default)]
    pub body: Option<Body>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default)]
    pub auth: Option<Auth>,
}

fn default_method() -> String {
    "GET".to_owned()
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
    #[serde(default)]
    pub content: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
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

#[derive(Debug, Clone, Deserialize)]
pub struct Header {
    pub key: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default)]
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
    #[serde(default)]
    pub raw: Option<String>,
    #[serde(default)]
    pub path: Option<Path>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub query: Vec<QueryParam>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub variable: Vec<Variable>,
}

#[derive(Debug, Clone)]
pub enum Path {
    Text(String),
    Segments(Vec<PathSegment>),
}

text_or_structure!(Path, "a path", Path::Text, seq: Vec<PathSegment> => Path::Segments);

#[derive(Debug, Clone)]
pub enum PathSegment {
    Text(String),
    Object { value: String },
}

#[derive(Deserialize)]
struct SegmentObject {
    #[serde(default)]
    value: String,
}

text_or_structure!(PathSegment, "a path segment", PathSegment::Text, map: SegmentObject => |s: SegmentObject| PathSegment::Object { value: s.value });

#[derive(Debug, Clone, Deserialize)]
pub struct QueryParam {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default)]
    pub disabled: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Variable {
    #[serde(default, alias = "id")]
    pub key: Option<String>,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default)]
    pub description: Option<Description>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Body {
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub raw: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub formdata: Vec<FormParam>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub urlencoded: Vec<FormParam>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FormParam {
    pub key: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default)]
    pub disabled: bool,
}

/// Postman's auth settings: the kind (`oauth2`, `bearer`, `noauth`, `inherit`, ...) is what
/// conversion reads; the rest is kept so a stored folder keeps it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Auth {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(flatten)]
    pub settings: Map<String, Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Response {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "headers")]
    pub header: Vec<Header>,
    #[serde(default)]
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
    #[serde(default)]
    pub info: Info,
    #[serde(default)]
    pub auth: Option<Auth>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub variable: Vec<Variable>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Info {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<Description>,
    #[serde(default)]
    pub version: Option<Value>,
}

impl CollectionMeta {
    pub fn variable(&self, key: &str) -> Option<String> {
        self.variable
            .iter()
            .find(|v| v.key.as_deref() == Some(key))
            .and_then(|v| match &v.value {
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) if !other.is_null() => Some(other.to_string()),
                _ => None,
            })
    }
}

/// A folder around items: its name and its own settings, which the store keeps beside its
/// items as `_folder.json`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct Folder {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Description>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Auth>,
}

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Response headers are a list in v2.1 but a single raw string in some older exports.
fn headers<'de, D>(deserializer: D) -> Result<Vec<Header>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Headers {
        List(Vec<Header>),
        Raw(String),
    }
    Ok(match Option::<Headers>::deserialize(deserializer)? {
        Some(Headers::List(list)) => list,
        Some(Headers::Raw(raw)) => raw
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(key, value)| Header {
                key: key.trim().to_owned(),
                value: Some(value.trim().to_owned()),
                description: None,
                disabled: false,
            })
            .collect(),
        None => Vec::new(),
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
        assert!(matches!(item.request.url, Url::Raw(ref s) if s.ends_with(":userId")));
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
