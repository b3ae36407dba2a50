//! What both seed programs do around their one call: sign in (and find the base URL) from
//! the environment, print the body as pretty JSON and the status; on a failure print the
//! response headers and the decoded Zoom error, and exit non-zero.

use std::process::ExitCode;

use serde::Serialize;
use zoom_api::ResponseValue;
use zoom_ext::{ClientBuilder, ZoomError};

/// Reads the one argument, builds the client, makes the call and reports it: what both
/// seed programs do.
pub async fn run<T, F>(usage: &str, call: impl FnOnce(zoom_api::Client, String) -> F) -> ExitCode
where
    T: Serialize,
    F: Future<Output = Result<ResponseValue<T>, ZoomError>>,
{
    let Some(argument) = std::env::args().nth(1) else {
        eprintln!("usage: {usage}");
        return ExitCode::from(2);
    };
    match client() {
        Ok(client) => report(call(client, argument).await),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

/// Signs in from the environment: Server-to-Server OAuth (`ZOOM_ACCOUNT_ID`,
/// `ZOOM_CLIENT_ID`, `ZOOM_CLIENT_SECRET`, optionally `ZOOM_OAUTH_TOKEN_URL`) or a fixed
/// `ZOOM_ACCESS_TOKEN`; `ZOOM_BASE_URL` for another API root.
fn client() -> Result<zoom_api::Client, String> {
    ClientBuilder::from_env()
        .map_err(|e| e.to_string())?
        .build()
        .map_err(|e| e.to_string())
}

fn report<T: Serialize>(result: Result<ResponseValue<T>, ZoomError>) -> ExitCode {
    match result {
        Ok(response) => {
            let status = response.status();
            println!("Response Body:");
            println!(
                "{}",
                serde_json::to_string_pretty(response.as_ref()).unwrap_or_default()
            );
            println!("Response Status Code = {}", status.as_u16());
            ExitCode::SUCCESS
        }
        Err(ZoomError::Api(api)) => {
            println!("Response Body:");
            match serde_json::from_slice::<serde_json::Value>(&api.body) {
                Ok(json) => println!(
                    "{}",
                    serde_json::to_string_pretty(&json).unwrap_or_default()
                ),
                Err(_) => println!("{}", String::from_utf8_lossy(&api.body)),
            }
            println!("Response Status Code = {}", api.status.as_u16());
            println!("Response Header:");
            for (name, value) in &api.headers {
                println!("{name}: {}", value.to_str().unwrap_or("<binary>"));
            }
            println!("Failed.");
            eprintln!("error: {api}");
            ExitCode::FAILURE
        }
        Err(other) => {
            eprintln!("error: {other}");
            ExitCode::FAILURE
        }
    }
}
