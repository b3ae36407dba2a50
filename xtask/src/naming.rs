//! Operation names people can live with: snake_case from the item name, unique across the
//! API, qualified by the path where two items share a name, never numbered.

use std::collections::BTreeMap;

/// What naming needs to know about one operation.
#[derive(Debug, Clone)]
pub struct NameInput<'a> {
    pub name: &'a str,
    pub method: &'a str,
    /// Path segments without parameters (`/meetings/{meetingId}/livestream` -> meetings, livestream).
    pub static_segments: Vec<&'a str>,
}

/// Words that start an action; a qualifier goes after them (`list_user_meetings`).
const VERBS: &[&str] = &[
    "add",
    "assign",
    "batch",
    "cancel",
    "change",
    "check",
    "create",
    "delete",
    "download",
    "end",
    "enable",
    "list",
    "manage",
    "perform",
    "recover",
    "register",
    "remove",
    "revoke",
    "search",
    "send",
    "set",
    "start",
    "subscribe",
    "switch",
    "unassign",
    "update",
    "upload",
    "use",
];

/// `Get past meeting details` -> `past_meeting_details`; `Create a meeting` -> `create_meeting`.
/// A leading "get" goes, as Rust getters drop it (API guidelines, C-GETTER); so do articles.
pub fn base_name(name: &str) -> String {
    let mut words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .filter(|w| !matches!(w.as_str(), "a" | "an" | "the"))
        .collect();
    if words.len() > 1 && words[0] == "get" {
        words.remove(0);
    }
    if words.is_empty() {
        return "operation".to_owned();
    }
    let joined = words.join("_");
    if joined.starts_with(|c: char| c.is_ascii_digit()) {
        format!("op_{joined}")
    } else {
        joined
    }
}

/// Unique names for all operations, in input order. Deterministic: the same inputs give the
/// same names whatever else changes, and a name only changes when another item takes it too.
pub fn operation_ids(inputs: &[NameInput<'_>]) -> Vec<String> {
    let mut names: Vec<String> = inputs.iter().map(|i| base_name(i.name)).collect();
    // Qualify by the path segment where clashing operations differ; then by method; then
    // by the whole static path, which is unique unless method and path repeat too.
    for strategy in [Strategy::PathSegment, Strategy::Method, Strategy::WholePath] {
        let clashes = clash_groups(&names);
        if clashes.is_empty() {
            break;
        }
        for group in clashes {
            let members: Vec<&NameInput<'_>> = group.iter().map(|&i| &inputs[i]).collect();
            for (slot, &index) in group.iter().enumerate() {
                let qualifier = match strategy {
                    Strategy::PathSegment => differing_segment(&members, slot),
                    Strategy::Method => Some(inputs[index].method.to_ascii_lowercase()),
                    Strategy::WholePath => Some(
                        inputs[index]
                            .static_segments
                            .iter()
                            .map(|s| snake(s))
                            .collect::<Vec<_>>()
                            .join("_"),
                    ),
                };
                if let Some(qualifier) = qualifier.filter(|q| !q.is_empty()) {
                    names[index] = qualify(&names[index], &qualifier);
                }
            }
        }
    }
    names
}

#[derive(Clone, Copy)]
enum Strategy {
    PathSegment,
    Method,
    WholePath,
}

fn clash_groups(names: &[String]) -> Vec<Vec<usize>> {
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, name) in names.iter().enumerate() {
        by_name.entry(name).or_default().push(index);
    }
    by_name.into_values().filter(|g| g.len() > 1).collect()
}

/// The first static path segment where this member differs from the others, singular.
fn differing_segment(members: &[&NameInput<'_>], slot: usize) -> Option<String> {
    let longest = members.iter().map(|m| m.static_segments.len()).max()?;
    (0..longest).find_map(|position| {
        let mine = members[slot].static_segments.get(position);
        let differs = members
            .iter()
            .enumerate()
            .any(|(other, m)| other != slot && m.static_segments.get(position) != mine);
        differs.then(|| mine.map(|s| singular(&snake(s)))).flatten()
    })
}

fn qualify(name: &str, qualifier: &str) -> String {
    if name.split('_').any(|word| word == qualifier) && !name.starts_with(qualifier) {
        // Already says it ("list_meetings" + "meeting" would repeat); put it in front.
        return format!("{qualifier}_{name}");
    }
    match name.split_once('_') {
        Some((verb, rest)) if VERBS.contains(&verb) => format!("{verb}_{qualifier}_{rest}"),
        _ => format!("{qualifier}_{name}"),
    }
}

fn snake(segment: &str) -> String {
    segment
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}

fn singular(word: &str) -> String {
    if word.ends_with("ss") || word.ends_with("ics") || word.len() <= 3 {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_owned()
    } else {
        word.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(name: &'a str, method: &'a str, segments: &[&'a str]) -> NameInput<'a> {
        NameInput {
            name,
            method,
            static_segments: segments.to_vec(),
        }
    }

    #[test]
    fn base_names_drop_get_and_articles() {
        assert_eq!(
            base_name("Get past meeting details"),
            "past_meeting_details"
        );
        assert_eq!(base_name("Get live stream details"), "live_stream_details");
        assert_eq!(base_name("Create a meeting"), "create_meeting");
        assert_eq!(
            base_name("Get sharing/recording details"),
            "sharing_recording_details"
        );
        assert_eq!(
            base_name("Delete a H.323/SIP device"),
            "delete_h_323_sip_device"
        );
        assert_eq!(base_name("Get"), "get");
        assert_eq!(base_name("2FA status"), "op_2fa_status");
        assert_eq!(base_name("¿?"), "operation");
    }

    #[test]
    fn clashing_names_are_qualified_by_where_their_paths_differ() {
        let inputs = [
            input(
                "Get live stream details",
                "GET",
                &["meetings", "livestream"],
            ),
            input(
                "Get live stream details",
                "GET",
                &["webinars", "livestream"],
            ),
            input("List meetings", "GET", &["users", "meetings"]),
            input("List meetings", "GET", &["metrics", "meetings"]),
            input("Get past meeting details", "GET", &["past_meetings"]),
        ];
        assert_eq!(
            operation_ids(&inputs),
            [
                "meeting_live_stream_details",
                "webinar_live_stream_details",
                "list_user_meetings",
                "list_metrics_meetings",
                "past_meeting_details",
            ]
        );
    }

    #[test]
    fn same_path_clashes_fall_back_to_the_method_then_the_path() {
        let inputs = [
            input("Thing", "GET", &["things"]),
            input("Thing", "PATCH", &["things"]),
        ];
        assert_eq!(operation_ids(&inputs), ["get_thing", "patch_thing"]);
        let twins = [input("Thing", "GET", &["a"]), input("Thing", "GET", &["a"])];
        let names = operation_ids(&twins);
        assert_eq!(
            names[0], names[1],
            "true duplicates are the caller's error to report"
        );
    }
}
