//! 10 000 calls, 256 at a time, through one shared client against a local server: every call
//! succeeds and the process's memory stays flat.
//!
//! The server is a bare hyper one: wiremock keeps every matched request (for its
//! verifications) even with recording off, about 5 KiB a call, which would be the server's
//! growth, not the client's.

mod common;
#[path = "common/server.rs"]
mod server;

use std::time::Instant;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use zoom_ext::AccessToken;
use zoom_ext::prelude::*;

fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}

async fn batch(client: &zoom_api::Client, calls: usize, concurrency: usize) -> usize {
    let uuid = MeetingUuid::new("JbkqFkfqQ0e7+CZluSnc1g==");
    let mut pending = FuturesUnordered::new();
    let mut ok = 0;
    let mut started = 0;
    while started < calls || !pending.is_empty() {
        while started < calls && pending.len() < concurrency {
            pending.push(client.past_meeting_details().meeting_uuid(&uuid).send());
            started += 1;
        }
        if let Some(result) = pending.next().await {
            let response = result.expect("every call succeeds");
            assert_eq!(response.into_inner().id, Some(535548971));
            ok += 1;
        }
    }
    ok
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_256_at_a_time_with_flat_memory() {
    let client = ClientBuilder::with_token(AccessToken::new(common::TOKEN))
        .base_url(Some(server::start().await))
        .build()
        .unwrap();

    // The first 10 000 calls fill the connection pool, the allocator's arenas and the
    // server's buffers; the next rounds of 10 000 must not need more memory.
    let mut rounds = Vec::new();
    for _ in 0..4 {
        let started = Instant::now();
        assert_eq!(batch(&client, 10_000, 256).await, 10_000);
        rounds.push((resident_kib(), started.elapsed()));
    }
    for (round, (rss, elapsed)) in rounds.iter().enumerate() {
        println!(
            "load: round {round}: 10000/10000 calls ok, 256 in flight, RSS {rss} KiB, {elapsed:?}"
        );
    }
    let settled = rounds[1].0;
    let last = rounds[3].0;
    let growth = last.saturating_sub(settled);
    // Flat: 20 000 more calls after warm-up; a leak of even 1 KiB per call would be 20 MiB.
    assert!(
        growth < 4 * 1024,
        "memory grew by {growth} KiB over 20 000 calls after warm-up"
    );
}
