//! Whose docs a collection is. Zoom's export carries conventions that mean nothing in another
//! API's collection: error codes written as statuses and in response names, `**Scopes:**`
//! lines, rate-limit labels, double-encoded meeting UUIDs, Zoom's OAuth endpoints and error
//! body, `next_page_token` paging. They are applied only to Zoom's own collection, so that a
//! GitHub or Fastly export converts as what it is.

use crate::model::{Source, Target};

/// The host every Zoom API URL is on.
const ZOOM_HOST: &str = "zoom.us";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Zoom's own API docs.
    Zoom,
    /// Any other collection: only what Postman's format itself says.
    Generic,
}

impl Flavor {
    /// Zoom's unless the input shows another API (a name, a host, a URL in a variable), and
    /// always when it says it is Zoom's: a variable's value (`baseUrl`) or a request's
    /// host is on `zoom.us`, or the collection's name begins with Zoom (a docs page's
    /// settings are "Zoom API").
    pub fn of(source: &Source, targets: &[Target]) -> Flavor {
        let on_zoom = |text: &str| text.to_ascii_lowercase().contains(ZOOM_HOST);
        let collection = &source.collection;
        let zoom = collection
            .variable
            .iter()
            .filter_map(|v| v.text())
            .any(|value| on_zoom(&value))
            || collection
                .info()
                .name
                .as_deref()
                .is_some_and(|name| name.trim().to_ascii_lowercase().starts_with("zoom"))
            || targets
                .iter()
                .filter_map(|t| t.base.as_deref())
                .any(on_zoom);
        // Items alone, their hosts only variables without values (a Zoom item file or
        // page saved without its collection): the API this workspace is for.
        let elsewhere = collection
            .info()
            .name
            .as_deref()
            .is_some_and(|name| !name.trim().is_empty())
            || targets
                .iter()
                .filter_map(|t| t.base.as_deref())
                .any(|base| !base.trim_start().starts_with("{{"))
            || collection
                .variable
                .iter()
                .filter_map(|v| v.text())
                .any(|value| value.contains("://"));
        if zoom || !elsewhere {
            Flavor::Zoom
        } else {
            Flavor::Generic
        }
    }

    pub fn is_zoom(self) -> bool {
        self == Flavor::Zoom
    }
}
