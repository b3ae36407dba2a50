//! Reads the facts that Zoom's documentation keeps in free text: scopes and the rate-limit
//! label in request descriptions, `(Required)` and enumerations in parameter descriptions,
//! and HTTP statuses and Zoom error codes in response names.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// Postman truncates response names at this many characters; a name this long may have lost
/// its tail, so its last error message is not trusted to be whole.
pub const POSTMAN_NAME_LIMIT: usize = 255;

static SCOPES: LazyLock<Regex> = LazyLock::new(|| {
    // `**Scopes:**`, `**Scope:**`, `**Scopes**:` ... up to the end of that line or `<br>`.
    Regex::new(r"\*\*Scopes?(?::\*\*|\*\*:?)(?P<list>[^\n]*?)(?:</?br>|\*\*\[|\n|$)").unwrap()
});
static BACKTICKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`\s]+)`").unwrap());
static RATE_LIMIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Rate Limit Label[^`\n]*`(?P<label>[^`]+)`").unwrap());
static ENUMERATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(This can only be one of (?P<list>[^)]*)\)").unwrap());
static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\*\*(?:HTTP )?Status Code:\*\*\s*`(?P<code>\d{3})`(?:\s*\*\*[^*]*\*\*)?")
        .unwrap()
});
static ERROR_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^:\*\*\s*`(?P<code>-?\d+)`").unwrap());
static BR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)</?br\s*/?>").unwrap());

/// The OAuth scopes named after `**Scopes:**`, in the order the text gives them.
pub fn scopes(description: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for list in SCOPES.captures_iter(description) {
        for scope in BACKTICKED.captures_iter(&list["list"]) {
            let scope = scope[1].to_owned();
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
        .captures(description)
        .map(|c| c["label"].trim().to_owned())
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
        .captures(rest)
        .map(|c| {
            c["list"]
                .split(',')
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect()
        })
        .unwrap_or_default();
    FieldDoc {
        required,
        description: rest.trim_end().to_owned(),
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
}

/// What a response name says: the HTTP status it claims, a summary, Zoom error codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseDoc {
    pub status: Option<u16>,
    pub summary: String,
    pub error_codes: Vec<ErrorCode>,
}

/// Parses names such as
/// ``**HTTP Status Code:** `400`<br>\nMeeting not found<br><br>\n**Error Code:** `1010`<br>\nUser not exist``.
/// Pieces cut off by Postman's name limit are dropped when they lost their code.
pub fn response_name(name: &str) -> ResponseDoc {
    let (status, rest) = match STATUS.captures(name) {
        Some(c) => (c["code"].parse().ok(), &name[c.get(0).unwrap().end()..]),
        None => (None, name),
    };
    let cut = name.chars().count() >= POSTMAN_NAME_LIMIT;
    let mut pieces = rest.split("**Error Code");
    let summary = clean(pieces.next().unwrap_or_default());
    let pieces: Vec<&str> = pieces.collect();
    let mut error_codes = Vec::new();
    for (index, piece) in pieces.iter().enumerate() {
        let Some(c) = ERROR_CODE.captures(piece) else {
            continue;
        };
        let last = index + 1 == pieces.len();
        // A code cut mid-number leaves no closing backtick, so the regex already refused it.
        let Ok(code) = c["code"].parse() else {
            continue;
        };
        error_codes.push(ErrorCode {
            code,
            message: clean(&piece[c.get(0).unwrap().end()..]),
            truncated: last && cut,
        });
    }
    ResponseDoc {
        status,
        summary,
        error_codes,
    }
}

/// Turns doc markup into plain lines: `<br>` become line breaks, blank lines go.
pub fn clean(text: &str) -> String {
    BR.replace_all(text, "\n")
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
                    truncated: false
                },
                ErrorCode {
                    code: 300,
                    message: "Cannot access meeting info.".into(),
                    truncated: false
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
        assert_eq!(doc.status, None);
    }
}
