//! Meeting UUIDs on the wire.
//!
//! Zoom: "If the meeting UUID begins with a `/` character or contains a `//` character, you
//! must double-encode the meeting UUID." Every other UUID is encoded once. The generated
//! client encodes path values once itself, so [`MeetingUuid::path_param`] hands it a UUID
//! that needs double encoding already encoded once.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// `encodeURIComponent`'s set: everything but letters, digits and `-_.!~*'()`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// A meeting (or webinar) instance UUID, such as `JbkqFkfqQ0e7+CZluSnc1g==`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingUuid(String);

impl MeetingUuid {
    pub fn new(uuid: impl Into<String>) -> Self {
        MeetingUuid(uuid.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Zoom's rule: a UUID that begins with `/` or contains `//` travels double-encoded.
    pub fn needs_double_encoding(&self) -> bool {
        self.0.starts_with('/') || self.0.contains("//")
    }

    /// The value to give a generated request builder's path setter (`.meeting_uuid(..)`).
    /// The builder encodes it once more, so the wire form follows Zoom's rule.
    pub fn path_param(&self) -> String {
        if self.needs_double_encoding() {
            utf8_percent_encode(&self.0, COMPONENT).to_string()
        } else {
            self.0.clone()
        }
    }
}

impl fmt::Display for MeetingUuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for MeetingUuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("MeetingUuid").field(&self.0).finish()
    }
}

impl From<&str> for MeetingUuid {
    fn from(uuid: &str) -> Self {
        MeetingUuid::new(uuid)
    }
}

impl From<String> for MeetingUuid {
    fn from(uuid: String) -> Self {
        MeetingUuid(uuid)
    }
}

/// Lets a `&MeetingUuid` go straight into a builder's path setter, in its path form.
impl From<&MeetingUuid> for String {
    fn from(uuid: &MeetingUuid) -> String {
        uuid.path_param()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_leading_slash_or_double_slash_needs_double_encoding() {
        assert!(!MeetingUuid::new("JbkqFkfqQ0e7+CZluSnc1g==").needs_double_encoding());
        assert!(MeetingUuid::new("/ajXp112QmuoKj4854875==").needs_double_encoding());
        assert!(MeetingUuid::new("ajXp//12QmuoKj4854875==").needs_double_encoding());
        assert!(!MeetingUuid::new("ajXp/12QmuoKj4854875==").needs_double_encoding());
    }

    #[test]
    fn path_param_is_pre_encoded_once_when_zoom_wants_two() {
        assert_eq!(
            MeetingUuid::new("JbkqFkfqQ0e7+CZluSnc1g==").path_param(),
            "JbkqFkfqQ0e7+CZluSnc1g=="
        );
        assert_eq!(
            MeetingUuid::new("/ajXp112QmuoKj4854875==").path_param(),
            "%2FajXp112QmuoKj4854875%3D%3D"
        );
        assert_eq!(String::from(&MeetingUuid::new("a//b+")), "a%2F%2Fb%2B");
    }
}
