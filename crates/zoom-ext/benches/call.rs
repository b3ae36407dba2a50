//! One typed call through zoom-api + zoom-ext against the same request made with plain
//! reqwest + serde_json into the same struct, both to a local keep-alive server.
//! `cargo bench -p zoom-ext --bench call`; criterion prints both and their throughput.

#[path = "../tests/common/server.rs"]
mod server;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zoom_api::types::PastMeetingDetailsResponse;
use zoom_ext::{AccessToken, Call, ClientBuilder, MeetingUuid};

const TOKEN: &str = "bench-token";

fn calls(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let base = runtime.block_on(server::start());
    let client = ClientBuilder::with_token(AccessToken::new(TOKEN))
        .base_url(Some(base.clone()))
        .build()
        .unwrap();
    // The same client settings and the same request on the wire as zoom-ext's, without the
    // generated layer.
    let plain = reqwest::Client::builder()
        .default_headers(reqwest::header::HeaderMap::from_iter([(
            reqwest::header::AUTHORIZATION,
            format!("Bearer {TOKEN}").parse().unwrap(),
        )]))
        .user_agent(concat!("zoom-rs/", env!("CARGO_PKG_VERSION")))
        .timeout(std::time::Duration::from_secs(30))
        .connect_timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap();
    let uuid = MeetingUuid::new("JbkqFkfqQ0e7+CZluSnc1g==");
    let url = format!("{base}/past_meetings/{}", uuid.as_str());

    let mut group = c.benchmark_group("past_meeting_details");
    group.throughput(Throughput::Elements(1));
    group.bench_function("zoom-api typed call", |b| {
        b.to_async(&runtime).iter(|| async {
            let meeting = client
                .past_meeting_details()
                .meeting_uuid(&uuid)
                .send()
                .await
                .unwrap();
            assert_eq!(meeting.into_inner().id, Some(535548971));
        })
    });
    group.bench_function("plain reqwest + serde_json", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = plain
                .get(&url)
                .header(reqwest::header::ACCEPT, "application/json")
                .header("api-version", "2.0.0")
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success());
            let bytes = response.bytes().await.unwrap();
            let meeting: PastMeetingDetailsResponse = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(meeting.id, Some(535548971));
        })
    });
    group.finish();
}

criterion_group!(benches, calls);
criterion_main!(benches);
