//! Client secrets, refresh tokens and access tokens never appear in `Debug`, `Display`,
//! error text or logs of the token sources, even when the token endpoint echoes them.

#[path = "common/oauth.rs"]
mod oauth;

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use oauth::{CLIENT_ID, CLIENT_SECRET, Issuer};
use serde_json::json;
use wiremock::{Request, ResponseTemplate};
use zoom_ext::AccessToken;
use zoom_ext::auth::{
    OAuthOptions, RefreshToken, ServerToServerOAuth, StaticToken, TokenSource, UserOAuth, from_vars,
};

struct Capture(Mutex<String>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {} {}\n", record.level(), record.target(), record.args());
        self.0.lock().unwrap().push_str(&line);
    }
    fn flush(&self) {}
}

static LOGS: Capture = Capture(Mutex::new(String::new()));

const SECRETS: [&str; 6] = [
    CLIENT_SECRET,
    // The Basic credential, base64 of "client-id-1:client-secret-9f8e".
    "Y2xpZW50LWlkLTE6Y2xpZW50LXNlY3JldC05Zjhl",
    "at-secret",
    "rt-secret",
    "static-secret",
    "env-secret",
];

fn assert_clean(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows {secret}: {text}");
    }
}

fn shown(source: &dyn TokenSource) -> String {
    format!("{source:?} {source:#?}")
}

#[tokio::test]
async fn no_output_shows_a_secret() {
    log::set_logger(&LOGS).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    let mut texts = Vec::new();

    let mut issuer = Issuer::new(&[3600]);
    issuer.rotate = true;
    issuer.delay = Duration::ZERO;
    let granting = oauth::endpoint(issuer).await;
    // Refusals that quote what was sent, as some gateways do: the form and the header.
    let echoing = oauth::endpoint(|request: &Request| {
        let sent = format!(
            "{} {:?}",
            String::from_utf8_lossy(&request.body),
            request.headers.get("authorization")
        );
        ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "reason": format!("bad credentials in {sent} ({CLIENT_SECRET})"),
        }))
    })
    .await;
    let plain_echo = oauth::endpoint(
        ResponseTemplate::new(502).set_body_string(format!("<h1>{CLIENT_SECRET}</h1>")),
    )
    .await;

    for server in [&granting, &echoing, &plain_echo] {
        let s2s = ServerToServerOAuth::new(
            "account-7",
            CLIENT_ID,
            oauth::secret(),
            oauth::options(server),
        )
        .unwrap();
        let user = UserOAuth::new(
            CLIENT_ID,
            oauth::secret(),
            RefreshToken::new(oauth::refresh_token(0)),
            oauth::options(server),
        )
        .unwrap()
        .with_access_token(
            AccessToken::new("at-secret-held"),
            SystemTime::now() + Duration::from_secs(3600),
        )
        .on_refresh(|_| ());
        for source in [&s2s as &dyn TokenSource, &user] {
            texts.push(shown(source));
            let held = source.token().await;
            let refreshed = source.refresh(&AccessToken::new("at-secret-held")).await;
            texts.push(shown(source));
            for result in [held, refreshed] {
                match result {
                    Ok(token) => texts.push(format!("{token} {token:?}")),
                    Err(err) => texts.push(format!("{err} {err:?} {err:#?}")),
                }
            }
        }
    }

    let fixed = StaticToken::new(AccessToken::new("static-secret"));
    let err = fixed
        .refresh(&AccessToken::new("static-secret"))
        .await
        .unwrap_err();
    texts.push(format!("{} {err} {err:?}", shown(&fixed)));
    let from_env =
        from_vars(|name| (name == "ZOOM_ACCESS_TOKEN").then(|| "env-secret".to_owned())).unwrap();
    texts.push(shown(from_env.as_ref()));
    texts.push(format!("{:?}", OAuthOptions::default()));

    let refusals = texts
        .iter()
        .filter(|text| text.contains("invalid_client"))
        .count();
    assert!(refusals > 0, "no refusal was produced, so none was checked");
    for text in &texts {
        assert_clean("output", text);
    }
    let logs = LOGS.0.lock().unwrap().clone();
    assert!(
        !logs.is_empty(),
        "nothing was logged, so nothing was checked"
    );
    assert_clean("logs", &logs);
    // The secrets did go out, where they belong.
    assert!(!granting.received_requests().await.unwrap().is_empty());
}
