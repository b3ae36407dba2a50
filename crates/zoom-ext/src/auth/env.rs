//! Choosing a token source from environment variables.

use std::sync::Arc;

use super::error::ConfigError;
use super::options::OAuthOptions;
use super::secret::ClientSecret;
use super::{ServerToServerOAuth, StaticToken, TokenSource};
use crate::token::AccessToken;

const SERVER_TO_SERVER: [&str; 3] = ["ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET"];

/// [`from_vars`] over the process environment.
pub fn from_env() -> Result<Arc<dyn TokenSource>, ConfigError> {
    from_vars(|name| std::env::var(name).ok())
}

/// Server-to-Server OAuth when `ZOOM_ACCOUNT_ID`, `ZOOM_CLIENT_ID` and `ZOOM_CLIENT_SECRET`
/// are all set (against `ZOOM_OAUTH_TOKEN_URL` when that is set); otherwise
/// `ZOOM_ACCESS_TOKEN` as a [`StaticToken`]; otherwise an error naming the variables.
/// Empty values count as unset. `var` looks a variable up, so tests need not touch the
/// process environment.
pub fn from_vars(
    var: impl Fn(&str) -> Option<String>,
) -> Result<Arc<dyn TokenSource>, ConfigError> {
    let get = |name: &str| {
        var(name)
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    let [account_id, client_id, client_secret] = SERVER_TO_SERVER.map(get);
    if let (Some(account_id), Some(client_id), Some(client_secret)) =
        (&account_id, &client_id, &client_secret)
    {
        let mut options = OAuthOptions::default();
        if let Some(url) = get("ZOOM_OAUTH_TOKEN_URL") {
            options = options.token_url(url);
        }
        let source = ServerToServerOAuth::new(
            account_id,
            client_id,
            ClientSecret::new(client_secret),
            options,
        )?;
        return Ok(Arc::new(source));
    }
    if let Some(token) = get("ZOOM_ACCESS_TOKEN") {
        return Ok(Arc::new(StaticToken::new(AccessToken::new(token))));
    }
    let set = [&account_id, &client_id, &client_secret];
    let missing = if set.iter().any(|value| value.is_some()) {
        SERVER_TO_SERVER
            .into_iter()
            .zip(set)
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| name)
            .collect()
    } else {
        Vec::new()
    };
    Err(ConfigError::NoCredentials { missing })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn kind(source: &Arc<dyn TokenSource>) -> String {
        format!("{source:?}")
            .split([' ', '('])
            .next()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn complete_server_to_server_credentials_win() {
        let source = from_vars(vars(&[
            ("ZOOM_ACCOUNT_ID", "acc"),
            ("ZOOM_CLIENT_ID", "cid"),
            ("ZOOM_CLIENT_SECRET", "csecret-1"),
            ("ZOOM_ACCESS_TOKEN", "at-1"),
            ("ZOOM_OAUTH_TOKEN_URL", "http://127.0.0.1:1/oauth/token"),
        ]))
        .unwrap();
        let shown = format!("{source:?}");
        assert_eq!(kind(&source), "ServerToServerOAuth");
        assert!(shown.contains("http://127.0.0.1:1/oauth/token"), "{shown}");
        assert!(!shown.contains("csecret-1"), "{shown}");
    }

    #[test]
    fn an_access_token_is_the_fallback() {
        let source = from_vars(vars(&[
            ("ZOOM_ACCOUNT_ID", "acc"),
            ("ZOOM_CLIENT_SECRET", ""),
            ("ZOOM_ACCESS_TOKEN", " at-1 "),
        ]))
        .unwrap();
        assert_eq!(kind(&source), "StaticToken");
    }

    #[test]
    fn nothing_usable_names_the_variables() {
        let err = from_vars(vars(&[])).err().unwrap();
        assert_eq!(err, ConfigError::NoCredentials { missing: vec![] });
        let err = from_vars(vars(&[
            ("ZOOM_CLIENT_ID", "cid"),
            ("ZOOM_CLIENT_SECRET", "s"),
        ]))
        .err()
        .unwrap();
        assert_eq!(
            err,
            ConfigError::NoCredentials {
                missing: vec!["ZOOM_ACCOUNT_ID"]
            }
        );
        let err = from_vars(vars(&[
            ("ZOOM_ACCOUNT_ID", "a"),
            ("ZOOM_CLIENT_ID", "c"),
            ("ZOOM_CLIENT_SECRET", "s"),
            ("ZOOM_OAUTH_TOKEN_URL", "not a url"),
        ]))
        .err()
        .unwrap();
        assert_eq!(err, ConfigError::TokenUrl("not a url".into()));
    }
}
