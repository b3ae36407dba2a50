//! `openapi/overrides.json` through the real binary: applied by `generate` and listed with
//! the rules, kept when items are imported again, and refused with a message naming the
//! override once it points at an operation or field the items no longer have.

mod common;

use std::fs;
use std::path::Path;

use common::{seeded_workspace, seeds, stderr, stdout, xtask};
use serde_json::{Value, json};

const PAST: &str = "GET /past_meetings/{meetingUUID}";

fn write_overrides(root: &Path, entries: Value) {
    fs::write(
        root.join("openapi/overrides.json"),
        serde_json::to_string_pretty(&json!({ "overrides": entries })).unwrap(),
    )
    .unwrap();
}

fn duration_override(path: &str) -> Value {
    json!([{
        "operation": PAST,
        "path": path,
        "type": "number",
        "why": "Zoom sends fractions of a minute for this field (test)."
    }])
}

/// The schema of `field` in the past meeting details response.
fn past_meeting_field(root: &Path, field: &str) -> Value {
    let spec: Value =
        serde_json::from_str(&fs::read_to_string(root.join("openapi/zoom.json")).unwrap()).unwrap();
    let media = &spec["paths"]["/past_meetings/{meetingUUID}"]["get"]["responses"]["200"]["content"]
        ["application/json"];
    let name = media["schema"]["$ref"]
        .as_str()
        .unwrap()
        .trim_start_matches("#/components/schemas/");
    spec["components"]["schemas"][name]["properties"][field].clone()
}

#[test]
fn an_override_is_applied_listed_and_survives_reimport() {
    let workspace = seeded_workspace();
    let root = workspace.path();
    let generated = xtask(root, &["generate"]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert_eq!(
        past_meeting_field(root, "duration"),
        json!({"type": "integer", "format": "int64"})
    );

    write_overrides(root, duration_override("/duration"));
    let overrides = fs::read(root.join("openapi/overrides.json")).unwrap();
    let generated = xtask(root, &["generate"]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    let printed = stdout(&generated);
    assert!(
        printed.contains("rule Override                        1 operations"),
        "{printed}"
    );
    assert!(
        printed.contains("  override GET /past_meetings/{meetingUUID} /duration: number"),
        "{printed}"
    );
    let number = json!({"type": "number", "format": "double"});
    assert_eq!(past_meeting_field(root, "duration"), number);

    // Importing the items again, as they are and as a newer page, leaves the overrides be.
    for page in [seeds()[0].clone(), {
        let newer = root.join("newer.txt");
        let text = fs::read_to_string(&seeds()[0]).unwrap();
        fs::write(
            &newer,
            text.replace("Meeting details returned.", "Details."),
        )
        .unwrap();
        newer
    }] {
        let imported = xtask(root, &["import", page.to_str().unwrap()]);
        assert!(imported.status.success(), "{}", stderr(&imported));
        assert_eq!(
            fs::read(root.join("openapi/overrides.json")).unwrap(),
            overrides
        );
        let generated = xtask(root, &["generate"]);
        assert!(generated.status.success(), "{}", stderr(&generated));
        assert!(stdout(&generated).contains("rule Override"));
        assert_eq!(past_meeting_field(root, "duration"), number);
    }
    assert!(
        stdout(&xtask(root, &["generate", "--check"])).contains("up to date"),
        "--check applies the overrides too"
    );
}

#[test]
fn a_stale_override_is_refused_naming_it() {
    let workspace = seeded_workspace();
    let root = workspace.path();
    let generated = xtask(root, &["generate"]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    let spec = fs::read(root.join("openapi/zoom.json")).unwrap();

    write_overrides(root, duration_override("/durations"));
    let refused = xtask(root, &["generate"]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(
        message.contains(
            "openapi/overrides.json: override 1 (GET /past_meetings/{meetingUUID} /durations): the success response has no field `durations` at its top (it has uuid, id, host_id,"
        ),
        "{message}"
    );
    assert!(message.contains("fix or remove the override"), "{message}");
    assert_eq!(
        fs::read(root.join("openapi/zoom.json")).unwrap(),
        spec,
        "nothing is written"
    );

    let mut gone = duration_override("/duration");
    gone[0]["operation"] = json!("GET /past_meetings/{meetingId}");
    write_overrides(root, gone);
    let message = stderr(&xtask(root, &["generate"]));
    assert!(
        message.contains(
            "openapi/overrides.json: override 1 (GET /past_meetings/{meetingId} /duration): no item is that operation any more"
        ),
        "{message}"
    );

    let mut no_why = duration_override("/duration");
    no_why[0]["why"] = json!("");
    write_overrides(root, no_why);
    let message = stderr(&xtask(root, &["generate"]));
    assert!(message.contains("says nothing in \"why\""), "{message}");
}
