//! "Get past meeting details", as in Zoom's docs page:
//! `ZOOM_ACCESS_TOKEN=... cargo run -p zoom-ext --example past_meeting -- MEETING_UUID`

mod common;

use std::process::ExitCode;

use zoom_ext::{Call, MeetingUuid};

#[tokio::main]
async fn main() -> ExitCode {
    common::run("past_meeting MEETING_UUID", |client, uuid| async move {
        let uuid = MeetingUuid::new(uuid);
        client
            .past_meeting_details()
            .meeting_uuid(&uuid)
            .call()
            .await
    })
    .await
}
