//! The command line of `cargo xtask`; the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::store::{self, Change};
use xtask::tools::{bench, compile, measure, synth};
use xtask::workspace::ITEMS_DIR;
use xtask::{Outcome, generate};

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
    /// Regenerate openapi/zoom.json and crates/zoom-api/src/generated.rs.
    Generate {
        /// Write nothing; fail if either generated file is stale.
        #[arg(long)]
        check: bool,
    },
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
        } => {
            let summary = store::import(
                &paths,
                &root.join(ITEMS_DIR),
                &store::Options { keep_existing },
            )?;
            for (change, file, identity) in &summary.items {
                println!("{change:<9} {ITEMS_DIR}/{file}  ({identity})");
            }
            println!(
                "import: {} added, {} replaced, {} unchanged, {} kept",
                summary.count(Change::Added),
                summary.count(Change::Replaced),
                summary.count(Change::Unchanged),
                summary.count(Change::Kept),
            );
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
        Command::Generate { check } => {
            let run = generate::run(&root, check)?;
            let report = &run.report;
            for (rule, operations) in &report.rules {
                println!(
                    "rule {:<28} {:>4} operations  ({})",
                    format!("{rule:?}"),
                    operations.len(),
                    rule.describe()
                );
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
            println!(
                "generate: {} items, {} operations, {} schemas ({} shared) in {} ms; {}",
                report.items,
                report.operations,
                report.schemas,
                report.shared_schemas,
                run.elapsed.as_millis(),
                files.join(", ")
            );
        }
    }
    Ok(())
}
