//! "Get live stream details", as in Zoom's docs page:
//! `ZOOM_ACCESS_TOKEN=... cargo run -p zoom-ext --example livestream -- MEETING_ID`, or with
//! `ZOOM_ACCOUNT_ID`, `ZOOM_CLIENT_ID` and `ZOOM_CLIENT_SECRET` (Server-to-Server OAuth).

mod common;

use std::process::ExitCode;

use zoom_ext::prelude::*;

#[tokio::main]
async fn main() -> ExitCode {
    common::run("livestream MEETING_ID", |client, meeting_id| async move {
        client
            .meeting_live_stream_details()
            .meeting_id(meeting_id)
            .send()
            .await
    })
    .await
}
