//! Postman auth settings and the `**Scopes:**` line -> OpenAPI security requirements.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{
    APIKeyLocation, AuthorizationCodeOAuth2Flow, OAuth2Flows, ReferenceOr, SecurityRequirement,
    SecurityScheme,
};

use super::flavor::Flavor;
use crate::model::postman::{Auth, CollectionMeta, Folder, Item};
use crate::vocabulary::{BEARER, OAUTH2};

const AUTHORIZATION_URL: &str = "https://zoom.us/oauth/authorize";
const TOKEN_URL: &str = "https://zoom.us/oauth/token";

/// Which schemes the operations use, and every scope they name.
#[derive(Debug, Default)]
pub struct SecurityUse {
    pub oauth2: bool,
    pub bearer: bool,
    pub scopes: BTreeSet<String>,
    /// An API key: where it goes (`header`, `query`) and under which name.
    pub api_key: Option<(String, String)>,
    /// `basic` or `digest`, HTTP's own schemes.
    pub http: BTreeSet<String>,
}

/// The scheme name of a Postman API key.
const API_KEY: &str = "apiKey";

/// Postman's other auth kinds that OpenAPI names, recorded in `used`: the requirement.
fn other_kind(auth: &Auth, used: &mut SecurityUse) -> Option<SecurityRequirement> {
    match auth.kind.as_str() {
        "apikey" => {
            used.api_key.get_or_insert_with(|| {
                (
                    auth.setting("in").unwrap_or_else(|| "header".to_owned()),
                    auth.setting("key")
                        .unwrap_or_else(|| "X-API-Key".to_owned()),
                )
            });
            Some(IndexMap::from([(API_KEY.to_owned(), Vec::new())]))
        }
        kind @ ("basic" | "digest") => {
            used.http.insert(kind.to_owned());
            Some(IndexMap::from([(kind.to_owned(), Vec::new())]))
        }
        _ => None,
    }
}

/// The auth that applies to an item: its own, else its nearest folder's, else the
/// collection's (Postman's inheritance).
pub fn effective_auth<'a>(
    item: &'a Item,
    folders: &'a [Folder],
    collection: &'a CollectionMeta,
) -> Option<&'a Auth> {
    item.request
        .auth
        .as_ref()
        .filter(|a| a.kind != "inherit")
        .or_else(|| folders.iter().rev().find_map(|f| f.auth.as_ref()))
        .or(collection.auth.as_ref())
}

/// The operation's security, or `None` where the document-wide default already says it.
pub fn operation_security(
    auth: Option<&Auth>,
    collection: &CollectionMeta,
    scopes: &[String],
    used: &mut SecurityUse,
) -> Option<Vec<SecurityRequirement>> {
    let kind = auth.map(|a| a.kind.as_str());
    let requirement = match kind {
        Some("noauth") => return Some(Vec::new()),
        Some(BEARER) if scopes.is_empty() => {
            used.bearer = true;
            IndexMap::from([(BEARER.to_owned(), Vec::new())])
        }
        // Scopes only mean something to OAuth; docs that list them name an OAuth operation.
        _ if !scopes.is_empty() || kind == Some(OAUTH2) => {
            used.oauth2 = true;
            used.scopes.extend(scopes.iter().cloned());
            IndexMap::from([(OAUTH2.to_owned(), scopes.to_vec())])
        }
        _ => other_kind(auth?, used)?,
    };
    let default = collection.auth.as_ref().map(|a| match a.kind.as_str() {
        "apikey" => API_KEY,
        other => other,
    });
    let is_default = requirement.values().all(Vec::is_empty)
        && requirement.keys().next().map(String::as_str) == default;
    (!is_default).then(|| vec![requirement])
}

/// The document-wide requirement from the collection's auth.
pub fn default_security(
    collection: &CollectionMeta,
    used: &mut SecurityUse,
) -> Option<Vec<SecurityRequirement>> {
    match collection.auth.as_ref().map(|a| a.kind.as_str()) {
        Some(OAUTH2) => {
            used.oauth2 = true;
            Some(vec![IndexMap::from([(OAUTH2.to_owned(), Vec::new())])])
        }
        Some(BEARER) => {
            used.bearer = true;
            Some(vec![IndexMap::from([(BEARER.to_owned(), Vec::new())])])
        }
        _ => other_kind(collection.auth.as_ref()?, used).map(|r| vec![r]),
    }
}

pub fn schemes(
    used: &SecurityUse,
    collection: &CollectionMeta,
    flavor: Flavor,
) -> IndexMap<String, ReferenceOr<SecurityScheme>> {
    let mut out = IndexMap::new();
    // Zoom's endpoints, or the ones the collection's own OAuth settings name.
    let (authorization_url, token_url, description) = match flavor {
        Flavor::Zoom => (
            AUTHORIZATION_URL.to_owned(),
            TOKEN_URL.to_owned(),
            "Zoom OAuth; each operation lists the scopes it needs.",
        ),
        Flavor::Generic => {
            let auth = collection.auth.as_ref().filter(|a| a.kind == OAUTH2);
            let setting = |name: &str| auth.and_then(|a| a.setting(name)).unwrap_or_default();
            (setting("authUrl"), setting("accessTokenUrl"), "OAuth 2.0")
        }
    };
    if used.oauth2 {
        out.insert(
            OAUTH2.to_owned(),
            ReferenceOr::Item(SecurityScheme::OAuth2 {
                flows: OAuth2Flows {
                    authorization_code: Some(AuthorizationCodeOAuth2Flow {
                        authorization_url,
                        token_url,
                        refresh_url: None,
                        scopes: used
                            .scopes
                            .iter()
                            .map(|s| (s.clone(), String::new()))
                            .collect(),
                        extensions: Default::default(),
                    }),
                    ..Default::default()
                },
                description: Some(description.to_owned()),
                extensions: Default::default(),
            }),
        );
    }
    if let Some((location, name)) = &used.api_key {
        out.insert(
            API_KEY.to_owned(),
            ReferenceOr::Item(SecurityScheme::APIKey {
                location: match location.as_str() {
                    "query" => APIKeyLocation::Query,
                    "cookie" => APIKeyLocation::Cookie,
                    _ => APIKeyLocation::Header,
                },
                name: name.clone(),
                description: None,
                extensions: Default::default(),
            }),
        );
    }
    for scheme in &used.http {
        out.insert(
            scheme.clone(),
            ReferenceOr::Item(SecurityScheme::HTTP {
                scheme: scheme.clone(),
                bearer_format: None,
                description: None,
                extensions: Default::default(),
            }),
        );
    }
    if used.bearer {
        out.insert(
            BEARER.to_owned(),
            ReferenceOr::Item(SecurityScheme::HTTP {
                scheme: "bearer".to_owned(),
                bearer_format: None,
                description: None,
                extensions: Default::default(),
            }),
        );
    }
    out
}
