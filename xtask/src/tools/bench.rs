//! `cargo xtask bench`: medians of each `generate` stage on the checked-in items, and
//! `xtask convert` against `postman2openapi` (when installed) on the real collection and on
//! synthetic ones of 1 000 to 5 000 items, wall time and peak memory side by side, and per
//! 1 000 items to show how they grow.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::measure::{Figures, measure_turns, median};
use super::synth;
use crate::generate::render;
use crate::workspace::ITEMS_DIR;
use crate::{codegen, files, store};

pub struct Options {
    pub runs: usize,
    pub collection: PathBuf,
}

fn time<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<Duration> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        std::hint::black_box(f()?);
        samples.push(started.elapsed());
    }
    Ok(median(samples))
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

pub fn run(root: &Path, options: &Options) -> Result<()> {
    let runs = options.runs.max(1);
    let scratch = tempfile_dir()?;
    // Processes first, while this one is small (see `measure`).
    processes(options, runs, &scratch)?;
    println!();
    stages(root, runs, &scratch)
}

/// Synthetic collection sizes: enough points to see how time and memory grow.
const GROWTH: [usize; 4] = [1_000, 2_000, 3_000, 5_000];

/// `xtask convert` and `postman2openapi` on the real and synthetic collections.
fn processes(options: &Options, runs: usize, scratch: &Path) -> Result<()> {
    if !options.collection.exists() {
        bail!(
            "{}: no such collection; pass --collection",
            options.collection.display()
        );
    }
    let collection: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&options.collection)
            .with_context(|| format!("reading {}", options.collection.display()))?,
    )?;
    let real_items = store::read_file(&options.collection)?.items.len();
    let mut inputs = vec![(real_items, "real", options.collection.clone())];
    for count in GROWTH {
        let path = scratch.join(format!("synthetic-{count}.json"));
        std::fs::write(
            &path,
            serde_json::to_string(&synth::synthesize(&collection, count)?)?,
        )?;
        inputs.push((count, "synthetic", path));
    }
    // A child's peak RSS counts what it shared with this process at spawn: stay small.
    drop(collection);
    let me = std::env::current_exe()?;
    let other = which("postman2openapi");
    println!(
        "whole process, {runs} runs each, the two converters taking turns: median wall ms / \
         peak RSS MiB, and what each 1,000 items more than the row above added (constant when \
         growth is linear)"
    );
    println!(
        "{:<16} {:>16} {:>16} {:>20} {:>16} {:>12}",
        "input",
        "xtask convert",
        "+ per 1k items",
        "postman2openapi",
        "+ per 1k items",
        "time ratio"
    );
    let mut previous: Option<(usize, Figures, Option<Figures>)> = None;
    for (items, kind, path) in &inputs {
        let ours = [me.as_os_str(), "convert".as_ref(), path.as_os_str()];
        // To stdout, like postman2openapi: `-o` adds an fsync, which is the disk's time.
        let theirs = other
            .as_ref()
            .map(|binary| [binary.as_os_str(), path.as_os_str()]);
        let (ours, theirs) = measure_turns(runs, &me, &ours, theirs.as_ref().map(|c| &c[..]))?;
        let growth = |now: Figures, before: Option<Figures>, before_items: usize| match before {
            Some(before) if *items > before_items => {
                let k = (*items - before_items) as f64 / 1000.0;
                let wall = now.0.as_secs_f64() - before.0.as_secs_f64();
                format!("{:.1} / {:.1}", wall * 1000.0 / k, (now.1 - before.1) / k)
            }
            _ => "-".to_owned(),
        };
        let (before_items, ours_before, theirs_before) = match previous {
            Some((n, ours, theirs)) => (n, Some(ours), theirs),
            None => (0, None, None),
        };
        let (theirs_text, theirs_growth, ratio) = match theirs {
            Some(theirs) => (
                format!("{} / {:.1}", ms(theirs.0), theirs.1),
                growth(theirs, theirs_before, before_items),
                format!("{:.2}", ours.0.as_secs_f64() / theirs.0.as_secs_f64()),
            ),
            None => ("not installed".to_owned(), "-".to_owned(), "-".to_owned()),
        };
        println!(
            "{:<16} {:>16} {:>16} {:>20} {:>16} {:>12}",
            format!("{kind} {items}"),
            format!("{} / {:.1}", ms(ours.0), ours.1),
            growth(ours, ours_before, before_items),
            theirs_text,
            theirs_growth,
            ratio
        );
        previous = Some((*items, ours, theirs));
    }
    if other.is_none() {
        println!("(install postman2openapi with `cargo install postman2openapi-cli` to compare)");
    }
    Ok(())
}

/// Each stage of `generate`, in this process.
fn stages(root: &Path, runs: usize, scratch: &Path) -> Result<()> {
    let items = root.join(ITEMS_DIR);
    println!(
        "generate, by stage ({runs} runs, median ms), on {}",
        items.display()
    );
    let source = store::load(&items)?;
    let conversion = zoom_convert::convert(&source)?;
    let spec = &conversion.spec;
    let tokens = codegen::client_tokens(spec)?;
    let code = codegen::format(spec, tokens.clone())?;
    let stages: Vec<(&str, Duration)> = vec![
        ("read + parse items", time(runs, || store::load(&items))?),
        ("convert", time(runs, || zoom_convert::convert(&source))?),
        (
            "write spec",
            time(runs, || {
                let text = conversion.to_json()?;
                files::write_atomic(&scratch.join("zoom.json"), &text)
            })?,
        ),
        ("progenitor", time(runs, || codegen::client_tokens(spec))?),
        (
            "format",
            time(runs, || codegen::format(spec, tokens.clone()))?,
        ),
        (
            "write code",
            time(runs, || {
                files::write_atomic(&scratch.join("generated.rs"), &code)
            })?,
        ),
        (
            "whole generate",
            time(runs, || {
                let generated = render(root)?;
                files::write_atomic(&scratch.join("zoom.json"), &generated.spec)?;
                files::write_atomic(&scratch.join("generated.rs"), &generated.code)
            })?,
        ),
    ];
    println!("{:<22} {:>10}", "stage", "median ms");
    for (stage, duration) in &stages {
        println!("{stage:<22} {:>10}", ms(*duration));
    }

    Ok(())
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|candidate| candidate.is_file())
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("zoom-rs-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
