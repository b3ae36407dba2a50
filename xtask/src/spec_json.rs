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

/// The key `"paths"` with no paths, as serde_json's pretty printer writes it at the top level.
const EMPTY_PATHS: &str = "\n  \"paths\": {}";
/// Where an operation sits: spec > paths > path > method.
const OPERATION_INDENT: &[u8] = b"      ";
const REFERENCE_KEY: &[u8] = b"\"$ref\": \"";

/// One operation, kept as pretty JSON until the spec is written.
#[derive(Debug, Clone)]
pub struct StoredOperation {
    pub path: String,
    pub method: &'static str,
    json: Vec<u8>,
}

impl StoredOperation {
    pub fn new(path: String, method: &str, operation: &Operation) -> Result<Self> {
        let method = METHODS
            .iter()
            .copied()
            .find(|known| *known == method)
            .with_context(|| format!("unknown HTTP method '{method}'"))?;
        Ok(StoredOperation {
            path,
            method,
            json: serde_json::to_vec_pretty(operation).context("serializing an operation")?,
        })
    }

    /// Where `openapiv3::PathItem` writes this operation among its path's others.
    pub fn order(&self) -> (&str, usize) {
        let rank = METHODS.iter().position(|m| *m == self.method);
        (&self.path, rank.unwrap_or(usize::MAX))
    }
}

/// `openapiv3::PathItem`'s operations, in the order it serializes them.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

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
            write!(out, "\n      \"{}\": ", operation.method)?;
            write_operation(&mut out, &operation.json, references)?;
        }
        out.write_all(b"\n    }\n  }")?;
        out.write_all(tail.as_bytes())?;
    }
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Copies one operation's JSON, indented to its depth, with references resolved. Pretty JSON
/// has one member per line and escapes newlines inside strings, so every `"$ref": "..."`
/// member opens its own line.
fn write_operation(
    out: &mut impl Write,
    json: &[u8],
    references: &HashMap<String, String>,
) -> Result<()> {
    for (index, line) in json.split(|&b| b == b'\n').enumerate() {
        if index > 0 {
            out.write_all(b"\n")?;
            out.write_all(OPERATION_INDENT)?;
        }
        match resolved(line, references) {
            Some((before, target, after)) => {
                out.write_all(before)?;
                out.write_all(target.as_bytes())?;
                out.write_all(after)?;
            }
            None => out.write_all(line)?,
        }
    }
    Ok(())
}

/// A line `"$ref": "<placeholder>"` split around its placeholder, with the final target.
fn resolved<'a, 'r>(
    line: &'a [u8],
    references: &'r HashMap<String, String>,
) -> Option<(&'a [u8], &'r str, &'a [u8])> {
    let start = line.len() - line.trim_ascii_start().len() + REFERENCE_KEY.len();
    if !line.trim_ascii_start().starts_with(REFERENCE_KEY) {
        return None;
    }
    let length = line[start..].iter().position(|&b| b == b'"')?;
    let placeholder = std::str::from_utf8(&line[start..start + length]).ok()?;
    let target = references.get(placeholder)?;
    Some((&line[..start], target, &line[start + length..]))
}
