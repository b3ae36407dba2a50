//! Zoom documentation pages, like `../shared/seeds/*.txt`: a breadcrumb, sample code, a curl
//! command and, after the line `Postman Collection Item JSON`, the item itself.

use anyhow::{Result, bail};
use serde_json::Value;

pub const MARKER: &str = "Postman Collection Item JSON";

/// What a page gives besides its item.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub item: Value,
    /// `Zoom API` from the breadcrumb `Go / Zoom API / Get past meeting details`.
    pub collection_name: Option<String>,
    /// `https://api.zoom.us/v2`, read off the sample URL that ends with the item's path.
    pub base_url: Option<String>,
}

/// `None` when the text is not a page (it has no marker line).
pub fn parse(text: &str) -> Option<Result<Page>> {
    let marker_at = text
        .match_indices(MARKER)
        .find(|(at, _)| text[..*at].is_empty() || text[..*at].ends_with('\n'))
        .map(|(at, _)| at)?;
    let after = text[marker_at + MARKER.len()..].trim_start();
    Some(parse_after_marker(&text[..marker_at], after))
}

fn parse_after_marker(before: &str, json: &str) -> Result<Page> {
    if json.is_empty() {
        bail!("the page has the line '{MARKER}' but no JSON after it");
    }
    let mut stream = serde_json::Deserializer::from_str(json).into_iter::<Value>();
    let item = match stream.next() {
        Some(Ok(value)) => value,
        Some(Err(err)) => bail!("the JSON after '{MARKER}' does not parse: {err}"),
        None => bail!("the page has the line '{MARKER}' but no JSON after it"),
    };
    let collection_name = before
        .lines()
        .next()
        .map(|line| line.split(" / ").map(str::trim).collect::<Vec<_>>())
        .filter(|parts| parts.len() >= 3)
        .map(|parts| parts[parts.len() - 2].to_owned());
    let base_url = base_url(before, &item);
    Ok(Page {
        item,
        collection_name,
        base_url,
    })
}

fn base_url(before: &str, item: &Value) -> Option<String> {
    let raw = item
        .pointer("/request/url/raw")
        .or(item.pointer("/request/url"))?;
    let path = raw.as_str()?.strip_prefix("{{baseUrl}}")?;
    let path = path.split('?').next()?;
    before.split_whitespace().find_map(|word| {
        let word = word.trim_matches(|c| c == '"' || c == '\'' || c == '(' || c == ')' || c == ',');
        let base = word.strip_suffix(path)?;
        (base.starts_with("https://") || base.starts_with("http://")).then(|| base.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_breadcrumb_base_url_and_item() {
        let text = "Go / Zoom API / Get x\ncurl -X GET\nhttps://api.zoom.us/v2/meetings/:meetingId/livestream\nPostman Collection Item JSON\n{\"name\":\"Get x\",\"request\":{\"url\":{\"raw\":\"{{baseUrl}}/meetings/:meetingId/livestream\"}}}";
        let page = parse(text).unwrap().unwrap();
        assert_eq!(page.collection_name.as_deref(), Some("Zoom API"));
        assert_eq!(page.base_url.as_deref(), Some("https://api.zoom.us/v2"));
        assert_eq!(page.item["name"], "Get x");
    }

    #[test]
    fn marker_without_json_is_an_error() {
        let err = parse("Go / Zoom API / x\nPostman Collection Item JSON\n   \n")
            .unwrap()
            .unwrap_err();
        assert!(err.to_string().contains("no JSON"));
        let err = parse("Postman Collection Item JSON\n{\"name\":")
            .unwrap()
            .unwrap_err();
        assert!(err.to_string().contains("does not parse"));
    }

    #[test]
    fn text_without_marker_is_not_a_page() {
        assert!(parse("{\"name\": \"x\"}").is_none());
        assert!(parse("mentions Postman Collection Item JSON mid-line").is_none());
    }
}
