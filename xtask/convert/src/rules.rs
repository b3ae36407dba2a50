//! The deliberate adjustments the converter makes where the docs say something progenitor
//! (or HTTP) cannot take. Each is counted per operation, printed by `generate` and listed in
//! the README, so nothing changes silently.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A Postman `formdata` body declared as the JSON the API takes.
    FormDataAsJson,
    /// A file upload (a `file` form field, or a text field described as the file's path):
    /// a raw body plus a `Content-Type` parameter, the parts in `x-zoom-multipart`.
    MultipartUpload,
    /// Several 2xx statuses with bodies share one merged body type.
    SuccessBodiesMerged,
    /// A body saved on a 204/205/304 response, which HTTP forbids, is dropped.
    NoContentBodyDropped,
    /// A Zoom error code saved as if it were the HTTP status (`300`, or a 2xx whose name only
    /// lists error codes) is documented under 400, where Zoom sends it.
    ZoomCodeAsStatus,
    /// A bodiless extra 2xx beside a typed one (Zoom's error 200 "only available for paid
    /// accounts" saved as HTTP 200) is documented as error code under 400.
    ConflictingSuccessAsError,
    /// A GET whose only success is a 204 with a real body answers 200 with that body.
    NoContentGetAsOk,
    /// A body saved as a JSON string holding JSON text is read as that JSON.
    StringWrappedJsonRead,
    /// A body saved as a JSON string holding broken JSON text says nothing about the
    /// shape: the success type is any JSON value.
    BrokenExampleAsAnyJson,
    /// A type name or Postman placeholder written where a value belongs (`"boolean"`,
    /// `"string [date-time]"`, `<long>`) is read as the type it names; Postman's error
    /// placeholders as no evidence at all.
    PlaceholdersAsTypes,
    /// A field whose name measures a quantity (amounts, sizes, percentages), or that some
    /// example elsewhere shows as a fraction, is a number though its examples look whole.
    MeasuresAsNumbers,
    /// A maintainer's override from `openapi/overrides.json` sets a field's type.
    Override,
    /// A list operation that takes `next_page_token` returns it too, where its examples
    /// leave it out.
    PageTokenDeclared,
    /// An item without saved responses answers `200` "no saved response": OpenAPI wants
    /// at least one response, and progenitor cannot take `default`.
    NoSavedResponse,
    /// A response saved without a code: its status text or name gives it, else it is the
    /// item's success (`200`) when no other example is one, else it is left out.
    MissingStatusCode,
    /// A bodiless 2xx beside a typed one (GitHub's 205 beside a 202) is left out:
    /// progenitor takes one success type per operation.
    BodilessSuccessDropped,
    /// A GraphQL body is the JSON POST GraphQL servers take: `{query, variables}`.
    GraphQlAsJson,
    /// A path variable whose written name no parameter can have (`{{site id}}`, nested
    /// `{{hello_{{var}}}}`) is named by its letters, digits, `_` and `-` (`site_id`).
    PathVariableRenamed,
}

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Rule::FormDataAsJson => "formdata body declared as application/json, fields parsed",
            Rule::MultipartUpload => {
                "file upload: raw multipart body + Content-Type, parts in x-zoom-multipart"
            }
            Rule::SuccessBodiesMerged => "several 2xx bodies merged into one type",
            Rule::NoContentBodyDropped => "body on a no-content status (204/205/304) dropped",
            Rule::ZoomCodeAsStatus => "Zoom error code saved as HTTP status, moved to 400",
            Rule::ConflictingSuccessAsError => "bodiless 2xx beside a typed 2xx, moved to 400",
            Rule::NoContentGetAsOk => "GET documented as 204 with a body, declared as 200",
            Rule::StringWrappedJsonRead => "JSON text saved inside a JSON string, read as JSON",
            Rule::BrokenExampleAsAnyJson => "broken JSON text saved as a string, typed as any JSON",
            Rule::PlaceholdersAsTypes => "type names written as values read as those types",
            Rule::MeasuresAsNumbers => "amounts, sizes, percentages shown whole typed as numbers",
            Rule::Override => "type set by openapi/overrides.json",
            Rule::PageTokenDeclared => "next_page_token declared on a paged list's answer",
            Rule::NoSavedResponse => "no saved response: 200 \"no saved response\" declared",
            Rule::MissingStatusCode => {
                "response without code: status from its text or name, else 200"
            }
            Rule::BodilessSuccessDropped => "bodiless 2xx beside a typed 2xx left out",
            Rule::GraphQlAsJson => "GraphQL body declared as JSON {query, variables}",
            Rule::PathVariableRenamed => "path variable named for OpenAPI ({{site id}} -> site_id)",
        }
    }
}
