//! Command-line words: subcommand names, and path values given positionally.

use std::ffi::OsString;

use zoom_api::operations;

/// `past_meeting_details` -> `past-meeting-details`.
pub fn subcommand_name(operation_id: &str) -> String {
    operation_id.replace('_', "-")
}

/// progenitor names a path parameter's flag after the parameter (`{meetingUUID}` ->
/// `--meeting-uuid`); the same words as its setter.
fn flag(parameter: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = parameter.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let boundary = c.is_ascii_uppercase()
            && i > 0
            && (chars[i - 1].is_ascii_lowercase()
                || chars
                    .get(i + 1)
                    .is_some_and(|next| next.is_ascii_lowercase()));
        if boundary || (*c == '_' && !out.is_empty()) {
            out.push('-');
        }
        if *c != '_' {
            out.push(c.to_ascii_lowercase());
        }
    }
    format!("--{out}")
}

/// `zoom past-meeting-details UUID` means `zoom past-meeting-details --meeting-uuid UUID`:
/// values after the subcommand that are not flags fill its path parameters in order.
pub fn with_positional_path_values(argv: Vec<OsString>) -> Vec<OsString> {
    let Some(at) = argv.iter().position(|word| {
        let word = word.to_string_lossy();
        operations::ALL
            .iter()
            .any(|doc| subcommand_name(doc.id) == word)
    }) else {
        return argv;
    };
    let name = argv[at].to_string_lossy().into_owned();
    let Some(doc) = operations::ALL
        .iter()
        .find(|doc| subcommand_name(doc.id) == name)
    else {
        return argv;
    };
    let mut pending: Vec<String> = doc
        .path
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(flag)
        .collect();
    let given = |flag: &str| argv.iter().any(|word| word.to_string_lossy() == flag);
    pending.retain(|flag| !given(flag));
    let mut out: Vec<OsString> = argv[..=at].to_vec();
    let mut rest = argv[at + 1..].iter().peekable();
    let mut pending = pending.into_iter();
    while let Some(word) = rest.next() {
        let text = word.to_string_lossy();
        if text.starts_with("--") {
            out.push(word.clone());
            // A flag's value is the next word, unless it is a flag itself.
            if !text.contains('=')
                && let Some(value) = rest.next_if(|next| !next.to_string_lossy().starts_with("--"))
            {
                out.push(value.clone());
            }
        } else if let Some(flag) = pending.next() {
            out.push(flag.into());
            out.push(word.clone());
        } else {
            out.push(word.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn path_values_fill_the_path_parameters_in_order() {
        assert_eq!(flag("meetingUUID"), "--meeting-uuid");
        assert_eq!(flag("meetingId"), "--meeting-id");
        assert_eq!(flag("userId"), "--user-id");
        assert_eq!(
            with_positional_path_values(words("zoom past-meeting-details /ajXp112Qm==")),
            words("zoom past-meeting-details --meeting-uuid /ajXp112Qm==")
        );
        assert_eq!(
            with_positional_path_values(words("zoom past-meeting-details --meeting-uuid x")),
            words("zoom past-meeting-details --meeting-uuid x"),
            "a flag given stays"
        );
        assert_eq!(
            with_positional_path_values(words("zoom list-user-contacts --page-size 5 --all")),
            words("zoom list-user-contacts --page-size 5 --all")
        );
    }
}
