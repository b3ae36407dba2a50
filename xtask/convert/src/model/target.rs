//! Where a request goes: its method, its OpenAPI path template and the parameters its URL
//! carries, read from either URL form Postman writes.

use anyhow::{Result, bail};

use super::postman::{Description, Item, Path, PathSegment, QueryParam, Url, Variable};

/// The HTTP methods an OpenAPI path item holds, in the order `openapiv3::PathItem` writes them
/// (the spec lists them in this order).
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

#[derive(Debug, Clone)]
pub struct Target {
    /// Lower case, one of [`METHODS`].
    pub method: String,
    /// `/past_meetings/{meetingUUID}`.
    pub path: String,
    pub segments: Vec<Segment>,
    pub query: Vec<QueryParam>,
    pub variables: Vec<Variable>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Parameter(String),
}

impl Target {
    pub fn of(item: &Item) -> Result<Target> {
        let method = item.request.method.trim().to_ascii_lowercase();
        if !METHODS.contains(&method.as_str()) {
            bail!("unknown HTTP method '{}'", item.request.method);
        }
        let (raw_segments, query, variables) = match &item.request.url {
            Url::Raw(raw) => (raw_path(raw), raw_query(raw), Vec::new()),
            Url::Object(url) => {
                if url.raw.is_none() && url.path.is_none() {
                    bail!("the url has neither \"raw\" nor \"path\"");
                }
                let segments = match &url.path {
                    Some(Path::Segments(segments)) => segments
                        .iter()
                        .map(|s| match s {
                            PathSegment::Text(text) => text.clone(),
                            PathSegment::Object { value } => value.clone(),
                        })
                        .collect(),
                    Some(Path::Text(text)) => split_path(text),
                    None => url.raw.as_deref().map(raw_path).unwrap_or_default(),
                };
                let query = if url.query.is_empty() {
                    url.raw.as_deref().map(raw_query).unwrap_or_default()
                } else {
                    url.query.clone()
                };
                (segments, query, url.variable.clone())
            }
        };
        let segments: Vec<Segment> = raw_segments
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| segment(s))
            .collect::<Result<_>>()?;
        let mut seen = Vec::new();
        for s in &segments {
            if let Segment::Parameter(name) = s {
                if seen.contains(&name) {
                    bail!("the path names parameter '{name}' twice");
                }
                seen.push(name);
            }
        }
        let path = template(&segments);
        Ok(Target {
            method,
            path,
            segments,
            query,
            variables,
        })
    }

    pub fn static_segments(&self) -> Vec<&str> {
        self.segments
            .iter()
            .filter_map(|s| match s {
                Segment::Literal(text) => Some(text.as_str()),
                Segment::Parameter(_) => None,
            })
            .collect()
    }

    /// The description Postman keeps for a path variable.
    pub fn variable_description(&self, name: &str) -> Option<&Description> {
        self.variables
            .iter()
            .find(|v| v.key.as_deref() == Some(name))
            .and_then(|v| v.description.as_ref())
    }

    /// `GET /past_meetings/{meetingUUID}`: the operation as its docs write it.
    pub fn identity(&self) -> String {
        format!("{} {}", self.method.to_ascii_uppercase(), self.path)
    }

    /// `GET /past_meetings/{}`: what makes two items the same operation. A path variable's
    /// name is not part of it: Zoom writes `{meetingUUID}` in one version of its docs and
    /// `{meetingId}` in another for the same route.
    pub fn route(&self) -> String {
        route(&self.identity())
    }

    /// The path variables' names, in path order.
    pub fn parameter_names(&self) -> Vec<&str> {
        self.segments
            .iter()
            .filter_map(|s| match s {
                Segment::Parameter(name) => Some(name.as_str()),
                Segment::Literal(_) => None,
            })
            .collect()
    }

    /// The same target with its path variables called `names` (in path order): the
    /// variables' descriptions follow their new names. `names` must be as many as the
    /// path's variables.
    pub fn renamed(mut self, names: &[&str]) -> Target {
        let mut names = names.iter();
        for segment in &mut self.segments {
            if let Segment::Parameter(name) = segment
                && let Some(new) = names.next()
                && name != new
            {
                for variable in &mut self.variables {
                    if variable.key.as_deref() == Some(name.as_str()) {
                        variable.key = Some((*new).to_owned());
                    }
                }
                *name = (*new).to_owned();
            }
        }
        self.path = template(&self.segments);
        self
    }
}

/// `GET /past_meetings/{meetingUUID}` -> `GET /past_meetings/{}`: an identity (or a path)
/// with every path variable's name left out.
pub fn route(identity: &str) -> String {
    let mut out = String::with_capacity(identity.len());
    let mut in_variable = false;
    for c in identity.chars() {
        match c {
            '{' => {
                in_variable = true;
                out.push_str("{}");
            }
            '}' => in_variable = false,
            _ if in_variable => {}
            _ => out.push(c),
        }
    }
    out
}

/// `/past_meetings/{meetingUUID}` from its segments.
fn template(segments: &[Segment]) -> String {
    format!(
        "/{}",
        segments
            .iter()
            .map(|s| match s {
                Segment::Literal(text) => text.clone(),
                Segment::Parameter(name) => format!("{{{name}}}"),
            })
            .collect::<Vec<_>>()
            .join("/")
    )
}

fn segment(text: &str) -> Result<Segment> {
    let parameter = if let Some(name) = text.strip_prefix(':') {
        Some(name)
    } else {
        text.strip_prefix("{{").and_then(|t| t.strip_suffix("}}"))
    };
    match parameter {
        Some(name) if is_parameter_name(name) => Ok(Segment::Parameter(name.to_owned())),
        Some(_) => bail!("path segment '{text}' is not a usable parameter name"),
        None if text.contains(['{', '}']) => {
            bail!(
                "path segment '{text}' mixes text and a variable, which OpenAPI paths cannot express"
            )
        }
        None => Ok(Segment::Literal(text.to_owned())),
    }
}

fn is_parameter_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn split_path(text: &str) -> Vec<String> {
    text.split('/').map(str::to_owned).collect()
}

/// `{{baseUrl}}/users/:userId?x=1` -> `users`, `:userId`.
fn raw_path(raw: &str) -> Vec<String> {
    let without_query = raw.split(['?', '#']).next().unwrap_or_default();
    let after_host = if let Some(rest) = without_query.strip_prefix("{{") {
        rest.split_once("}}").map_or("", |(_, path)| path)
    } else if let Some((_, rest)) = without_query.split_once("://") {
        rest.split_once('/').map_or("", |(_, path)| path)
    } else {
        without_query
    };
    split_path(after_host)
}

fn raw_query(raw: &str) -> Vec<QueryParam> {
    let Some((_, query)) = raw.split_once('?') else {
        return Vec::new();
    };
    let query = query.split('#').next().unwrap_or_default();
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| QueryParam {
            key: Some(key.into_owned()),
            value: Some(value.into_owned()),
            description: None,
            disabled: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(json: &str) -> Result<Target> {
        Target::of(&serde_json::from_str(json).unwrap())
    }

    #[test]
    fn object_urls_give_templates_and_identity() {
        let t = target(
            r#"{"name":"x","request":{"method":"get","url":{"raw":"{{baseUrl}}/past_meetings/:meetingUUID","path":["past_meetings",":meetingUUID"],"variable":[{"key":"meetingUUID","description":"(Required) id"}]}}}"#,
        )
        .unwrap();
        assert_eq!(t.path, "/past_meetings/{meetingUUID}");
        assert_eq!(t.identity(), "GET /past_meetings/{meetingUUID}");
        assert_eq!(t.static_segments(), ["past_meetings"]);
        assert!(t.variable_description("meetingUUID").is_some());
        assert_eq!(t.route(), "GET /past_meetings/{}");
        let renamed = t.renamed(&["meetingId"]);
        assert_eq!(renamed.path, "/past_meetings/{meetingId}");
        assert!(renamed.variable_description("meetingId").is_some());
        assert_eq!(renamed.route(), "GET /past_meetings/{}");
        assert_eq!(route("GET /a/{x}/b/{y_z}"), "GET /a/{}/b/{}");
    }

    #[test]
    fn raw_urls_give_path_and_query() {
        let t = target(
            r#"{"name":"x","request":{"method":"POST","url":"https://api.zoom.us/v2/users/:userId/meetings?type=live&page_size=30"}}"#,
        )
        .unwrap();
        assert_eq!(t.path, "/v2/users/{userId}/meetings");
        assert_eq!(t.query.len(), 2);
        let t = target(r#"{"name":"x","request":{"url":{"raw":"{{baseUrl}}/a/:b?c=d"}}}"#).unwrap();
        assert_eq!(t.path, "/a/{b}");
        assert_eq!(t.query[0].key.as_deref(), Some("c"));
    }

    #[test]
    fn bad_methods_and_segments_are_refused() {
        let err = target(r#"{"name":"x","request":{"method":"FETCH","url":"{{baseUrl}}/a"}}"#)
            .unwrap_err();
        assert!(err.to_string().contains("FETCH"));
        let err = target(r#"{"name":"x","request":{"url":"{{baseUrl}}/a/x{y}"}}"#).unwrap_err();
        assert!(err.to_string().contains("x{y}"));
        let err = target(r#"{"name":"x","request":{"url":"{{baseUrl}}/a/:b/:b"}}"#).unwrap_err();
        assert!(err.to_string().contains("twice"));
    }
}
