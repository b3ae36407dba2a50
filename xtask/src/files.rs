//! Writing generated and imported files: only when the content changed, and atomically
//! (a temporary file beside the target, then a rename), so a reader never sees half a file.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Written,
}

/// The file's current text, or `None` when it does not exist.
pub fn current(path: &Path) -> Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("reading {}", path.display())),
    }
}

pub fn write_if_changed(path: &Path, content: &str) -> Result<Outcome> {
    if current(path)?.as_deref() == Some(content) {
        return Ok(Outcome::Unchanged);
    }
    write_atomic(path, content)?;
    Ok(Outcome::Written)
}

pub fn write_atomic(path: &Path, content: &str) -> Result<()> {
    write_atomic_with(path, |file| Ok(file.write_all(content.as_bytes())?))
}

/// Like [`write_atomic`], with the content produced by `write` straight into the file.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent directory", path.display()))?;
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let mut file = fs::File::create(&temp)?;
        write(&mut file)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.json");
        assert_eq!(write_if_changed(&path, "x").unwrap(), Outcome::Written);
        assert_eq!(write_if_changed(&path, "x").unwrap(), Outcome::Unchanged);
        assert_eq!(write_if_changed(&path, "y").unwrap(), Outcome::Written);
        assert_eq!(fs::read_to_string(&path).unwrap(), "y");
        let names: Vec<_> = fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["b.json"]);
    }
}
