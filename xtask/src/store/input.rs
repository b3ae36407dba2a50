//! Input files from the user's disk -> the one reader (`zoom_convert::model::read`).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use zoom_convert::model::read::{self, Input};

/// Reads an item, collection or docs page file; errors name the file.
pub fn read_file(path: &Path) -> Result<Input> {
    let label = path.display().to_string();
    let bytes = fs::read(path).with_context(|| format!("{label}: cannot read"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{label}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    read::read(&label, &text)
}
