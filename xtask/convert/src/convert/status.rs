//! A status for a response saved without a code. Exports write the reason phrase alone
//! (`"status": "Created"`), or the code only in the example's name (`"200 - Terminate
//! Access Token"`); Postman shows such an example all the same.

/// The status a response without a code stands for: its status text's (a reason phrase or
/// a number), else a status its name opens with, else `200` when the item has no other
/// success (a saved example is usually the request's success); none when it cannot be told.
pub fn guess(status_text: Option<&str>, name: &str, other_success: bool) -> Option<u16> {
    status_text
        .and_then(from_text)
        .or_else(|| leading_code(name))
        .or((!other_success).then_some(200))
}

fn from_text(text: &str) -> Option<u16> {
    let text = text.trim();
    if let Some(code) = leading_code(text) {
        return Some(code);
    }
    REASONS
        .iter()
        .find(|(_, reason)| reason.eq_ignore_ascii_case(text))
        .map(|(code, _)| *code)
}

/// `200 - Terminate Access Token` -> 200.
fn leading_code(text: &str) -> Option<u16> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let rest = text.trim()[digits.len()..].chars().next();
    let code: u16 = digits.parse().ok()?;
    ((100..=599).contains(&code) && digits.len() == 3 && rest.is_none_or(|c| !c.is_alphanumeric()))
        .then_some(code)
}

/// The reason phrases of RFC 9110 and the common extensions.
const REASONS: &[(u16, &str)] = &[
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Payload Too Large"),
    (415, "Unsupported Media Type"),
    (422, "Unprocessable Entity"),
    (423, "Locked"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
];

#[cfg(test)]
mod tests {
    use super::guess;

    #[test]
    fn statuses_come_from_text_then_name_then_the_item() {
        assert_eq!(guess(Some("Created"), "x", true), Some(201));
        assert_eq!(guess(Some("not found"), "x", true), Some(404));
        assert_eq!(guess(Some("418"), "x", true), Some(418));
        assert_eq!(guess(None, "200 - Terminate Access Token", true), Some(200));
        assert_eq!(guess(None, "2001 odyssey", true), None);
        assert_eq!(guess(None, "Create API", false), Some(200));
        assert_eq!(guess(None, "Workspace not found", true), None);
    }
}
