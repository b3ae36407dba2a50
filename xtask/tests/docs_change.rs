//! When Zoom's docs change: the real binary imports another version, says what changed and
//! what breaks, keeps names, syncs, and treats one route as one operation.

mod common;

use std::fs;
use std::path::Path;

use common::{data, stderr, stdout, xtask};
use serde_json::{Value, json};

/// Runs xtask and asserts it succeeded; returns stdout.
fn ok(root: &Path, args: &[&str]) -> String {
    let output = xtask(root, args);
    assert!(
        output.status.success(),
        "xtask {args:?} failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

/// A scratch workspace with the small collection (9 real items of Zoom's) imported and
/// generated.
fn workspace() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    ok(
        root.path(),
        &["import", data("small_collection.json").to_str().unwrap()],
    );
    ok(root.path(), &["generate"]);
    root
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The small collection as JSON, to change by hand.
fn small_collection() -> Value {
    read_json(&data("small_collection.json"))
}

/// Writes `value` into the workspace as `name` and returns its path as text.
fn write(root: &Path, name: &str, value: &Value) -> String {
    let path = root.join(name);
    fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

/// Every item of a collection, depth first, mutably.
fn items_mut(collection: &mut Value) -> Vec<&mut Value> {
    fn walk<'a>(list: &'a mut Value, out: &mut Vec<&'a mut Value>) {
        for entry in list.as_array_mut().unwrap() {
            if entry.get("request").is_some() {
                out.push(entry);
            } else {
                walk(&mut entry["item"], out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&mut collection["item"], &mut out);
    out
}

fn item_named(collection: &mut Value, name: &str) -> Value {
    items_mut(collection)
        .into_iter()
        .find(|i| i["name"] == name)
        .unwrap()
        .clone()
}

/// Just the change report's lines, from "change report:" on, without import's last line.
fn report(printed: &str) -> String {
    let start = printed.find("change report:").expect("a change report");
    printed[start..]
        .lines()
        .filter(|l| !l.starts_with("import:") && !l.starts_with("generate:"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_seed_page_over_the_collections_version_changes_nothing_in_the_api() {
    // Zoom's own collection and the seed page differ only in a path variable's example
    // value, which the spec does not carry.
    let root = workspace();
    let printed = ok(
        root.path(),
        &[
            "import",
            data("seeds/past_meeting_details.txt").to_str().unwrap(),
        ],
    );
    assert!(
        printed.contains(
            "replaced  openapi/postman/past-meetings/meeting-uuid/get-past-meeting-details.json"
        ),
        "{printed}"
    );
    assert_eq!(report(&printed), "change report: no changes to the API\n");
}

#[test]
fn a_newer_page_reports_its_new_fields_and_description_as_non_breaking() {
    let root = tempfile::tempdir().unwrap();
    ok(
        root.path(),
        &[
            "import",
            data("docs_change/past_meeting_details_older.json")
                .to_str()
                .unwrap(),
        ],
    );
    ok(root.path(), &["generate"]);
    let printed = ok(
        root.path(),
        &[
            "import",
            data("seeds/past_meeting_details.txt").to_str().unwrap(),
        ],
    );
    let expected = "\
change report: 3 changes in 1 operations, none breaking for Rust callers
changed  GET /past_meetings/{meetingUUID}  (past_meeting_details)
    ok       description changed
    ok       response 200: `dept` added (string)
    ok       response 200: `source` added (string)
";
    assert_eq!(report(&printed), expected);
    // generate says the same, against the spec that was there before, and writes it.
    let printed = ok(root.path(), &["generate"]);
    assert_eq!(report(&printed), expected);
    let printed = ok(root.path(), &["generate"]);
    assert_eq!(report(&printed), "change report: no changes to the API\n");
}

#[test]
fn sync_removes_and_lists_what_the_new_docs_lack() {
    let root = workspace();
    let items = root.path().join("openapi/postman");
    let gone = items.join("past-meetings/meeting-uuid/get-meeting-archived-files.json");
    assert!(gone.exists());
    let mut newer = small_collection();
    let folder = &mut newer["item"][0]["item"][0]["item"];
    folder
        .as_array_mut()
        .unwrap()
        .retain(|i| i["name"] != "Get meeting archived files");
    let newer = write(root.path(), "newer.json", &newer);

    // Without --sync: listed, kept.
    let printed = ok(root.path(), &["import", &newer]);
    assert!(
        printed.contains("not in input, kept openapi/postman/past-meetings/meeting-uuid/get-meeting-archived-files.json  (GET /past_meetings/{meetingUUID}/archive_files)"),
        "{printed}"
    );
    assert!(gone.exists());

    let printed = ok(root.path(), &["import", "--sync", &newer]);
    assert!(
        printed.contains("removed   openapi/postman/past-meetings/meeting-uuid/get-meeting-archived-files.json  (GET /past_meetings/{meetingUUID}/archive_files)"),
        "{printed}"
    );
    assert!(printed.contains(", 1 removed, 0 skipped"), "{printed}");
    assert!(!gone.exists());
    assert!(
        printed.contains(
            "removed  GET /past_meetings/{meetingUUID}/archive_files  (meeting_archived_files)"
        ) && printed.contains("1 breaking for Rust callers"),
        "{printed}"
    );

    // A page alone is never the whole docs.
    let output = xtask(
        root.path(),
        &[
            "import",
            "--sync",
            data("seeds/past_meeting_details.txt").to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--sync takes the collections"));

    // A folder whose every item is gone goes too.
    let mut fewer = small_collection();
    fewer["item"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["name"] != "meetings/{meeting Id}");
    let fewer = write(root.path(), "fewer.json", &fewer);
    let printed = ok(root.path(), &["import", "--sync", &fewer]);
    assert!(printed.contains(", 3 removed, 0 skipped"), "{printed}");
    assert!(!items.join("meetings-meeting-id").exists());
}

#[test]
fn another_variable_name_is_the_same_route_and_keeps_its_setter() {
    let root = workspace();
    let mut collection = small_collection();
    let mut item = item_named(&mut collection, "Get past meeting details");
    let url = &mut item["request"]["url"];
    url["raw"] = "{{baseUrl}}/past_meetings/:meetingId".into();
    url["path"] = json!(["past_meetings", ":meetingId"]);
    url["variable"][0]["key"] = "meetingId".into();
    let item = write(root.path(), "item.json", &item);
    let printed = ok(root.path(), &["import", &item]);
    assert!(
        printed.contains(
            "same route GET /past_meetings/{meetingId} taken as GET /past_meetings/{meetingUUID}"
        ),
        "{printed}"
    );
    assert!(printed.contains("1 replaced"), "{printed}");
    let printed = ok(root.path(), &["generate"]);
    assert!(
        printed.contains(
            "variables kept: GET /past_meetings/{meetingId} as GET /past_meetings/{meetingUUID}"
        ),
        "{printed}"
    );
    assert_eq!(report(&printed), "change report: no changes to the API\n");
    let code = fs::read_to_string(root.path().join("crates/zoom-api/src/generated.rs")).unwrap();
    assert!(code.contains("pub fn meeting_uuid<V>"));
}

#[test]
fn two_stored_files_for_one_route_are_named_before_progenitor_runs() {
    let root = workspace();
    let items = root.path().join("openapi/postman");
    let original = items.join("past-meetings/meeting-uuid/get-past-meeting-details.json");
    let text = fs::read_to_string(&original)
        .unwrap()
        .replace(":meetingUUID", ":meetingId")
        .replace("\"meetingUUID\"", "\"meetingId\"");
    fs::write(items.join("past-meetings/copy.json"), text).unwrap();
    let output = xtask(root.path(), &["generate"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("past-meetings/copy.json (item 'Get past meeting details')")
            && message.contains("past-meetings/meeting-uuid/get-past-meeting-details.json")
            && message.contains("same operation"),
        "{message}"
    );
}

#[test]
fn two_operations_given_one_name_are_named_by_file_before_progenitor_runs() {
    let root = workspace();
    let names_file = root.path().join("openapi/names.json");
    let mut names = read_json(&names_file);
    names["operations"]["GET /past_meetings/{meetingUUID}/participants"] =
        "past_meeting_details".into();
    fs::write(&names_file, serde_json::to_string(&names).unwrap()).unwrap();
    let output = xtask(root.path(), &["generate"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("get-past-meeting-details.json and past-meetings/meeting-uuid/get-past-meeting-participants.json would both generate the client method `past_meeting_details`"),
        "{message}"
    );
}

#[test]
fn a_retitled_page_keeps_its_method_name() {
    let root = workspace();
    let mut collection = small_collection();
    let mut item = item_named(&mut collection, "Get past meeting details");
    item["name"] = "Get details of a past meeting".into();
    let item = write(root.path(), "item.json", &item);
    let printed = ok(root.path(), &["import", &item]);
    assert!(
        printed.contains(
            "replaced  openapi/postman/past-meetings/meeting-uuid/get-past-meeting-details.json"
        ),
        "a retitled item keeps its file: {printed}"
    );
    let printed = ok(root.path(), &["generate"]);
    assert!(
        printed.contains("name kept past_meeting_details for GET /past_meetings/{meetingUUID} (its title now gives details_of_past_meeting;"),
        "{printed}"
    );
    assert_eq!(
        report(&printed),
        "change report: 1 changes in 1 operations, none breaking for Rust callers\n\
         changed  GET /past_meetings/{meetingUUID}  (past_meeting_details)\n    ok       summary changed\n"
    );
    // A rename happens on purpose only, and the report shows it.
    let printed = ok(
        root.path(),
        &["generate", "--rename", "past_meeting_details=past_meeting"],
    );
    assert!(
        printed.contains("BREAKING renamed: `past_meeting_details` -> `past_meeting`"),
        "{printed}"
    );
    let names = read_json(&root.path().join("openapi/names.json"));
    assert_eq!(
        names["operations"]["GET /past_meetings/{meetingUUID}"],
        "past_meeting"
    );
    assert_eq!(
        names["types"]["PastMeetingResponse"], "PastMeetingDetailsResponse",
        "its types keep their names"
    );
}

/// Type names of the spec at `root`.
fn type_names(root: &Path) -> Vec<String> {
    read_json(&root.join("openapi/zoom.json"))["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn adding_one_item_renames_nothing_else() {
    let root = workspace();
    let names_before = read_json(&root.path().join("openapi/names.json"));
    let types_before = type_names(root.path());
    // A new item whose list of `participants` holds another shape: from titles alone, the
    // existing `Participant` type would have to be qualified.
    let item = json!({
        "name": "List thing participants",
        "request": {"method": "GET", "url": "{{baseUrl}}/things/:thingId/participants"},
        "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": "{\"participants\": [{\"badge\": \"x\", \"level\": 3}]}"}]
    });
    assert!(types_before.contains(&"Participant".to_owned()));
    let item = write(root.path(), "item.json", &item);
    ok(root.path(), &["import", &item]);
    let printed = ok(root.path(), &["generate"]);
    assert!(!printed.contains("type renamed"), "{printed}");
    let names_after = read_json(&root.path().join("openapi/names.json"));
    for kind in ["operations", "types"] {
        for (key, name) in names_before[kind].as_object().unwrap() {
            assert_eq!(&names_after[kind][key], name, "{kind} {key}");
        }
    }
    let types_after = type_names(root.path());
    assert!(types_before.iter().all(|t| types_after.contains(t)));
    assert_eq!(types_after.len(), types_before.len() + 2, "{types_after:?}");
    assert!(
        report(&printed).starts_with("change report: 1 changes in 1 operations, none breaking")
    );

    // Without the name map, the titles alone would have renamed an unrelated type.
    fs::remove_file(root.path().join("openapi/names.json")).unwrap();
    let fresh = xtask::generate::render(root.path()).unwrap();
    let spec: Value = serde_json::from_str(&fresh.spec).unwrap();
    let fresh_types: Vec<&String> = spec["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert!(
        types_before.iter().any(|t| !fresh_types.contains(&t)),
        "the test no longer provokes a rename"
    );
}

#[test]
fn diff_compares_any_two_specs() {
    let dir = tempfile::tempdir().unwrap();
    let spec = |fields: Value| {
        json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/things": {"get": {
            "operationId": "things",
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": fields}}}}}
        }}}})
    };
    let old = write(
        dir.path(),
        "old.json",
        &spec(json!({"a": {"type": "string"}})),
    );
    let added = write(
        dir.path(),
        "added.json",
        &spec(json!({"a": {"type": "string"}, "b": {"type": "integer"}})),
    );
    let removed = write(dir.path(), "removed.json", &spec(json!({})));
    let output = xtask(
        dir.path(),
        &[
            "diff",
            &old,
            &added,
            "--format",
            "markdown",
            "--fail-on-breaking",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("| `GET /things` `things` | response 200: `b` added (integer) | no |"),
        "{}",
        stdout(&output)
    );
    let output = xtask(dir.path(), &["diff", &old, &removed, "--fail-on-breaking"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("BREAKING response 200: `a` removed"));
    assert!(stderr(&output).contains("1 changes break Rust callers"));
}
