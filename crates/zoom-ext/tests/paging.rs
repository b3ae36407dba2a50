//! Paging with `next_page_token` against a real local server: three pages, the first
//! request's parameters resent with each token, an empty token ends the stream, and an error
//! mid-stream ends it with that error.

mod common;

use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::prelude::*;

/// Page `n` of contacts: two items, and the token of page `n + 1` (empty on the last).
fn page(n: usize, last: usize) -> ResponseTemplate {
    let token = if n < last {
        format!("token-{}", n + 1)
    } else {
        String::new()
    };
    ResponseTemplate::new(200).set_body_json(json!({
        "page_size": 2,
        "next_page_token": token,
        "contacts": [
            {"id": format!("c{n}a"), "email": format!("a{n}@example.com")},
            {"id": format!("c{n}b"), "email": format!("b{n}@example.com")}
        ]
    }))
}

async fn three_pages() -> MockServer {
    let server = MockServer::start().await;
    let contacts = || {
        Mock::given(method("GET"))
            .and(path("/chat/users/me/contacts"))
            .and(query_param("page_size", "2"))
            .and(query_param("type", "company"))
    };
    contacts()
        .and(query_param_is_missing("next_page_token"))
        .respond_with(page(1, 3))
        .mount(&server)
        .await;
    for n in 2..=3 {
        contacts()
            .and(query_param(
                "next_page_token",
                format!("token-{n}").as_str(),
            ))
            .respond_with(page(n, 3))
            .mount(&server)
            .await;
    }
    server
}

#[tokio::test]
async fn every_item_of_three_pages_resending_the_parameters() {
    let server = three_pages().await;
    let client = common::client(&server);
    let ids: Vec<String> = client
        .list_user_contacts()
        .page_size(2)
        .type_("company")
        .items()
        .map_ok(|contact| contact.id.unwrap_or_default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["c1a", "c1b", "c2a", "c2b", "c3a", "c3b"]);
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "page_size=2&type=company",
            "next_page_token=token-2&page_size=2&type=company",
            "next_page_token=token-3&page_size=2&type=company"
        ],
        "each page resends the parameters with the token of the page before"
    );
}

#[tokio::test]
async fn pages_stop_on_an_empty_token_and_can_be_taken_lazily() {
    let server = three_pages().await;
    let client = common::client(&server);
    let pages: Vec<_> = client
        .list_user_contacts()
        .page_size(2)
        .type_("company")
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[2].next_page_token.as_deref(), Some(""));
    let first = client
        .list_user_contacts()
        .page_size(2)
        .type_("company")
        .pages()
        .take(1)
        .count()
        .await;
    assert_eq!(first, 1);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        4,
        "take(1) fetched one page"
    );
}

#[tokio::test]
async fn an_error_mid_stream_ends_it_with_the_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("next_page_token"))
        .respond_with(page(1, 3))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("next_page_token", "token-2"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"code": 300, "message": "Invalid token"})),
        )
        .mount(&server)
        .await;
    let client = common::client(&server);
    let results: Vec<_> = client.list_user_contacts().items().collect().await;
    assert_eq!(results.len(), 3, "two items, then the error");
    assert!(results[0].is_ok() && results[1].is_ok());
    let error = results[2].as_ref().unwrap_err();
    assert_eq!(error.api().unwrap().code, Some(300));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_token_given_twice_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"next_page_token": "same", "contacts": [{"id": "x"}]})),
        )
        .mount(&server)
        .await;
    let client = common::client(&server);
    let items: Vec<_> = client
        .list_user_contacts()
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        items.len(),
        2,
        "the first page and the one after it, no loop"
    );
}
