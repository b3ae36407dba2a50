//! `cargo xtask bench --compile`: what users of zoom-api wait on, the compiler. Builds this
//! tree's zoom-api and the published `zoom-api` crate from crates.io into empty target
//! directories, taking turns, and prints medians, spreads and ratios.
//!
//! Method, the same for every side:
//! - each side is a scratch workspace of its own under the system's temp directory: this
//!   tree's `Cargo.toml` (its profiles and pinned dependencies), `Cargo.lock`, `zoom-api` and
//!   `zoom-ext` copied (or taken from a git revision with `--against`), or a one-line crate
//!   depending on the published `zoom-api`, with the same `[profile.*]` sections and
//!   zoom-api itself at cargo's dev defaults (as a workspace member is here: unoptimised, full
//!   debug info), every dependency at this tree's opt-level 3;
//! - `CARGO_INCREMENTAL=0`, as in CI, for every clean build;
//! - *whole*: `cargo build -p zoom-api` (or `check`) into an empty target directory;
//!   *own*: then `cargo clean -p zoom-api` and the same command again, so that only zoom-api
//!   compiles, alone on the machine;
//! - one target directory at a time, deleted as soon as its figures are taken.
//!
//! For this tree only (the published crate has no features): a clean build of a small
//! application that calls one meetings operation through zoom-ext with only zoom-api's
//! `meetings` feature (with this tree's profiles, and again with cargo's dev defaults, as a
//! new application has them), and the rebuild of zoom-api after regenerating with one more
//! endpoint (incremental, as `cargo build` does for a path dependency, and not).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::measure::median;
use crate::workspace::{CODE_FILE, ITEMS_DIR};
use crate::{codegen, store};

#[derive(clap::Args)]
pub struct Options {
    /// With --compile: rounds; each builds every side once, the sides taking turns.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// With --compile: the published zoom-api to compare with, as a Cargo requirement.
    #[arg(long, default_value = "=0.10.0")]
    pub published: String,
    /// With --compile: also build this git revision's zoom-api, in turns with this tree's
    /// (repeatable).
    #[arg(long, value_name = "REV")]
    pub against: Vec<String>,
    /// With --compile: leave the published crate out.
    #[arg(long)]
    pub no_published: bool,
    /// With --compile: only zoom-api's own build and check, every side sharing one target
    /// directory whose dependencies are built once (quicker, for comparing revisions).
    #[arg(long)]
    pub own_only: bool,
    /// With --compile: the item (below openapi/postman/) whose endpoint the rebuild
    /// measurement adds.
    #[arg(long, default_value = ENDPOINT)]
    pub endpoint: String,
}

/// The item the "one more endpoint" measurement adds back: a meetings `GET`.
pub const ENDPOINT: &str = "meetings-meeting-id/get-meeting-invitation.json";

const APP_MAIN: &str = r#"use zoom_ext::prelude::*;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = ClientBuilder::from_env()?.build()?;
    let meeting = client.meeting().meeting_id("85746065432").send().await?;
    println!("{:?}", meeting.topic);
    client
        .update_meeting()
        .meeting_id("85746065432")
        .body_map(|body| body.agenda("Weekly sync".to_owned()).duration(30_i64))
        .send()
        .await?;
    Ok(())
}
"#;

const APP_MANIFEST: &str = r#"[package]
name = "meetings-app"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
zoom-api = { workspace = true, features = ["meetings"] }
zoom-ext.workspace = true
tokio = { workspace = true, features = ["macros", "rt-multi-thread"] }
"#;

/// Measures, in milliseconds, kept per round.
#[derive(Default)]
struct Samples {
    whole_build: Vec<Duration>,
    own_build: Vec<Duration>,
    whole_check: Vec<Duration>,
    own_check: Vec<Duration>,
    app_build: Vec<Duration>,
    app_own: Vec<Duration>,
    app_plain: Vec<Duration>,
    endpoint: Vec<Duration>,
    endpoint_plain: Vec<Duration>,
}

struct Side {
    name: String,
    dir: PathBuf,
    /// This tree's workspace layout (with the meetings app), not the published crate.
    ours: bool,
    lines: Option<usize>,
    samples: Samples,
}

pub fn run(root: &Path, options: &Options) -> Result<()> {
    let scratch = std::env::temp_dir().join(format!("zoom-rs-compile-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let result = measure(root, options, &scratch);
    // Sources only are left by now; take them too.
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn measure(root: &Path, options: &Options, scratch: &Path) -> Result<()> {
    let mut sides = vec![mirror(root, None, &scratch.join("this-tree"), "this tree")?];
    for (index, rev) in options.against.iter().enumerate() {
        let dir = scratch.join(format!("against-{index}"));
        sides.push(mirror(root, Some(rev), &dir, rev)?);
    }
    if !options.no_published {
        sides.push(published(
            root,
            &scratch.join("published"),
            &options.published,
        )?);
    }
    let target = scratch.join("target");
    if options.own_only {
        own_only(&mut sides, &target, options.rounds.max(1))?;
        report(&sides, options.rounds.max(1));
        return remove(&target);
    }
    for round in 0..options.rounds.max(1) {
        // Alternate who goes first, so that a machine that speeds up or slows down weighs
        // on every side alike.
        let mut order: Vec<usize> = (0..sides.len()).collect();
        order.rotate_left(round % sides.len());
        for &index in &order {
            let side = &mut sides[index];
            eprintln!("round {}: {}", round + 1, side.name);
            round_of(side, &target)?;
        }
        for &index in &order {
            let side = &mut sides[index];
            if side.ours {
                eprintln!(
                    "round {}: {} (meetings app, one endpoint)",
                    round + 1,
                    side.name
                );
                app_round(side, &target, root, options)?;
            }
        }
    }
    report(&sides, options.rounds.max(1));
    Ok(())
}

/// zoom-api's own build and check for every side, in one target directory that holds every
/// side's dependencies (built once, first).
fn own_only(sides: &mut [Side], target: &Path, rounds: usize) -> Result<()> {
    remove(target)?;
    for side in sides.iter() {
        eprintln!("dependencies: {}", side.name);
        for verb in ["check", "build"] {
            cargo(&side.dir, target, &[verb, "-p", "zoom-api"], false)?;
        }
    }
    for round in 0..rounds {
        let mut order: Vec<usize> = (0..sides.len()).collect();
        order.rotate_left(round % sides.len());
        for &index in &order {
            let side = &mut sides[index];
            eprintln!("round {}: {}", round + 1, side.name);
            for (verb, own) in [
                ("check", &mut side.samples.own_check),
                ("build", &mut side.samples.own_build),
            ] {
                cargo(&side.dir, target, &["clean", "-p", "zoom-api"], false)?;
                own.push(cargo(&side.dir, target, &[verb, "-p", "zoom-api"], false)?);
            }
        }
    }
    Ok(())
}

/// Clean check and build of zoom-api, each whole and then zoom-api alone.
fn round_of(side: &mut Side, target: &Path) -> Result<()> {
    for (verb, whole, own) in [
        (
            "check",
            &mut side.samples.whole_check,
            &mut side.samples.own_check,
        ),
        (
            "build",
            &mut side.samples.whole_build,
            &mut side.samples.own_build,
        ),
    ] {
        remove(target)?;
        whole.push(cargo(&side.dir, target, &[verb, "-p", "zoom-api"], false)?);
        cargo(&side.dir, target, &["clean", "-p", "zoom-api"], false)?;
        own.push(cargo(&side.dir, target, &[verb, "-p", "zoom-api"], false)?);
    }
    remove(target)
}

/// The meetings-only application, clean; then zoom-api alone for it; then the rebuild after
/// one more endpoint.
fn app_round(side: &mut Side, target: &Path, root: &Path, options: &Options) -> Result<()> {
    remove(target)?;
    let samples = &mut side.samples;
    samples.app_build.push(cargo(
        &side.dir,
        target,
        &["build", "-p", "meetings-app"],
        false,
    )?);
    cargo(&side.dir, target, &["clean", "-p", "zoom-api"], false)?;
    samples.app_own.push(cargo(
        &side.dir,
        target,
        &["build", "-p", "meetings-app"],
        false,
    )?);
    // The same application as a new project has it: cargo's dev profile, no optimised
    // dependencies (this tree optimises them, which makes syn and every proc macro slower
    // to build).
    remove(target)?;
    samples.app_plain.push(cargo(
        &side.dir,
        target,
        &[&["build", "-p", "meetings-app"], PLAIN_DEV_PROFILE].concat(),
        false,
    )?);
    if side.name == "this tree" {
        let code = side.dir.join(CODE_FILE);
        let full = std::fs::read_to_string(&code)?;
        let fewer = without_endpoint(root, &options.endpoint)?;
        // Incremental first, as cargo builds a path dependency unless told otherwise; then
        // without, as `[profile.dev.package.zoom-api] incremental = false` has it.
        for (incremental, samples) in [
            (true, &mut samples.endpoint),
            (false, &mut samples.endpoint_plain),
        ] {
            std::fs::write(&code, &fewer)?;
            cargo(&side.dir, target, &["build", "-p", "zoom-api"], incremental)?;
            std::fs::write(&code, &full)?;
            samples.push(cargo(
                &side.dir,
                target,
                &["build", "-p", "zoom-api"],
                incremental,
            )?);
        }
    }
    remove(target)
}

/// `--config` arguments that put cargo's dev defaults back over this tree's
/// `[profile.dev.package."*"]`.
const PLAIN_DEV_PROFILE: &[&str] = &[
    "--config",
    "profile.dev.package.\"*\".opt-level=0",
    "--config",
    "profile.dev.package.\"*\".debug=true",
    "--config",
    "profile.dev.package.\"*\".debug-assertions=true",
    "--config",
    "profile.dev.package.\"*\".overflow-checks=true",
];

/// generated.rs as `cargo xtask generate` writes it without the item `origin`.
fn without_endpoint(root: &Path, origin: &str) -> Result<String> {
    let mut source = store::load(&root.join(ITEMS_DIR))?;
    let before = source.items.len();
    source.items.retain(|item| item.origin != origin);
    if source.items.len() == before {
        bail!("no item {origin} under {ITEMS_DIR}");
    }
    let conversion = zoom_convert::convert(&source)?;
    codegen::generate(&conversion.spec)
}

/// Runs cargo in `dir` with `target` as its target directory; the wall time.
fn cargo(dir: &Path, target: &Path, args: &[&str], incremental: bool) -> Result<Duration> {
    let started = Instant::now();
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .context("starting cargo")?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!(
            "cargo {} in {} failed:\n{}",
            args.join(" "),
            dir.display(),
            tail.join("\n")
        );
    }
    Ok(elapsed)
}

fn remove(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("removing {}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// This tree's `[profile.*]` sections, without those for single packages (which name
/// packages a scratch workspace does not have); `"*"` stays.
fn profiles(manifest: &str) -> String {
    let mut out = String::new();
    let mut keep = false;
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            keep = trimmed.starts_with("[profile.")
                && (!trimmed.contains(".package.") || trimmed.contains(".package.\"*\"]"));
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// This tree's workspace manifest with only zoom-api, zoom-ext and the meetings app as
/// members, and without the path dependencies it does not copy.
fn mirror_manifest(manifest: &str) -> Result<String> {
    let mut out = String::new();
    let mut lines = manifest.lines();
    let mut replaced = false;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("members") {
            // Skip to the closing bracket of the list.
            let mut current = line;
            while !current.contains(']') {
                current = lines.next().context("unterminated members list")?;
            }
            out.push_str(
                "members = [\"crates/zoom-api\", \"crates/zoom-ext\", \"meetings-app\"]\n",
            );
            replaced = true;
            continue;
        }
        let is_other_path = trimmed.contains("path = \"") && !trimmed.contains("path = \"crates/");
        let is_package_profile = trimmed.starts_with("[profile.")
            && trimmed.contains(".package.")
            && !trimmed.contains(".package.\"*\"]");
        if is_other_path {
            continue;
        }
        if is_package_profile {
            // Drop the section: up to the next header.
            for next in lines.by_ref() {
                if next.trim().is_empty() {
                    break;
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !replaced {
        bail!("the workspace manifest has no members list");
    }
    Ok(out)
}

/// A scratch copy of this tree's (or `rev`'s) zoom-api and zoom-ext in a workspace of their
/// own, with the meetings app.
fn mirror(root: &Path, rev: Option<&String>, dir: &Path, name: &str) -> Result<Side> {
    std::fs::create_dir_all(dir)?;
    let files = [
        "Cargo.toml",
        "Cargo.lock",
        "crates/zoom-api",
        "crates/zoom-ext",
    ];
    match rev {
        None => {
            for file in files {
                copy(&root.join(file), &dir.join(file))?;
            }
        }
        Some(rev) => {
            let archive = Command::new("git")
                .args(["archive", "--format=tar", rev])
                .args(files)
                .current_dir(root)
                .output()
                .context("running git archive")?;
            if !archive.status.success() {
                bail!(
                    "git archive {rev}: {}",
                    String::from_utf8_lossy(&archive.stderr)
                );
            }
            let mut tar = Command::new("tar")
                .arg("-x")
                .current_dir(dir)
                .stdin(Stdio::piped())
                .spawn()
                .context("running tar")?;
            std::io::Write::write_all(tar.stdin.as_mut().context("tar's stdin")?, &archive.stdout)?;
            if !tar.wait()?.success() {
                bail!("tar failed to unpack {rev}");
            }
        }
    }
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))?;
    std::fs::write(dir.join("Cargo.toml"), mirror_manifest(&manifest)?)?;
    std::fs::create_dir_all(dir.join("meetings-app/src"))?;
    std::fs::write(dir.join("meetings-app/Cargo.toml"), APP_MANIFEST)?;
    std::fs::write(dir.join("meetings-app/src/main.rs"), APP_MAIN)?;
    let lines = std::fs::read_to_string(dir.join(CODE_FILE))?
        .lines()
        .count();
    Ok(Side {
        name: name.to_owned(),
        dir: dir.to_path_buf(),
        ours: true,
        lines: Some(lines),
        samples: Samples::default(),
    })
}

/// A crate that depends on the published zoom-api, with this tree's profiles.
fn published(root: &Path, dir: &Path, version: &str) -> Result<Side> {
    std::fs::create_dir_all(dir)?;
    let profiles = profiles(&std::fs::read_to_string(root.join("Cargo.toml"))?);
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            r#"[package]
name = "published-zoom-api"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "lib.rs"

[dependencies]
zoom-api = "{version}"

[workspace]

{profiles}
# zoom-api as this tree builds its own: a workspace member, at cargo's dev defaults.
[profile.dev.package.zoom-api]
opt-level = 0
debug = true
debug-assertions = true
overflow-checks = true
"#
        ),
    )?;
    std::fs::write(dir.join("lib.rs"), "")?;
    Ok(Side {
        name: format!("zoom-api {version} (crates.io)"),
        dir: dir.to_path_buf(),
        ours: false,
        lines: None,
        samples: Samples::default(),
    })
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            if entry.file_name() == "target" {
                continue;
            }
            copy(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    }
    Ok(())
}

fn secs(samples: &[Duration]) -> String {
    if samples.is_empty() {
        return "-".to_owned();
    }
    let min = samples.iter().min().copied().unwrap_or_default();
    let max = samples.iter().max().copied().unwrap_or_default();
    format!(
        "{:.1} s ({:.1}-{:.1})",
        median(samples.to_vec()).as_secs_f64(),
        min.as_secs_f64(),
        max.as_secs_f64()
    )
}

/// One measure of every side.
type Column = fn(&Samples) -> &Vec<Duration>;

fn report(sides: &[Side], rounds: usize) {
    println!(
        "\nclean builds into empty target directories, {rounds} rounds in turns: median wall \
         time (min-max)"
    );
    let rows: [(&str, Column); 9] = [
        ("zoom-api own, build", |s| &s.own_build),
        ("zoom-api own, check", |s| &s.own_check),
        ("whole, build", |s| &s.whole_build),
        ("whole, check", |s| &s.whole_check),
        ("meetings app, build", |s| &s.app_build),
        ("zoom-api own, meetings", |s| &s.app_own),
        ("app, cargo's dev profile", |s| &s.app_plain),
        ("+1 endpoint rebuild", |s| &s.endpoint),
        ("+1 endpoint, not incr.", |s| &s.endpoint_plain),
    ];
    let width = 26;
    print!("{:<24}", "");
    for side in sides {
        print!(" {:>width$}", side.name);
    }
    // This tree's median over each other side's.
    for side in &sides[1..] {
        print!(" {:>14}", format!("/ {}", short(&side.name)));
    }
    println!();
    for (label, get) in rows {
        if sides.iter().all(|s| get(&s.samples).is_empty()) {
            continue;
        }
        print!("{label:<24}");
        for side in sides {
            print!(" {:>width$}", secs(get(&side.samples)));
        }
        let ours = get(&sides[0].samples);
        for side in &sides[1..] {
            let theirs = get(&side.samples);
            let ratio = if ours.is_empty() || theirs.is_empty() {
                "-".to_owned()
            } else {
                format!(
                    "{:.2}",
                    median(ours.clone()).as_secs_f64() / median(theirs.clone()).as_secs_f64()
                )
            };
            print!(" {ratio:>14}");
        }
        println!();
    }
    print!("{:<24}", "generated.rs lines");
    for side in sides {
        let lines = side.lines.map_or("-".to_owned(), |l| l.to_string());
        print!(" {lines:>width$}");
    }
    println!();
    println!("/ X: this tree's median over X's.");
}

/// A side's name for a column head: `zoom-api =0.10.0 (crates.io)` -> `=0.10.0`.
fn short(name: &str) -> &str {
    name.split_whitespace()
        .find(|w| w.starts_with('=') || w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .unwrap_or(name)
}
