//! String formats an example can prove: dates, date-times, e-mail addresses and web URLs,
//! each only where a typed client would write the value back unchanged.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// A string format that every example seen so far agrees on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    DateTime,
    Date,
    Email,
    Uri,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Email => "email",
            Format::Uri => "uri",
        }
    }

    /// A value of this format, for examples that only named it.
    pub fn sample(self) -> &'static str {
        match self {
            Format::DateTime => "2020-01-01T00:00:00Z",
            Format::Date => "2020-01-01",
            Format::Email => "user@example.com",
            Format::Uri => "https://example.com/",
        }
    }

    /// The format a single string proves. Date-times count only in the canonical UTC form
    /// that a typed client writes back unchanged, so a typed round trip never alters a value.
    pub fn of(text: &str) -> Option<Format> {
        // Most strings are none of these: cheap looks first, the parsers only when they pass.
        let dated = text.len() >= 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
        if dated && text.len() == 10 && NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() {
            return Some(Format::Date);
        }
        if dated && let Ok(parsed) = DateTime::parse_from_rfc3339(text) {
            let canonical = parsed
                .with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::AutoSi, true);
            return (canonical == text).then_some(Format::DateTime);
        }
        if is_email(text) {
            return Some(Format::Email);
        }
        let web = |scheme: &str| {
            text.get(..scheme.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        };
        if (web("http:") || web("https:"))
            && let Ok(url) = url::Url::parse(text)
            && matches!(url.scheme(), "http" | "https")
            && !text.contains(char::is_whitespace)
        {
            return Some(Format::Uri);
        }
        None
    }
}

/// A plain `local@domain.tld` address, strict enough that JSON Schema's `email` format
/// accepts every value this accepts (`sip:user@10.0.0.1:5060` is no email).
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}
