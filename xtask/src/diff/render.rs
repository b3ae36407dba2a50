//! The change report as text (for a terminal) or Markdown (for a pull request).

use std::fmt::Write;

use super::{Report, Status};

fn headline(report: &Report) -> String {
    if report.is_empty() {
        return "no changes to the API".to_owned();
    }
    let breaking = report.breaking();
    format!(
        "{} changes in {} operations, {}",
        report.total(),
        report.operations.len(),
        match breaking {
            0 => "none breaking for Rust callers".to_owned(),
            n => format!("{n} breaking for Rust callers"),
        }
    )
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Added => "added",
        Status::Removed => "removed",
        Status::Changed => "changed",
    }
}

pub fn text(report: &Report) -> String {
    let mut out = format!("change report: {}\n", headline(report));
    for op in &report.operations {
        let _ = writeln!(
            out,
            "{:<8} {}  ({})",
            status(op.status),
            op.identity,
            op.name
        );
        if op.status == Status::Changed {
            for change in &op.changes {
                let mark = if change.breaking { "BREAKING" } else { "ok" };
                let _ = writeln!(out, "    {mark:<8} {}", change.what);
            }
        }
    }
    if !report.renamed_types.is_empty() {
        out.push_str("types renamed\n");
        for (old, new) in &report.renamed_types {
            let _ = writeln!(out, "    BREAKING `{old}` -> `{new}`");
        }
    }
    out
}

pub fn markdown(report: &Report) -> String {
    let mut out = format!("### Change report: {}\n", headline(report));
    if report.is_empty() {
        return out;
    }
    out.push_str("\n| operation | change | breaking |\n|---|---|---|\n");
    for op in &report.operations {
        for change in &op.changes {
            let _ = writeln!(
                out,
                "| `{}` `{}` | {} | {} |",
                op.identity,
                op.name,
                change.what.replace('|', "\\|"),
                if change.breaking { "**yes**" } else { "no" }
            );
        }
    }
    for (old, new) in &report.renamed_types {
        let _ = writeln!(out, "| (types) | type `{old}` renamed `{new}` | **yes** |");
    }
    out
}
