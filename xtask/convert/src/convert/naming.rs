//! Operation names people can live with: snake_case from the item name, unique across the
//! API, qualified by the path where two items share a name, never numbered.

use std::collections::BTreeMap;

use crate::names::{singular, snake, words};

/// What naming needs to know about one operation.
#[derive(Debug, Clone)]
pub struct NameInput<'a> {
    pub name: &'a str,
    pub method: &'a str,
    /// Path segments without parameters (`/meetings/{meetingId}/livestream` -> meetings, livestream).
    pub static_segments: Vec<&'a str>,
    /// The name the name map keeps for it, if any.
    pub pinned: Option<&'a str>,
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
    // "user's" -> "user", "Q&A" -> "qa": possessives and ampersands join, not split.
    let joined = name
        .replace(['\'', '\u{2019}'], "\u{0}")
        .replace("\u{0}s ", " ")
        .replace(['\u{0}', '&'], "");
    let mut words: Vec<String> = words(&joined)
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

/// Whether `name` says what `base` says: `base`'s words, in order, perhaps qualified
/// (`list_user_meetings` says `list_meetings`).
pub fn says(name: &str, base: &str) -> bool {
    let mut words = name.split('_');
    base.split('_').all(|word| words.any(|w| w == word))
}

/// Unique names for all operations, in input order: the name map's where it has one, the
/// others made from the titles ([`titled_ids`]) without taking a kept name.
#[cfg(test)]
pub fn operation_ids(inputs: &[NameInput<'_>]) -> Vec<String> {
    with_pins(inputs, titled_ids(inputs))
}

/// The titles' names given to operations that the name map does not name, made unique
/// against the kept names: by method, then by the whole path, and numbered only when even
/// those clash (two kept names can take every qualified form).
pub fn with_pins(inputs: &[NameInput<'_>], titled: Vec<String>) -> Vec<String> {
    let mut names: Vec<String> = inputs
        .iter()
        .zip(titled)
        .map(|(input, titled)| input.pinned.map_or(titled, str::to_owned))
        .collect();
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for name in &names {
        *taken.entry(name.clone()).or_default() += 1;
    }
    for (index, input) in inputs.iter().enumerate() {
        if input.pinned.is_some() || taken[&names[index]] == 1 {
            continue;
        }
        let name = names[index].clone();
        let whole_path = input
            .static_segments
            .iter()
            .map(|s| snake(s))
            .collect::<Vec<_>>()
            .join("_");
        let method = input.method.to_ascii_lowercase();
        let free = [
            qualify(&name, &method),
            qualify(&name, &whole_path),
            qualify(&name, &format!("{method}_{whole_path}")),
        ]
        .into_iter()
        .chain((2..).map(|n| format!("{name}_{n}")))
        .find(|candidate| !taken.contains_key(candidate))
        .expect("numbers never run out");
        *taken.get_mut(&name).expect("counted") -= 1;
        taken.insert(free.clone(), 1);
        names[index] = free;
    }
    names
}

/// Unique names for all operations from their titles, in input order. Deterministic: the
/// same inputs give the same names whatever else changes, and a name only changes when
/// another item takes it too.
pub fn titled_ids(inputs: &[NameInput<'_>]) -> Vec<String> {
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
                    Strategy::PathSegment => differing_segment(&members, slot, &names[index]),
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

/// Up to two path segments of this member that some other member lacks, singular, leaving
/// out words the name already says.
fn differing_segment(members: &[&NameInput<'_>], slot: usize, name: &str) -> Option<String> {
    let said: String = name.split('_').collect();
    let words: Vec<String> = members[slot]
        .static_segments
        .iter()
        .filter(|segment| {
            members
                .iter()
                .enumerate()
                .any(|(other, m)| other != slot && !m.static_segments.contains(segment))
        })
        .map(|segment| {
            let word = snake(segment);
            singular(&word).unwrap_or(word)
        })
        .filter(|word| !said.contains(&word.replace('_', "")))
        .take(2)
        .collect();
    (!words.is_empty()).then(|| words.join("_"))
}

fn qualify(name: &str, qualifier: &str) -> String {
    match name.split_once('_') {
        Some((verb, rest)) if VERBS.contains(&verb) => format!("{verb}_{qualifier}_{rest}"),
        _ => format!("{qualifier}_{name}"),
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
            pinned: None,
        }
    }

    #[test]
    fn qualified_names_say_their_base() {
        assert!(says("list_user_meetings", "list_meetings"));
        assert!(says("meeting_live_stream_details", "live_stream_details"));
        assert!(!says("meeting", "meeting_details"));
        assert!(!says("details_meeting", "meeting_details"));
    }

    #[test]
    fn kept_names_win_and_new_ones_avoid_them() {
        let mut retitled = input("Get livestream details", "GET", &["meetings", "livestream"]);
        retitled.pinned = Some("meeting_live_stream_details");
        let mut channel = input("Get a channel", "GET", &["chat", "channels"]);
        channel.pinned = Some("channel");
        let inputs = [
            retitled,
            channel,
            // A new item whose title gives a kept name.
            input("Get a channel", "GET", &["im", "channels"]),
        ];
        assert_eq!(
            operation_ids(&inputs),
            ["meeting_live_stream_details", "channel", "im_channel"]
        );
        let mut kept = input("Get another thing", "GET", &["things"]);
        kept.pinned = Some("thing");
        let inputs = [kept, input("Get a thing", "GET", &["items"])];
        assert_eq!(operation_ids(&inputs), ["thing", "get_thing"]);
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
        assert_eq!(base_name("List user's channels"), "list_user_channels");
        assert_eq!(base_name("Get user’s IM messages"), "user_im_messages");
        assert_eq!(
            base_name("List Q&A of past webinar"),
            "list_qa_of_past_webinar"
        );
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
            input("Get a channel", "GET", &["chat", "channels"]),
            input("Get a channel", "GET", &["chat", "users", "channels"]),
            input("List Zoom Rooms", "GET", &["rooms"]),
            input("List Zoom Rooms", "GET", &["metrics", "zoomrooms"]),
            input(
                "Update registration questions",
                "PATCH",
                &["meetings", "recordings", "registrants", "questions"],
            ),
            input(
                "Update registration questions",
                "PATCH",
                &["meetings", "registrants", "questions"],
            ),
            input(
                "Update registration questions",
                "PATCH",
                &["webinars", "registrants", "questions"],
            ),
        ];
        assert_eq!(
            operation_ids(&inputs),
            [
                "meeting_live_stream_details",
                "webinar_live_stream_details",
                "list_user_meetings",
                "list_metrics_meetings",
                "past_meeting_details",
                "channel",
                "user_channel",
                "list_zoom_rooms",
                "list_metrics_zoom_rooms",
                "update_meeting_recording_registration_questions",
                "update_meeting_registration_questions",
                "update_webinar_registration_questions",
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
        let names = titled_ids(&twins);
        assert_eq!(
            names[0], names[1],
            "true duplicates are the caller's error to report"
        );
    }
}
