//! The command line of `cargo xtask`; the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use xtask::store::{self, Change};
use xtask::tools::{bench, compile, measure, synth, vendor};
use xtask::workspace::{ITEMS_DIR, NAMES_FILE};
use xtask::{Outcome, diff, generate};

// Converting and generating build and drop millions of small nodes; mimalloc does that in
// about half the time of the system allocator (measured with `cargo xtask bench`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// zoom-rs build tasks.
#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    /// The workspace to work in (default: the one the current directory is in).
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import Postman items, collections or Zoom docs pages into openapi/postman/.
    Import {
        /// Item JSON, collection JSON or docs page files. Later ones win over earlier ones.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Leave items that already exist as they are instead of replacing them.
        #[arg(long)]
        keep_existing: bool,
        /// These files are now the whole of the docs: remove stored items they lack.
        #[arg(long)]
        sync: bool,
        /// Fail, writing nothing, if any item cannot be imported (for CI).
        #[arg(long)]
        strict: bool,
    },
    /// Convert Postman collections, items or docs pages to an OpenAPI 3.0.3 spec, without
    /// storing items or generating code.
    Convert {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write the spec here instead of to stdout.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Time each generate stage, and `convert` against postman2openapi when installed.
    Bench {
        /// Runs per measurement; medians are printed.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// The collection to convert (default: ../shared/corpus/zoom-api.postman_collection.json).
        #[arg(long)]
        collection: Option<PathBuf>,
        /// Compile times instead: this tree's zoom-api against the published crate.
        #[arg(long)]
        compile: bool,
        #[command(flatten)]
        compile_options: compile::Options,
    },
    /// Copy zoom-api, zoom-ext and zoom-mock into DIR of another workspace, with manifests
    /// that need nothing from this one.
    Vendor {
        /// Where the crates go, side by side (e.g. `../my-app/vendor`).
        dir: PathBuf,
    },
    /// Write a synthetic collection of N items, cloned from a real one, for growth benchmarks.
    Synth {
        /// The collection to clone items from.
        collection: PathBuf,
        /// How many items the result holds.
        #[arg(long)]
        items: usize,
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Run a command and print its wall time (µs) and peak memory (KiB): used by `bench`.
    #[command(hide = true)]
    MeasureProcess {
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        command: Vec<std::ffi::OsString>,
    },
    /// Regenerate openapi/zoom.json, openapi/names.json and crates/zoom-api/src/generated.rs.
    Generate {
        /// Write nothing; fail if a generated file is stale.
        #[arg(long)]
        check: bool,
        /// Fail if any item cannot be generated (for CI).
        #[arg(long)]
        strict: bool,
        /// Rename an operation or type on purpose in openapi/names.json: OLD=NEW.
        #[arg(long, value_name = "OLD=NEW", value_parser = parse_rename)]
        rename: Vec<(String, String)>,
    },
    /// The change report between two OpenAPI specs: what changed, what breaks a Rust caller.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Exit non-zero when a change breaks a Rust caller.
        #[arg(long)]
        fail_on_breaking: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
}

fn parse_rename(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((old, new)) if !old.is_empty() && !new.is_empty() => {
            Ok((old.to_owned(), new.to_owned()))
        }
        _ => Err("expected OLD=NEW".to_owned()),
    }
}

fn main() -> ExitCode {
    xtask::codegen::install_panic_hook();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let root = match cli.root {
        Some(root) => root,
        None if matches!(cli.command, Command::MeasureProcess { .. }) => PathBuf::new(),
        None => xtask::workspace::root()?,
    };
    match cli.command {
        Command::Import {
            paths,
            keep_existing,
            sync,
            strict,
        } => {
            let started = std::time::Instant::now();
            let summary = store::import(
                &paths,
                &root.join(ITEMS_DIR),
                &store::Options {
                    keep_existing,
                    sync,
                    strict,
                },
            )?;
            print_import(&summary);
            // The items are stored: a report that cannot be made is said, not an error.
            match generate::preview(&root) {
                Ok((report, changes)) => {
                    print_names(&report);
                    print!("{}", changes.text());
                }
                Err(err) => println!("change report unavailable: {err:#}"),
            }
            println!(
                "import: {} ms; run `cargo xtask generate` to write the spec and the client",
                started.elapsed().as_millis()
            );
        }
        Command::Diff {
            old,
            new,
            format,
            fail_on_breaking,
        } => {
            let read = |path: &PathBuf| -> anyhow::Result<serde_json::Value> {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("{}: cannot read", path.display()))?;
                serde_json::from_str(&text)
                    .with_context(|| format!("{}: not a JSON OpenAPI spec", path.display()))
            };
            let report = diff::diff(&read(&old)?, &read(&new)?);
            print!(
                "{}",
                match format {
                    Format::Text => report.text(),
                    Format::Markdown => report.markdown(),
                }
            );
            if fail_on_breaking && report.breaking() > 0 {
                bail!(
                    "{} changes break Rust callers (--fail-on-breaking)",
                    report.breaking()
                );
            }
        }
        Command::Bench {
            compile: true,
            compile_options,
            ..
        } => compile::run(&root, &compile_options)?,
        Command::Bench {
            runs, collection, ..
        } => {
            let collection = collection
                .unwrap_or_else(|| root.join("../shared/corpus/zoom-api.postman_collection.json"));
            bench::run(&root, &bench::Options { runs, collection })?;
        }
        Command::MeasureProcess { command } => measure::measure_process(&command)?,
        Command::Vendor { dir } => {
            for copy in vendor::vendor(&root, &dir)? {
                println!("vendored {}", copy.display());
            }
            println!(
                "vendor: add these paths to your workspace's `members`, then depend on them with \
                 `zoom-api = {{ path = \"{}/zoom-api\" }}` (and zoom-ext, zoom-mock alike)",
                dir.display()
            );
        }
        Command::Synth {
            collection,
            items,
            output,
        } => {
            let text = std::fs::read_to_string(&collection)?;
            let source: serde_json::Value = serde_json::from_str(&text)?;
            let synthetic = synth::synthesize(&source, items)?;
            xtask::write_atomic(&output, &serde_json::to_string_pretty(&synthetic)?)?;
        }
        Command::Convert { paths, output } => {
            let inputs = paths
                .iter()
                .map(|path| store::read_file(path))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let source = zoom_convert::model::read::to_source(inputs)?;
            let conversion = zoom_convert::convert(&source)?;
            // Stdout may be the spec itself: what was left out, and the rules applied, go
            // to stderr, each skipped item with its file, item and reason.
            for skipped in &conversion.report.skipped {
                eprintln!("skipped   {}", skipped.message);
            }
            for (rule, operations) in &conversion.report.rules {
                eprintln!(
                    "rule {:<28} {:>4} operations  ({})",
                    format!("{rule:?}"),
                    operations.len(),
                    rule.describe()
                );
            }
            match output {
                Some(path) => {
                    xtask::write_atomic_with(&path, |out| conversion.write_json(out))?;
                }
                None => {
                    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                    conversion.write_json(&mut out)?;
                    std::io::Write::flush(&mut out)?;
                }
            }
        }
        Command::Generate {
            check,
            strict,
            rename,
        } => {
            let run = generate::run(
                &root,
                &generate::Options {
                    check,
                    strict,
                    renames: rename,
                },
            )?;
            let report = &run.report;
            for (rule, operations) in &report.rules {
                println!(
                    "rule {:<28} {:>4} operations  ({})",
                    format!("{rule:?}"),
                    operations.len(),
                    rule.describe()
                );
            }
            for applied in &report.overrides {
                println!("  override {applied}");
            }
            let files: Vec<String> = run
                .files
                .iter()
                .map(|(file, outcome)| {
                    let what = match (outcome, check) {
                        (_, true) => "up to date",
                        (Outcome::Unchanged, false) => "unchanged",
                        (Outcome::Written, false) => "written",
                    };
                    format!("{file} {what}")
                })
                .collect();
            for skipped in &report.skipped {
                println!("skipped   {}", skipped.message);
            }
            print_names(report);
            print!("{}", run.changes.text());
            println!(
                "generate: {} items, {} operations, {} skipped, {} schemas ({} shared) in {} ms; {}",
                report.items,
                report.operations,
                report.skipped.len(),
                report.schemas,
                report.shared_schemas,
                run.elapsed.as_millis(),
                files.join(", ")
            );
        }
    }
    Ok(())
}

fn print_import(summary: &store::Summary) {
    for entry in &summary.items {
        let file = format!("{ITEMS_DIR}/{}", entry.file);
        match entry.change {
            // Listed only where the input claims to be the docs (a collection, or --sync).
            Change::Missing if !summary.had_collection => {}
            Change::Moved => println!(
                "{:<9} {file}  ({}) from {ITEMS_DIR}/{}",
                entry.change,
                entry.identity,
                entry.from.as_deref().unwrap_or_default()
            ),
            change => println!("{change:<9} {file}  ({})", entry.identity),
        }
    }
    for (incoming, stored) in &summary.same_route {
        println!("same route {incoming} taken as {stored}");
    }
    for skipped in &summary.skipped {
        println!("skipped   {}", skipped.message);
    }
    println!(
        "import: {} added, {} replaced, {} moved, {} unchanged, {} kept, {} not in the input (kept), {} removed, {} skipped",
        summary.count(Change::Added),
        summary.count(Change::Replaced),
        summary.count(Change::Moved),
        summary.count(Change::Unchanged),
        summary.count(Change::Kept),
        summary.count(Change::Missing),
        summary.count(Change::Removed),
        summary.skipped.len(),
    );
}

/// What the name map kept: titles that would now give another name, path variables kept.
fn print_names(report: &zoom_convert::Report) {
    let names = &report.names;
    for (identity, kept, titled) in &names.kept {
        println!(
            "name kept {kept} for {identity} (its title now gives {titled}; `cargo xtask generate --rename {kept}={titled}` to take it)"
        );
    }
    for (written, kept) in &names.variables_kept {
        println!("variables kept: {written} as {kept}");
    }
    for (old, new, why) in &names.renamed_types {
        println!("type renamed {old} -> {new}: {why}");
    }
    if names.operations_added + names.types_added > 0 {
        println!(
            "{NAMES_FILE}: {} operation and {} type names added",
            names.operations_added, names.types_added
        );
    }
}
