//! The name map (`openapi/names.json`): the Rust names the API already has, so that they stay
//! when Zoom retitles a page or an unrelated item changes.
//!
//! Zoom's titles are not stable: a newer version of the docs renamed 12 operations and, through
//! the titles, 147 types. Names are therefore made once (from the title, as
//! [`crate::names`] says) and then kept:
//!
//! - `operations`: `GET /past_meetings/{meetingUUID}` -> `past_meeting_details`. Keyed by method
//!   and path; the key's path also keeps the path variables' names (the builder's setters), so
//!   a version that writes `{meetingId}` keeps `meeting_uuid()`. Matched by route
//!   ([`crate::model::target::route`]): variable names do not take part.
//! - `types`: where a schema was found -> its type name. A place is the operation's type
//!   prefix (itself kept by `operations`) and the properties and list items down to the shape:
//!   `ListRecordingsResponse.Meeting.RecordingFile`. Every place a shape is found is listed,
//!   so a shared type keeps its name whichever of its places is looked at.
//!
//! Conversion reads the map and returns it updated ([`crate::Conversion::names`]): new
//! operations and types are added, names of what is gone are dropped, nothing is renamed.
//! A rename happens on purpose only: edit the map (or `cargo xtask generate --rename`).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::model::target::route;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameMap {
    /// `METHOD /path/{variable}` -> operation name.
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
    /// Where a schema is found -> type name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
}

impl NameMap {
    /// Reads `names.json`; `label` names it in errors.
    pub fn from_json(label: &str, text: &str) -> Result<NameMap> {
        let map: NameMap = serde_json::from_str(text)
            .with_context(|| format!("{label}: not a name map ({{\"operations\", \"types\"}})"))?;
        map.check(label)?;
        Ok(map)
    }

    /// As checked in: pretty JSON, sorted, with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("maps of strings serialize");
        text.push('\n');
        text
    }

    /// Names must be Rust names, and a route can have one entry only. (Two routes given one
    /// name are refused by `generate` before progenitor runs, naming both item files.)
    pub fn check(&self, label: &str) -> Result<()> {
        let mut by_route: BTreeMap<String, &str> = BTreeMap::new();
        for (key, name) in &self.operations {
            if !is_identifier(name) {
                bail!("{label}: operation name '{name}' of {key} is not a snake_case Rust name");
            }
            if let Some(other) = by_route.insert(route(key), key) {
                bail!("{label}: {other} and {key} are the same route");
            }
        }
        for (key, name) in &self.types {
            if !name.starts_with(|c: char| c.is_ascii_uppercase())
                || !name.chars().all(|c| c.is_ascii_alphanumeric())
            {
                bail!("{label}: type name '{name}' of {key} is not a CamelCase Rust name");
            }
        }
        Ok(())
    }

    /// Route -> (key, name) of the operations.
    pub fn operations_by_route(&self) -> HashMap<String, (&str, &str)> {
        self.operations
            .iter()
            .map(|(key, name)| (route(key), (key.as_str(), name.as_str())))
            .collect()
    }

    /// Renames operation or type `old` to `new` in the map, on purpose. Returns what was
    /// renamed (`operation` or `type`).
    pub fn rename(&mut self, old: &str, new: &str) -> Result<&'static str> {
        let is_operation = self.operations.values().any(|n| n == old);
        let is_type = self.types.values().any(|n| n == old);
        match (is_operation, is_type) {
            (true, _) => {
                if !is_identifier(new) {
                    bail!("'{new}' is not a snake_case Rust name");
                }
                if self.operations.values().any(|n| n == new) {
                    bail!("an operation is already named '{new}'");
                }
                self.operations
                    .values_mut()
                    .filter(|n| *n == old)
                    .for_each(|n| *n = new.to_owned());
                // The operation's types keep their names: their places move to the new
                // prefix.
                let (old_prefix, new_prefix) =
                    (crate::names::type_name(old), crate::names::type_name(new));
                self.types = std::mem::take(&mut self.types)
                    .into_iter()
                    .map(|(key, name)| match key.strip_prefix(&old_prefix) {
                        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => {
                            (format!("{new_prefix}{rest}"), name)
                        }
                        _ => (key, name),
                    })
                    .collect();
                Ok("operation")
            }
            (false, true) => {
                if !new.starts_with(|c: char| c.is_ascii_uppercase())
                    || !new.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    bail!("'{new}' is not a CamelCase Rust name");
                }
                if self.types.values().any(|n| n == new) {
                    bail!("a type is already named '{new}'");
                }
                self.types
                    .values_mut()
                    .filter(|n| *n == old)
                    .for_each(|n| *n = new.to_owned());
                Ok("type")
            }
            (false, false) => bail!("no operation or type is named '{old}' in the name map"),
        }
    }
}

fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What conversion did with the name map.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct NameNotes {
    /// Operations newly named.
    pub operations_added: usize,
    /// Types newly named.
    pub types_added: usize,
    /// (identity, kept name, the name its title gives now): a retitled page kept its name.
    pub kept: Vec<(String, String, String)>,
    /// (identity as the docs write it, as kept): path variables that kept their names.
    pub variables_kept: Vec<(String, String)>,
    /// (old name, new name, why): type renames that could not be avoided.
    pub renamed_types: Vec<(String, String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_checks_and_renames() {
        let mut map = NameMap::from_json(
            "names.json",
            r#"{"operations": {"GET /past_meetings/{meetingUUID}": "past_meeting_details"},
                "types": {"PastMeetingDetailsResponse": "PastMeetingDetailsResponse"}}"#,
        )
        .unwrap();
        assert_eq!(
            map.operations_by_route()["GET /past_meetings/{}"],
            ("GET /past_meetings/{meetingUUID}", "past_meeting_details")
        );
        assert_eq!(
            map.rename("past_meeting_details", "past_meeting").unwrap(),
            "operation"
        );
        assert_eq!(
            map.types["PastMeetingResponse"], "PastMeetingDetailsResponse",
            "the types keep their names, at their new places"
        );
        assert_eq!(
            map.rename("PastMeetingDetailsResponse", "PastMeeting")
                .unwrap(),
            "type"
        );
        assert!(map.rename("nothing", "x").is_err());
        assert_eq!(NameMap::from_json("n", &map.to_json()).unwrap(), map);

        let err = NameMap::from_json(
            "names.json",
            r#"{"operations": {"GET /a/{x}": "a", "GET /a/{y}": "b"}}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("same route"), "{err}");
        let err =
            NameMap::from_json("names.json", r#"{"operations": {"GET /a": "A-b"}}"#).unwrap_err();
        assert!(err.to_string().contains("not a snake_case"), "{err}");
    }
}
