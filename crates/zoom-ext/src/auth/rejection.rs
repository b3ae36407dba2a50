//! Telling a dead token from other failures, so a caller refreshes only when that helps.

use reqwest::StatusCode;
use serde_json::Value;

/// Zoom's code for an invalid or expired access token.
const INVALID_ACCESS_TOKEN: i64 = 124;

/// Whether a failed response means the access token is invalid or expired: HTTP 401 with
/// Zoom's code 124 (`{"code":124,"message":"Invalid access token."}`), or a 401 whose body
/// is empty, not JSON, or has no code (a gateway's answer). A 401 with another Zoom code
/// (missing scopes, a disabled app) is not: a new token would be refused the same way.
pub fn is_token_rejected(status: StatusCode, body: &[u8]) -> bool {
    if status != StatusCode::UNAUTHORIZED {
        return false;
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(json) => match json.get("code") {
            Some(code) => code.as_i64() == Some(INVALID_ACCESS_TOKEN),
            None => true,
        },
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_401_for_the_token_itself_counts() {
        let unauthorized = StatusCode::UNAUTHORIZED;
        assert!(is_token_rejected(
            unauthorized,
            br#"{"code":124,"message":"Invalid access token."}"#
        ));
        assert!(is_token_rejected(
            unauthorized,
            br#"{"code":124,"message":"Access token is expired."}"#
        ));
        assert!(is_token_rejected(unauthorized, b""));
        assert!(is_token_rejected(unauthorized, b"  \n"));
        assert!(is_token_rejected(unauthorized, b"<html>401</html>"));
        assert!(is_token_rejected(
            unauthorized,
            br#"{"message":"Unauthorized"}"#
        ));
        assert!(!is_token_rejected(
            unauthorized,
            br#"{"code":4711,"message":"Invalid access token, does not contain scopes."}"#
        ));
        assert!(!is_token_rejected(
            StatusCode::BAD_REQUEST,
            br#"{"code":124,"message":"Invalid access token."}"#
        ));
        assert!(!is_token_rejected(StatusCode::FORBIDDEN, b""));
    }
}
