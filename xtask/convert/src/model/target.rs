//! Where a request goes: its method, its OpenAPI path template and the parameters its URL
//! carries, read from either URL form Postman writes.

use anyhow::{Result, bail};

use super::postman::{Description, Item, Path, QueryParam, Url, Variable};

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
    /// What comes before the path, as written: `{{baseUrl}}`, `https://api.github.com`,
    /// `http://{{host}}:{{port}}`; none when the URL gives only a path.
    pub base: Option<String>,
    /// Path variables whose names were made usable, as (written, used):
    /// `{{site id}}` -> `site_id`, `{{hello_{{var}}}}` -> `hello_var`.
    pub renamed: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Parameter(String),
    /// Text and variables in one segment: `{base}...{head}`, `v{version}`.
    Mixed(Vec<Piece>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Parameter(String),
}

impl Target {
    pub fn of(item: &Item) -> Result<Target> {
        let method = item.request.method.trim().to_ascii_lowercase();
        if !METHODS.contains(&method.as_str()) {
            bail!(
                "custom HTTP method '{}': an OpenAPI 3.0 path holds only GET, PUT, POST, DELETE, \
                 OPTIONS, HEAD, PATCH and TRACE operations, so it is left out",
                item.request.method.trim()
            );
        }
        let Some(url) = &item.request.url else {
            bail!("the request has no url");
        };
        let (base, raw_segments, query, variables) = match url {
            Url::Raw(raw) => {
                let (base, path) = split_raw(raw);
                (base, path, raw_query(raw), Vec::new())
            }
            Url::Object(url) => {
                let from_raw = url.raw.as_deref().map(split_raw);
                let host = url.host.as_ref().map(|host| match host {
                    Path::Text(text) => text.clone(),
                    Path::Segments(parts) => {
                        parts.iter().map(|p| p.text()).collect::<Vec<_>>().join(".")
                    }
                });
                let base = match host.filter(|h| !h.is_empty()) {
                    Some(host) => Some(format!(
                        "{}{host}{}",
                        url.protocol
                            .as_deref()
                            .filter(|p| !p.is_empty())
                            .map(|p| format!("{}://", p.trim_end_matches("://")))
                            .unwrap_or_default(),
                        url.port
                            .as_deref()
                            .filter(|p| !p.is_empty())
                            .map(|p| format!(":{p}"))
                            .unwrap_or_default(),
                    )),
                    None => from_raw.as_ref().and_then(|(base, _)| base.clone()),
                };
                let segments = match (&url.path, from_raw) {
                    (Some(path), _) => path.segments(),
                    (None, Some((_, segments))) => segments,
                    // A URL of a host alone is its root.
                    (None, None) if base.is_some() => Vec::new(),
                    (None, None) => bail!("the url is empty: no \"raw\", \"host\" or \"path\""),
                };
                let query = if url.query.is_empty() {
                    url.raw.as_deref().map(raw_query).unwrap_or_default()
                } else {
                    url.query.clone()
                };
                (base, segments, query, url.variable.clone())
            }
        };
        let mut renamed = Vec::new();
        let segments: Vec<Segment> = raw_segments
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| segment(s, &mut renamed))
            .collect();
        let target = Target {
            method,
            path: template(&segments),
            segments,
            query,
            variables,
            base,
            renamed,
        };
        let names = target.parameter_names();
        if let Some(name) = names
            .iter()
            .enumerate()
            .find_map(|(index, name)| names[..index].contains(name).then_some(name))
        {
            bail!("the path names parameter '{name}' twice");
        }
        Ok(target)
    }

    pub fn static_segments(&self) -> Vec<&str> {
        self.segments
            .iter()
            .filter_map(|s| match s {
                Segment::Literal(text) => Some(text.as_str()),
                Segment::Parameter(_) | Segment::Mixed(_) => None,
            })
            .collect()
    }

    /// The description Postman keeps for a path variable (found by the name the path uses,
    /// which may be the written one made usable).
    pub fn variable_description(&self, name: &str) -> Option<&Description> {
        self.variables
            .iter()
            .find(|v| v.name() == Some(name))
            .or_else(|| {
                self.variables
                    .iter()
                    .find(|v| v.name().is_some_and(|n| parameter_name(n) == name))
            })
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
        let mut out = Vec::new();
        for segment in &self.segments {
            match segment {
                Segment::Parameter(name) => out.push(name.as_str()),
                Segment::Mixed(pieces) => out.extend(pieces.iter().filter_map(|p| match p {
                    Piece::Parameter(name) => Some(name.as_str()),
                    Piece::Text(_) => None,
                })),
                Segment::Literal(_) => {}
            }
        }
        out
    }

    /// The same target with its path variables called `names` (in path order): the
    /// variables' descriptions follow their new names. `names` must be as many as the
    /// path's variables.
    pub fn renamed(mut self, names: &[&str]) -> Target {
        let mut names = names.iter();
        let mut rename = |name: &mut String, variables: &mut Vec<Variable>| {
            if let Some(new) = names.next()
                && name != new
            {
                for variable in variables.iter_mut() {
                    if variable.name() == Some(name.as_str()) {
                        variable.key = Some((*new).to_owned());
                    }
                }
                *name = (*new).to_owned();
            }
        };
        for segment in &mut self.segments {
            match segment {
                Segment::Parameter(name) => rename(name, &mut self.variables),
                Segment::Mixed(pieces) => {
                    for piece in pieces {
                        if let Piece::Parameter(name) = piece {
                            rename(name, &mut self.variables);
                        }
                    }
                }
                Segment::Literal(_) => {}
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
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        match segment {
            Segment::Literal(text) => out.push_str(text),
            Segment::Parameter(name) => out.push_str(&format!("{{{name}}}")),
            Segment::Mixed(pieces) => {
                for piece in pieces {
                    match piece {
                        Piece::Text(text) => out.push_str(text),
                        Piece::Parameter(name) => out.push_str(&format!("{{{name}}}")),
                    }
                }
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// One path segment as Postman writes it: `:name` (a path variable), `{{name}}` (a
/// variable, possibly nested: `{{hello_{{var}}}}`), `{name}` (OpenAPI's own form, which
/// exports made from OpenAPI keep), text, or text and variables together
/// (`{{base}}...{{head}}`). A variable's name is made one OpenAPI and Rust can use
/// ([`parameter_name`]); each such change is noted in `renamed`.
fn segment(text: &str, renamed: &mut Vec<(String, String)>) -> Segment {
    let mut parameter = |written: &str| {
        let name = parameter_name(written);
        if name != written {
            renamed.push((text.to_owned(), name.clone()));
        }
        Piece::Parameter(name)
    };
    if let Some(name) = text.strip_prefix(':').filter(|n| !n.is_empty()) {
        let Piece::Parameter(name) = parameter(name) else {
            unreachable!()
        };
        return Segment::Parameter(name);
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (open, close) = if rest.starts_with("{{") {
            ("{{", "}}")
        } else if rest.starts_with('{') {
            ("{", "}")
        } else {
            let c = rest.chars().next().expect("not empty");
            match c {
                // A brace that opens or closes nothing: text, escaped so that it is not
                // read as a template.
                '}' => literal.push_str("%7D"),
                _ => literal.push(c),
            }
            rest = &rest[c.len_utf8()..];
            continue;
        };
        match matching(rest, open, close) {
            Some(end) => {
                let inner = &rest[open.len()..end];
                if !literal.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(parameter(inner));
                rest = &rest[end + close.len()..];
            }
            None => {
                literal.push_str("%7B");
                rest = &rest[1..];
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    match <[Piece; 1]>::try_from(pieces) {
        Ok([Piece::Parameter(name)]) => Segment::Parameter(name),
        Ok([Piece::Text(text)]) => Segment::Literal(text),
        Err(pieces) => Segment::Mixed(pieces),
    }
}

/// Where the `close` that matches the `open` at the start of `text` begins, counting nested
/// `open`s (`{{a_{{b}}}}`); none when it is never closed or encloses nothing.
fn matching(text: &str, open: &str, close: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut index = 0;
    while index < text.len() {
        let rest = &text[index..];
        if rest.starts_with(open) {
            depth += 1;
            index += open.len();
        } else if rest.starts_with(close) {
            depth -= 1;
            if depth == 0 {
                return (index > open.len()).then_some(index);
            }
            index += close.len();
        } else if open == "{" && rest.starts_with('/') {
            return None;
        } else {
            index += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// A variable's name as a path parameter: its ASCII letters, digits, `_` and `-`, other
/// characters as `_` (`site id` -> `site_id`), the braces of nested variables dropped
/// (`hello_{{var}}` -> `hello_var`); `param` when nothing is left.
pub fn parameter_name(written: &str) -> String {
    let mut name = String::with_capacity(written.len());
    for c in written.chars().filter(|c| !matches!(c, '{' | '}')) {
        let c = if c.is_ascii_alphanumeric() || c == '-' {
            c
        } else {
            '_'
        };
        if !(c == '_' && name.ends_with('_')) {
            name.push(c);
        }
    }
    let name = name.trim_matches('_');
    if name.is_empty() {
        "param".to_owned()
    } else {
        name.to_owned()
    }
}

/// `{{baseUrl}}/users/:userId?x=1` -> (`{{baseUrl}}`, [`users`, `:userId`]), as Postman
/// reads a URL: the host is what comes before the first `/` (after `scheme://`), braces
/// counted so that `{{host}}:{{port}}` stays one host; a URL that begins with `/` is a
/// path alone.
fn split_raw(raw: &str) -> (Option<String>, Vec<String>) {
    let without_query = raw
        .split_once(['?', '#'])
        .map_or(raw, |(before, _)| before)
        .trim();
    let (scheme, rest) = match without_query.split_once("://") {
        Some((scheme, rest))
            if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (Some(scheme), rest)
        }
        _ => (None, without_query),
    };
    let mut depth = 0i32;
    let mut host_end = rest.len();
    let bytes = rest.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        match byte {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            b'/' if depth <= 0 => {
                host_end = index;
                break;
            }
            _ => {}
        }
    }
    let host = &rest[..host_end];
    let base = (!host.is_empty()).then(|| match scheme {
        Some(scheme) => format!("{scheme}://{host}"),
        None => host.to_owned(),
    });
    (base, split_path(&rest[host_end..]))
}

fn split_path(text: &str) -> Vec<String> {
    text.split('/').map(str::to_owned).collect()
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
    fn custom_methods_and_repeated_variables_are_refused() {
        let err = target(r#"{"name":"x","request":{"method":"PURGE","url":"{{baseUrl}}/a"}}"#)
            .unwrap_err();
        assert!(
            err.to_string().contains("custom HTTP method 'PURGE'"),
            "{err}"
        );
        let err = target(r#"{"name":"x","request":{"url":"{{baseUrl}}/a/:b/:b"}}"#).unwrap_err();
        assert!(err.to_string().contains("twice"));
        let err = target(r#"{"name":"x","request":{"url":{"query":[]}}}"#).unwrap_err();
        assert!(err.to_string().contains("the url is empty"), "{err}");
    }

    #[test]
    fn variables_in_and_around_segments_become_parameters() {
        let path = |segments: &str| {
            let t = target(&format!(
                r#"{{"name":"x","request":{{"url":{{"raw":"{{{{baseUrl}}}}/x","path":{segments}}}}}}}"#
            ))
            .unwrap();
            (t.path.clone(), t.renamed.len())
        };
        // GitHub's compare: two variables and text in one segment.
        assert_eq!(
            path(r#"["compare", "{{base}}...{{head}}"]"#),
            ("/compare/{base}...{head}".to_owned(), 0)
        );
        assert_eq!(
            path(r#"["{{hello_{{var}}}}"]"#),
            ("/{hello_var}".to_owned(), 1)
        );
        assert_eq!(
            path(r#"["v2", "{{site id}}"]"#),
            ("/v2/{site_id}".to_owned(), 1)
        );
        assert_eq!(
            path(r#"["v1", "{id}", "x{y}"]"#),
            ("/v1/{id}/x{y}".to_owned(), 0)
        );
        assert_eq!(
            path(r#"["a{", "}b", "{{}}"]"#),
            ("/a%7B/%7Db/%7B%7B%7D%7D".to_owned(), 0)
        );
        assert_eq!(path("[]"), ("/".to_owned(), 0));
        let t = target(
            r#"{"name":"x","request":{"url":{"raw":"{{u}}/{{site id}}","path":["{{site id}}"],"variable":[{"key":"site id","description":"d"}]}}}"#,
        )
        .unwrap();
        assert!(t.variable_description("site_id").is_some());
        assert_eq!(
            route("GET /compare/{base}...{head}"),
            "GET /compare/{}...{}"
        );
    }

    #[test]
    fn the_base_is_what_comes_before_the_path() {
        let base =
            |url: &str| target(&format!(r#"{{"name":"x","request":{{"url":{url}}}}}"#)).unwrap();
        let t = base(r#""http://{{host}}:{{port}}/todos/:id""#);
        assert_eq!(
            (t.base.as_deref(), t.path.as_str()),
            (Some("http://{{host}}:{{port}}"), "/todos/{id}")
        );
        let t = base(r#""localhost:3000/todos""#);
        assert_eq!(
            (t.base.as_deref(), t.path.as_str()),
            (Some("localhost:3000"), "/todos")
        );
        let t = base(r#""/todos""#);
        assert_eq!((t.base.as_deref(), t.path.as_str()), (None, "/todos"));
        let t = base(r#"{"protocol":"https","host":["api","github","com"],"path":["repos"]}"#);
        assert_eq!(
            (t.base.as_deref(), t.path.as_str()),
            (Some("https://api.github.com"), "/repos")
        );
        let t = base(r#"{"host":["{{baseUrl}}"]}"#);
        assert_eq!(
            (t.base.as_deref(), t.path.as_str()),
            (Some("{{baseUrl}}"), "/")
        );
    }
}
