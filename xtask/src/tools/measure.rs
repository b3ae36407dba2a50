//! Whole-process measurements: wall time and peak memory of a command, each run started by a
//! fresh `xtask measure-process` helper so that the measured process starts from nothing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Median wall time and peak RSS in MiB.
pub type Figures = (Duration, f64);

/// Median wall time and the largest peak resident set of `runs` runs of each command, the
/// two taking turns so that a machine that slows down or speeds up mid-run weighs on both
/// alike. Each run is started by a fresh `xtask measure-process` helper: a child's peak RSS
/// starts from what its parent held when it was spawned, and this process holds hundreds of
/// MiB by now.
pub fn measure_turns(
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
