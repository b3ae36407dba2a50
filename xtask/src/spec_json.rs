//! Writes a converted spec as the pretty JSON that is checked in.
//!
//! Operations are most of a spec, and each is finished as soon as it is built, so conversion
//! keeps every operation as its own JSON text ([`StoredOperation`]): about a tenth of the
//! memory of `openapiv3`'s model, where one `Schema` node takes 1 KiB. This module writes
//! the rest of the spec with serde_json and splices the operations in at their place, with
//! their schema references pointed at the components' final names on the way. The output is
//! byte for byte what `serde_json::to_writer_pretty` writes for the whole `OpenAPI` value;
//! `tests/spec_json.rs` holds it to that.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context, Result};
use openapiv3::{OpenAPI, Operation};

use crate::target::METHODS;

/// The key `"paths"` with no paths, as serde_json's pretty printer writes it at the top level.
const EMPTY_PATHS: &str = "\n  \"paths\": {}";
/// Where an operation sits: spec > paths > path > method.
const OPERATION_INDENT: &[u8] = b"      ";
const REFERENCE_KEY: &[u8] = b"\"$ref\": \"";

/// One operation, kept as pretty JSON, already indented to its place in the spec, until the
/// spec is written.
#[derive(Debug, Clone)]
pub struct StoredOperation {
    pub path: String,
    /// The method's place in [`METHODS`], which is also the order `openapiv3::PathItem`
    /// writes a path's operations in.
    method: usize,
    json: Vec<u8>,
}

impl StoredOperation {
    pub fn new(path: String, method: &str, operation: &Operation) -> Result<Self> {
        let method = METHODS
            .iter()
            .position(|known| *known == method)
            .with_context(|| format!("unknown HTTP method '{method}'"))?;
        let plain = serde_json::to_vec_pretty(operation).context("serializing an operation")?;
        Ok(StoredOperation {
            path,
            method,
            json: indented(&plain),
        })
    }

    /// Where the spec lists this operation: by path, then as `openapiv3::PathItem` orders
    /// a path's operations.
    pub fn order(&self) -> (&str, usize) {
        (&self.path, self.method)
    }
}

/// Pretty JSON indented to an operation's depth. Pretty JSON escapes line breaks inside
/// strings, so every raw newline is the printer's own.
fn indented(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + json.len() / 4);
    let mut rest = json;
    while let Some(at) = memchr::memchr(b'\n', rest) {
        out.extend_from_slice(&rest[..=at]);
        out.extend_from_slice(OPERATION_INDENT);
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    out
}

/// Writes `skeleton` (a spec whose paths are empty) with `operations` (sorted by
/// [`StoredOperation::order`]) as its paths, replacing each placeholder reference found in
/// `references`.
pub fn write(
    skeleton: &OpenAPI,
    operations: &[StoredOperation],
    references: &HashMap<String, String>,
    out: &mut dyn Write,
) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let text = serde_json::to_string_pretty(skeleton).context("serializing the spec")?;
    let (head, tail) = match text.split_once(EMPTY_PATHS) {
        Some(parts) if !operations.is_empty() => parts,
        _ => (text.as_str(), ""),
    };
    out.write_all(head.as_bytes())?;
    if !operations.is_empty() {
        out.write_all(b"\n  \"paths\": {")?;
        let mut current: Option<&str> = None;
        for operation in operations {
            if current == Some(operation.path.as_str()) {
                out.write_all(b",")?;
            } else {
                if current.is_some() {
                    out.write_all(b"\n    },")?;
                }
                out.write_all(b"\n    ")?;
                serde_json::to_writer(&mut out, &operation.path)?;
                out.write_all(b": {")?;
                current = Some(&operation.path);
            }
            write!(out, "\n      \"{}\": ", METHODS[operation.method])?;
            write_operation(&mut out, &operation.json, references)?;
        }
        out.write_all(b"\n    }\n  }")?;
        out.write_all(tail.as_bytes())?;
    }
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Copies one operation's JSON with its references resolved. Quotes inside strings are
/// escaped, so `"$ref": "` is always a member, never text; and only an exact placeholder,
/// which carries a random token, is replaced.
fn write_operation(
    out: &mut impl Write,
    json: &[u8],
    references: &HashMap<String, String>,
) -> Result<()> {
    let mut copied = 0;
    for at in memchr::memmem::find_iter(json, REFERENCE_KEY) {
        let start = at + REFERENCE_KEY.len();
        let Some(length) = memchr::memchr(b'"', &json[start..]) else {
            continue;
        };
        let placeholder = std::str::from_utf8(&json[start..start + length]).ok();
        if let Some(target) = placeholder.and_then(|p| references.get(p)) {
            out.write_all(&json[copied..start])?;
            out.write_all(target.as_bytes())?;
            copied = start + length;
        }
    }
    out.write_all(&json[copied..])?;
    Ok(())
}
