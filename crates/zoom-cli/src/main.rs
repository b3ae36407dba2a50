//! `zoom`: every Zoom API operation as a subcommand, with Zoom's docs as its `--help`.
//!
//! ```text
//! zoom past-meeting-details '/ajXp112QmuoKj4854875=='
//! zoom list-user-contacts --page-size 50 --all
//! zoom --help
//! ```
//!
//! Signs in from the environment as zoom-ext does (Server-to-Server OAuth from
//! `ZOOM_ACCOUNT_ID`, `ZOOM_CLIENT_ID`, `ZOOM_CLIENT_SECRET`, else `ZOOM_ACCESS_TOKEN`;
//! `ZOOM_BASE_URL` for another API root). Prints JSON; a failed call prints Zoom's decoded
//! error on stderr and exits 1; bad usage exits 2.

mod args;
#[allow(clippy::all, dead_code, unused_imports, unused_variables)]
#[rustfmt::skip]
mod generated;
mod output;

use std::process::ExitCode;

use generated::{Cli, CliCommand};
use output::Json;

fn command() -> clap::Command {
    clap::Command::new("zoom")
        .about("Every Zoom API operation as a subcommand; signs in from ZOOM_* variables")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommands(CliCommand::iter().map(|operation| {
            Cli::<Json>::get_command(operation)
                .name(args::subcommand_name(operation.operation_id()))
        }))
}

#[tokio::main]
async fn main() -> ExitCode {
    let argv = args::with_positional_path_values(std::env::args_os().collect());
    let matches = match command().try_get_matches_from(argv) {
        Ok(matches) => matches,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let Some((name, sub)) = matches.subcommand() else {
        return ExitCode::from(2);
    };
    let Some(operation) =
        CliCommand::iter().find(|op| args::subcommand_name(op.operation_id()) == name)
    else {
        return ExitCode::from(2);
    };
    let client = match zoom_ext::ClientBuilder::from_env().map(|builder| builder.build()) {
        Ok(Ok(client)) => client,
        Ok(Err(error)) => return usage_error(&error),
        Err(error) => return usage_error(&error),
    };
    match Cli::new(client, Json).execute(operation, sub).await {
        Ok(()) => ExitCode::SUCCESS,
        // The failure is printed already (`Json::failure`) when Zoom's error is the cause.
        Err(error) if error.downcast_ref::<zoom_ext::ZoomError>().is_some() => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(2)
}
