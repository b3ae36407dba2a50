//! How names are made from Zoom's titles and paths: one word rule, one slug, one singular.
//! File names (`slug`), tags and operation names (`snake`) and type names (`type_name`) are
//! all built from [`words`].

use heck::ToUpperCamelCase;

/// The lower-case ASCII words of `text`: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// `meetings/{meeting Id}` -> `meetings_meeting_id`.
pub fn snake(text: &str) -> String {
    words(text).collect::<Vec<_>>().join("_")
}

/// A tag (and Cargo feature) from a top folder's name: `meetings/{meeting Id}` ->
/// `meetings`, `Past meetings` -> `past_meetings`.
pub fn tag(folder: &str) -> String {
    let tag = snake(folder.split('/').next().unwrap_or(folder));
    if tag.is_empty() {
        "default".to_owned()
    } else {
        tag
    }
}

/// A file-name-safe form of a name: lower-case ASCII letters, digits and dashes, at most 80
/// characters, never empty, never `.`/`..`, never a name Windows reserves.
pub fn slug(name: &str, fallback: &str) -> String {
    let joined = words(name).collect::<Vec<_>>().join("-");
    let mut out: String = joined.chars().take(80).collect();
    out.truncate(out.trim_end_matches('-').len());
    if out.is_empty() {
        return if name.is_empty() {
            fallback.to_owned()
        } else {
            format!("{fallback}-{:08x}", fnv1a(name.as_bytes()))
        };
    }
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&out.as_str()) {
        out.push('-');
        out.push_str(fallback);
    }
    out
}

/// A stable 32-bit hash for names that have no ASCII letters to show.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193)
    })
}

/// The singular of an English plural (`recording_files` -> `recording_file`, `RecordingFiles`
/// -> `RecordingFile`, `properties` -> `property`), or `None` when `word` does not end like
/// one: `status`, `class`, `analytics`, `data`.
pub fn singular(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = word.strip_suffix("ies") {
        Some(format!("{stem}y"))
    } else if lower.ends_with("sses") {
        Some(word[..word.len() - 2].to_owned())
    } else if lower.ends_with('s')
        && !["ss", "us", "is", "os", "ics"]
            .iter()
            .any(|end| lower.ends_with(end))
    {
        Some(word[..word.len() - 1].to_owned())
    } else {
        None
    }
}

/// A Rust-friendly type name fragment for a JSON key (`meeting_uuid` -> `MeetingUuid`).
pub fn type_name(key: &str) -> String {
    let name = key.to_upper_camel_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("Get past meeting details", "item"),
            "get-past-meeting-details"
        );
        assert_eq!(
            slug("meetings/{meeting Id}", "folder"),
            "meetings-meeting-id"
        );
        assert_eq!(slug("../../etc/passwd", "item"), "etc-passwd");
        assert_eq!(slug("..", "item").len(), "item-".len() + 8);
        assert_eq!(slug("a\0b", "item"), "a-b");
        assert_eq!(slug("CON", "item"), "con-item");
        assert_eq!(slug("", "folder"), "folder");
        assert_eq!(slug("日本", "item"), slug("日本", "item"));
        assert_ne!(slug("日本", "item"), slug("中国", "item"));
        assert_eq!(slug(&"ab ".repeat(40), "item").len(), 80);
    }

    #[test]
    fn tags_and_snake_case() {
        assert_eq!(tag("meetings/{meeting Id}"), "meetings");
        assert_eq!(tag("Past meetings"), "past_meetings");
        assert_eq!(tag("{}"), "default");
        assert_eq!(snake("H.323 Devices"), "h_323_devices");
    }

    #[test]
    fn singular_of_plurals_only() {
        assert_eq!(singular("RecordingFiles").as_deref(), Some("RecordingFile"));
        assert_eq!(singular("properties").as_deref(), Some("property"));
        assert_eq!(singular("addresses").as_deref(), Some("address"));
        assert_eq!(singular("meetings").as_deref(), Some("meeting"));
        for word in [
            "status",
            "class",
            "analytics",
            "data",
            "Data",
            "basis",
            "Photos",
        ] {
            assert_eq!(singular(word), None, "{word}");
        }
    }

    #[test]
    fn type_names_are_rust_friendly() {
        assert_eq!(type_name("meeting_uuid"), "MeetingUuid");
        assert_eq!(type_name("3rd_party"), "N3rdParty");
        assert_eq!(type_name("description "), "Description");
    }
}
