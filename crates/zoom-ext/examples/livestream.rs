//! "Get live stream details", as in Zoom's docs page:
//! `ZOOM_ACCESS_TOKEN=... cargo run -p zoom-ext --example livestream -- MEETING_ID`

mod common;

use std::process::ExitCode;

use zoom_ext::Call;

#[tokio::main]
async fn main() -> ExitCode {
    let Some(meeting_id) = std::env::args().nth(1) else {
        eprintln!("usage: livestream MEETING_ID");
        return ExitCode::from(2);
    };
    let client = match common::client() {
        Ok(client) => client,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    common::report(
        client
            .meeting_live_stream_details()
            .meeting_id(meeting_id)
            .call()
            .await,
    )
}
