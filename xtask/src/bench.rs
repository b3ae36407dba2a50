//! `cargo xtask bench`: medians of each `generate` stage on the checked-in items, and
//! `xtask convert` against `postman2openapi` (when installed) on the real collection and on
//! synthetic ones of 1 000 to 5 000 items, wall time and peak memory side by side, and per
//! 1 000 items to show how they grow.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::generate::{ITEMS_DIR, render};
use crate::{codegen, convert, files, source, synth};

pub struct Options {
    pub runs: usize,
    pub collection: PathBuf,
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
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
    let real_items = crate::inputs::read_source(std::slice::from_ref(&options.collection))?
        .items
        .len();
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
    let source = source::load(&items)?;
    let conversion = convert::convert(&source)?;
    let spec_text = conversion.to_json()?;
    let spec: openapiv3::OpenAPI = serde_json::from_str(&spec_text)?;
    let tokens = codegen::client_tokens(&spec)?;
    let code = codegen::format(&spec, tokens.clone())?;
    let stages: Vec<(&str, Duration)> = vec![
        ("read + parse items", time(runs, || source::load(&items))?),
        ("convert", time(runs, || convert::convert(&source))?),
        (
            "write spec",
            time(runs, || {
                let text = conversion.to_json()?;
                files::write_atomic(&scratch.join("zoom.json"), &text)
            })?,
        ),
        (
            "progenitor",
            time(runs, || {
                let spec: openapiv3::OpenAPI = serde_json::from_str(&spec_text)?;
                codegen::client_tokens(&spec)
            })?,
        ),
        (
            "format",
            time(runs, || codegen::format(&spec, tokens.clone()))?,
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

/// Median wall time and peak RSS in MiB.
type Figures = (Duration, f64);

/// Median wall time and the largest peak resident set of `runs` runs of each command, the
/// two taking turns so that a machine that slows down or speeds up mid-run weighs on both
/// alike. Each run is started by a fresh `xtask measure-process` helper: a child's peak RSS
/// starts from what its parent held when it was spawned, and this process holds hundreds of
/// MiB by now.
fn measure_turns(
    runs: usize,
    me: &Path,
    ours: &[&std::ffi::OsStr],
    theirs: Option<&[&std::ffi::OsStr]>,
) -> Result<(Figures, Option<Figures>)> {
    let mut ours_runs = Vec::with_capacity(runs);
    let mut theirs_runs = Vec::with_capacity(runs);
    for _ in 0..runs {
        ours_runs.push(measure_once(me, ours)?);
        if let Some(theirs) = theirs {
            theirs_runs.push(measure_once(me, theirs)?);
        }
    }
    let summary = |samples: Vec<Figures>| -> Figures {
        let peak = samples.iter().map(|s| s.1).fold(0f64, f64::max);
        (median(samples.into_iter().map(|s| s.0).collect()), peak)
    };
    let theirs = (!theirs_runs.is_empty()).then(|| summary(theirs_runs));
    Ok((summary(ours_runs), theirs))
}

fn measure_once(me: &Path, command: &[&std::ffi::OsStr]) -> Result<Figures> {
    let output = Command::new(me)
        .arg("measure-process")
        .args(command)
        .stderr(Stdio::inherit())
        .output()
        .context("starting the measuring helper")?;
    if !output.status.success() {
        bail!("a benchmarked command failed: {command:?}");
    }
    let report = String::from_utf8_lossy(&output.stdout);
    let mut numbers = report.split_whitespace().map(|n| n.parse::<u64>());
    let (Some(Ok(micros)), Some(Ok(kib))) = (numbers.next(), numbers.next()) else {
        bail!("the measuring helper said '{report}'");
    };
    Ok((Duration::from_micros(micros), kib as f64 / 1024.0))
}

/// Runs `command` once and prints its wall time (µs) and peak RSS (KiB): the helper behind
/// `measure`, small itself so that the measured process starts from nothing.
pub fn measure_process(command: &[std::ffi::OsString]) -> Result<()> {
    let Some((program, args)) = command.split_first() else {
        bail!("nothing to measure");
    };
    let started = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {program:?}"))?;
    let (ok, max_rss_kib) = wait_with_rusage(child.id())?;
    let wall = started.elapsed();
    if !ok {
        bail!("{program:?} failed");
    }
    println!("{} {}", wall.as_micros(), max_rss_kib);
    Ok(())
}

/// Waits for `pid` and reads its peak resident set size (KiB) from the kernel.
fn wait_with_rusage(pid: u32) -> Result<(bool, i64)> {
    let mut status = 0;
    // SAFETY: `rusage` is plain data the kernel fills in; `pid` is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if waited < 0 {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    Ok((
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss,
    ))
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
