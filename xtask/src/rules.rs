//! The deliberate adjustments the converter makes where the docs say something progenitor
//! (or HTTP) cannot take. Each is counted per operation, printed by `generate` and listed in
//! the README, so nothing changes silently.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A Postman `formdata` body declared as the JSON the API takes.
    FormDataAsJson,
    /// Several 2xx statuses with bodies share one merged body type.
    SuccessBodiesMerged,
    /// A body saved on a 204/205/304 response, which HTTP forbids, is dropped.
    NoContentBodyDropped,
}

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Rule::FormDataAsJson => "formdata body declared as application/json, fields parsed",
            Rule::SuccessBodiesMerged => "several 2xx bodies merged into one type",
            Rule::NoContentBodyDropped => "body on a no-content status (204/205/304) dropped",
        }
    }
}
