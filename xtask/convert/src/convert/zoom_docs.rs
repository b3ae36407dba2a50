//! Reads the facts that Zoom's documentation keeps in free text: scopes and the rate-limit
//! label in request descriptions, `(Required)` and enumerations in parameter descriptions,
//! and HTTP statuses and Zoom error codes in response names.

use std::sync::LazyLock;

use regex::bytes::Regex;
use serde::Serialize;

/// Postman truncates response names at this many characters; a name this long may have lost
/// its tail, so its last error message is not trusted to be whole.
pub const POSTMAN_NAME_LIMIT: usize = 255;

static SCOPES: LazyLock<Regex> = LazyLock::new(|| {
    // `**Scopes:**`, `**Scope:**`, `**Scopes**:` ... up to the end of that line or `<br>`.
    Regex::new(r"(?-u)\*\*Scopes?(?::\*\*|\*\*:?)(?P<list>[^\n]*?)(?:</?br>|\*\*\[|\n|$)").unwrap()
});
static BACKTICKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)`([^`\s]+)`").unwrap());
static RATE_LIMIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)Rate Limit Label[^`\n]*`(?P<label>[^`]+)`").unwrap());
static ENUMERATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)\(This can only be one of (?P<list>[^)]*)\)").unwrap());
/// `**HTTP Status Code:** `200` **OK**`, `**Error Code:** `1010``, `**Error code**: `300``,
/// `**Response Error Code:** `200``: the markers that divide a response name into sections.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u)\*\*(?:HTTP |Response )?(?P<kind>Status|Error) [Cc]ode(?::\*\*|\*\*:)\s*`(?P<code>-?\d+)`(?:\s*\*\*[A-Za-z][A-Za-z ]*\*\*)?",
    )
    .unwrap()
});
static BR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i-u)</?br\s*/?>").unwrap());

/// A match's text. The patterns match ASCII only, without Unicode tables (much cheaper to
/// build and to run); every match starts and ends at ASCII, so it is whole UTF-8.
fn matched(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// The OAuth scopes named after `**Scopes:**`, in the order the text gives them.
pub fn scopes(description: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for list in SCOPES.captures_iter(description.as_bytes()) {
        for scope in BACKTICKED.captures_iter(&list["list"]) {
            let scope = matched(&scope[1]).into_owned();
            if !found.contains(&scope) {
                found.push(scope);
            }
        }
    }
    found
}

/// The rate-limit label (`Light`, `Medium`, `Heavy`, `Resource-intensive`).
pub fn rate_limit(description: &str) -> Option<String> {
    RATE_LIMIT
        .captures(description.as_bytes())
        .map(|c| matched(&c["label"]).trim().to_owned())
}

/// A parameter or field description with its `(Required)` marker taken off.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDoc {
    pub required: bool,
    pub description: String,
    pub enumeration: Vec<String>,
}

pub fn field(description: &str) -> FieldDoc {
    let trimmed = description.trim_start();
    let (required, rest) = match trimmed.strip_prefix("(Required)") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    let enumeration = ENUMERATION
        .captures(rest.as_bytes())
        .map(|c| {
            matched(&c["list"])
                .split(',')
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect()
        })
        .unwrap_or_default();
    FieldDoc {
        required,
        description: super::markup::markdown(rest.trim_end()),
        enumeration,
    }
}

/// One Zoom error code and the message the docs give for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorCode {
    pub code: i64,
    pub message: String,
    /// The response name was cut by Postman inside this message.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// The docs filed this code as if it were an HTTP status (`300`); Zoom sends it with 400.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documented_status: Option<u16>,
}

/// What a response name says: the HTTP status it claims, a summary, Zoom error codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseDoc {
    /// The first `Status Code` marker's number.
    pub status: Option<u16>,
    pub summary: String,
    pub error_codes: Vec<ErrorCode>,
    /// The name opens with an `Error Code` marker and has no `Status Code` one: it documents
    /// a Zoom error code, whatever HTTP status the example was saved under.
    pub only_error_codes: bool,
}

/// Parses names such as
/// ``**HTTP Status Code:** `400`<br>\nMeeting not found<br><br>\n**Error Code:** `1010`<br>\nUser not exist``.
/// A marker cut off by Postman's limit is dropped with its code; the message of the last code
/// in a cut name is marked truncated.
pub fn response_name(name: &str) -> ResponseDoc {
    let whole_name = name;
    let name = without_cut_marker(name);
    // Cut inside the last message, not inside a marker that followed it.
    let cut = whole_name.chars().count() >= POSTMAN_NAME_LIMIT && name.len() == whole_name.len();
    let mut summary: Vec<String> = Vec::new();
    let mut error_codes = Vec::new();
    let mut status = None;
    let mut first_kind = None;
    let markers: Vec<regex::bytes::Captures<'_>> = MARKER.captures_iter(name.as_bytes()).collect();
    let preamble_end = markers
        .first()
        .map_or(name.len(), |m| m.get(0).unwrap().start());
    push_text(&mut summary, &name[..preamble_end]);
    for (index, marker) in markers.iter().enumerate() {
        let whole = marker.get(0).unwrap();
        let text_end = markers
            .get(index + 1)
            .map_or(name.len(), |next| next.get(0).unwrap().start());
        let text = &name[whole.end()..text_end];
        let is_error = &marker["kind"] == b"Error";
        first_kind.get_or_insert(is_error);
        if is_error {
            let Ok(code) = matched(&marker["code"]).parse() else {
                continue;
            };
            if error_codes.iter().any(|c: &ErrorCode| c.code == code) {
                continue;
            }
            error_codes.push(ErrorCode {
                code,
                message: clean(text),
                truncated: cut && index + 1 == markers.len(),
                documented_status: None,
            });
        } else {
            if status.is_none() {
                status = matched(&marker["code"]).parse().ok();
            }
            push_text(&mut summary, text);
        }
    }
    ResponseDoc {
        status,
        summary: summary.join("\n"),
        error_codes,
        only_error_codes: first_kind == Some(true) && status.is_none(),
    }
}

/// The markers a name can hold, up to the opening backtick of their number.
const MARKER_HEADS: &[&str] = &[
    "**HTTP Status Code:** `",
    "**Status Code:** `",
    "**Error Code:** `",
    "**Error code:** `",
    "**Error Code**: `",
    "**Error code**: `",
    "**Response Error Code:** `",
];

/// The name without a marker that Postman's limit cut off at its very end
/// (`...<br>**Error Code`, `...**Error Code:** `30`).
fn without_cut_marker(name: &str) -> &str {
    let trimmed = name.trim_end();
    let mut positions = trimmed.rmatch_indices("**").map(|(at, _)| at);
    for at in positions.by_ref().take(2) {
        let tail = &trimmed[at..];
        let partial = MARKER_HEADS.iter().any(|head| {
            (tail.len() >= 3 && head.starts_with(tail))
                || tail
                    .strip_prefix(head)
                    .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '-'))
        });
        if partial {
            return &name[..at];
        }
    }
    name
}

fn push_text(summary: &mut Vec<String>, text: &str) {
    let text = clean(text);
    if !text.is_empty() && !summary.contains(&text) {
        summary.push(text);
    }
}

/// Turns doc markup into plain lines: `<br>` become line breaks, blank lines go.
pub fn clean(markup: &str) -> String {
    matched(&BR.replace_all(markup.as_bytes(), &b"\n"[..]))
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAST_MEETING: &str = "Use this API to get information about a past meeting. \n\n **Scopes:** `meeting:read:admin`, `meeting:read` <br> **[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits):** `Light`";

    #[test]
    fn scopes_in_both_seed_spellings() {
        assert_eq!(scopes(PAST_MEETING), ["meeting:read:admin", "meeting:read"]);
        assert_eq!(
            scopes("**Scopes:** `meeting:read:admin` `meeting:read`<br>\n **[Rate"),
            ["meeting:read:admin", "meeting:read"]
        );
        assert_eq!(scopes("**Scope**:`user:read`<br>"), ["user:read"]);
        assert_eq!(
            scopes("**Scopes**: `a:b`, `c:d`</br>**[Rate Limit Label](x):** `Heavy`"),
            ["a:b", "c:d"]
        );
        assert!(scopes("no scopes here, `not:this`").is_empty());
    }

    #[test]
    fn rate_limit_label() {
        assert_eq!(rate_limit(PAST_MEETING).as_deref(), Some("Light"));
        assert_eq!(
            rate_limit("**[Rate Limit Label](x):** `Resource-intensive`").as_deref(),
            Some("Resource-intensive")
        );
        assert_eq!(rate_limit("nothing"), None);
    }

    #[test]
    fn required_marker_and_enumeration() {
        let doc = field("(Required) The meeting ID. (This can only be one of live,past, pastOne)");
        assert!(doc.required);
        assert_eq!(doc.enumeration, ["live", "past", "pastOne"]);
        assert!(doc.description.starts_with("The meeting ID."));
        assert!(!field("Optional thing").required);
    }

    #[test]
    fn seed_400_name_keeps_whole_codes_and_drops_the_cut_one() {
        let doc = response_name(
            "**HTTP Status Code:** `400`<br>\nMeeting not found<br><br>\n**Error Code:** `1010`<br>\nUser not exist: {userId}<br><br>\nUser {userId} not exist or not belong to this account.<br><br>\n**Error Code:** `300`<br>\nCannot access meeting info.<br><br>\n**Error Code",
        );
        assert_eq!(doc.status, Some(400));
        assert_eq!(doc.summary, "Meeting not found");
        assert_eq!(
            doc.error_codes,
            [
                ErrorCode {
                    code: 1010,
                    message: "User not exist: {userId}\nUser {userId} not exist or not belong to this account.".into(),
                    truncated: false,
                    documented_status: None
                },
                ErrorCode {
                    code: 300,
                    message: "Cannot access meeting info.".into(),
                    truncated: false,
                    documented_status: None
                }
            ]
        );
    }

    #[test]
    fn status_with_reason_phrase() {
        let doc = response_name(
            "**HTTP Status Code:** `200` **OK**<br>\nLive Stream details returned.\n\n",
        );
        assert_eq!(doc.status, Some(200));
        assert_eq!(doc.summary, "Live Stream details returned.");
        assert!(doc.error_codes.is_empty());
    }

    #[test]
    fn names_cut_at_the_limit_mark_their_last_message() {
        let mut name =
            String::from("**HTTP Status Code:** `404`<br>\n**Error Code:** `3001`<br>\n");
        while name.chars().count() < POSTMAN_NAME_LIMIT {
            name.push('x');
        }
        let doc = response_name(&name);
        assert_eq!(doc.error_codes.len(), 1);
        assert!(doc.error_codes[0].truncated);
    }

    #[test]
    fn a_code_cut_mid_number_is_dropped() {
        let doc = response_name("**Error Code:** `1010`<br>\nA<br>\n**Error Code:** `30");
        assert_eq!(doc.error_codes.len(), 1);
        assert_eq!(doc.error_codes[0].message, "A");
        assert_eq!(doc.status, None);
        assert!(doc.only_error_codes);
    }

    #[test]
    fn marker_spellings_and_mixed_names() {
        let doc = response_name(
            "**Error Code:** `200`<br>\nOnly available for paid account.\n\n**HTTP Status Code:** `200`<br>\nLocked settings returned.",
        );
        assert_eq!(doc.status, Some(200));
        assert!(!doc.only_error_codes);
        assert_eq!(doc.summary, "Locked settings returned.");
        assert_eq!(
            doc.error_codes[0].message,
            "Only available for paid account."
        );
        for name in [
            "**Error code:** `300`<br>x",
            "**Error Code**: `300` <br>x",
            "**Error Code:**`300` <br>x",
            "**Response Error Code:** `300` <br>x",
        ] {
            let doc = response_name(name);
            assert_eq!(doc.error_codes.len(), 1, "{name}");
            assert_eq!(doc.error_codes[0].code, 300, "{name}");
            assert_eq!(doc.error_codes[0].message, "x", "{name}");
        }
        let doc = response_name("**Status Code:** `204`<br>\nGroup's locked settings updated.");
        assert_eq!(doc.status, Some(204));
        assert_eq!(
            response_name("Untitled Example").summary,
            "Untitled Example"
        );
        assert_eq!(
            response_name("**HTTP Status Code:** `200` **OK**").summary,
            "",
            "the reason phrase is part of the marker"
        );
    }
}
