//! "Get past meeting details", as in Zoom's docs page:
//! `ZOOM_ACCESS_TOKEN=... cargo run -p zoom-ext --example past_meeting -- MEETING_UUID`, or
//! with `ZOOM_ACCOUNT_ID`, `ZOOM_CLIENT_ID` and `ZOOM_CLIENT_SECRET` (Server-to-Server OAuth).

mod common;

use std::process::ExitCode;

use zoom_ext::prelude::*;

#[tokio::main]
async fn main() -> ExitCode {
    common::run("past_meeting MEETING_UUID", |client, uuid| async move {
        client
            .past_meeting_details()
            .meeting_uuid(uuid)
            .send()
            .await
    })
    .await
}
