//! "Get past meeting details", as in Zoom's docs page:
//! `ZOOM_ACCESS_TOKEN=... cargo run -p zoom-ext --example past_meeting -- MEETING_UUID`

mod common;

use std::process::ExitCode;

use zoom_ext::{Call, MeetingUuid};

#[tokio::main]
async fn main() -> ExitCode {
    let Some(uuid) = std::env::args().nth(1) else {
        eprintln!("usage: past_meeting MEETING_UUID");
        return ExitCode::from(2);
    };
    let client = match common::client() {
        Ok(client) => client,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let uuid = MeetingUuid::new(uuid);
    common::report(
        client
            .past_meeting_details()
            .meeting_uuid(&uuid)
            .call()
            .await,
    )
}
