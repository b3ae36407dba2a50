//! `cargo xtask import`: pages, items and collections in, one file per item out.

mod common;

use std::fs;

use common::{data, seeds, stderr, stdout, tree, xtask};
use xtask::store::{Change, Options, import};

const REPLACE: Options = Options {
    keep_existing: false,
    sync: false,
    strict: false,
};

#[test]
fn seed_pages_import_once_and_reimport_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let output = xtask(
        root.path(),
        &[
            "import",
            seeds()[0].to_str().unwrap(),
            seeds()[1].to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(
        printed.contains("added     openapi/postman/past-meetings/get-past-meeting-details.json"),
        "{printed}"
    );
    assert!(
        printed.contains("import: 2 added, 0 replaced, 0 moved, 0 unchanged, 0 kept"),
        "{printed}"
    );
    let items = root.path().join("openapi/postman");
    let before = tree(&items);
    assert_eq!(
        before
            .keys()
            .map(|p| p.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .len(),
        3,
        "two items and the collection settings"
    );
    let collection: serde_json::Value =
        serde_json::from_slice(&before[std::path::Path::new("_collection.json")]).unwrap();
    assert_eq!(
        collection["variable"][0]["value"], "https://api.zoom.us/v2",
        "base URL read off the page"
    );

    let again = xtask(
        root.path(),
        &[
            "import",
            seeds()[0].to_str().unwrap(),
            seeds()[1].to_str().unwrap(),
        ],
    );
    assert!(
        stdout(&again).contains("import: 0 added, 0 replaced, 0 moved, 2 unchanged, 0 kept"),
        "{}",
        stdout(&again)
    );
    assert_eq!(tree(&items), before);
}

#[test]
fn a_newer_version_of_an_item_replaces_it() {
    let root = tempfile::tempdir().unwrap();
    let items = root.path().join("openapi/postman");
    import(&seeds(), &items, &REPLACE).unwrap();
    let page = fs::read_to_string(&seeds()[1]).unwrap();
    let newer = root.path().join("newer.txt");
    fs::write(
        &newer,
        page.replace(
            "Live Stream details returned.",
            "Live stream details returned (v2).",
        ),
    )
    .unwrap();
    let summary = import(std::slice::from_ref(&newer), &items, &REPLACE).unwrap();
    assert_eq!(summary.items[0].change, Change::Replaced);
    let stored = fs::read_to_string(items.join("meetings/get-live-stream-details.json")).unwrap();
    assert!(stored.contains("(v2)"));

    // --keep-existing leaves the stored version alone.
    let older = root.path().join("older.txt");
    fs::write(&older, page).unwrap();
    let summary = import(
        &[older],
        &items,
        &Options {
            keep_existing: true,
            ..REPLACE
        },
    )
    .unwrap();
    assert_eq!(summary.items[0].change, Change::Kept);
    assert!(
        fs::read_to_string(items.join("meetings/get-live-stream-details.json"))
            .unwrap()
            .contains("(v2)")
    );
}

#[test]
fn collections_keep_their_folders_and_seed_pages_replace_their_items_in_place() {
    let root = tempfile::tempdir().unwrap();
    let items = root.path().join("openapi/postman");
    let summary = import(&[data("small_collection.json")], &items, &REPLACE).unwrap();
    assert_eq!(summary.count(Change::Added), 9);
    let past = items.join("past-meetings/meeting-uuid/get-past-meeting-details.json");
    assert!(past.exists());
    let folder: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(items.join("past-meetings/meeting-uuid/_folder.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(folder["name"], "{meeting UUID}");
    assert!(
        items
            .join("meetings-meeting-id/livestream/get-live-stream-details.json")
            .exists()
    );

    // The seed pages are newer versions of two of these items: they win, in place.
    let summary = import(&seeds(), &items, &REPLACE).unwrap();
    assert_eq!(summary.count(Change::Replaced), 2, "{:?}", summary.items);
    assert!(
        fs::read_to_string(&past)
            .unwrap()
            .contains("quis officia in reprehenderit")
    );
    assert!(
        !items
            .join("past-meetings/get-past-meeting-details.json")
            .exists()
    );
    assert_eq!(
        tree(&items).len(),
        9 + 5 + 1,
        "items, folder files, collection file"
    );
}

#[test]
fn a_bare_item_imports_too() {
    let root = tempfile::tempdir().unwrap();
    let items = root.path().join("openapi/postman");
    let page = fs::read_to_string(&seeds()[0]).unwrap();
    let json = page.split_once("Postman Collection Item JSON\n").unwrap().1;
    let item = root.path().join("item.json");
    fs::write(&item, json).unwrap();
    let summary = import(&[item], &items, &REPLACE).unwrap();
    assert_eq!(
        summary.items[0].file,
        "past-meetings/get-past-meeting-details.json"
    );
}

/// Bad input: a clear error naming the file (and item), exit non-zero, nothing written.
fn refused(file_name: &str, content: &[u8], expected: &[&str]) {
    let root = common::seeded_workspace();
    let before = tree(root.path());
    let input = root.path().join(file_name);
    fs::write(&input, content).unwrap();
    let output = xtask(root.path(), &["import", input.to_str().unwrap()]);
    assert!(!output.status.success(), "{file_name} was accepted");
    let message = stderr(&output);
    assert!(
        message.contains(file_name),
        "the error does not name the file: {message}"
    );
    for fragment in expected {
        assert!(
            message.contains(fragment),
            "'{fragment}' missing from: {message}"
        );
    }
    assert!(!message.contains("panicked"), "{message}");
    fs::remove_file(&input).unwrap();
    assert_eq!(
        tree(root.path()),
        before,
        "{file_name} changed the workspace"
    );
}

#[test]
fn input_that_is_not_json_is_refused() {
    refused("notes.txt", b"this is not JSON {", &["not JSON"]);
}

#[test]
fn json_that_is_no_postman_item_is_refused() {
    refused(
        "thing.json",
        br#"{"hello": "world"}"#,
        &["neither a Postman item"],
    );
    refused("list.json", br#"[1, 2]"#, &["found an array"]);
}

#[test]
fn an_item_without_url_is_refused_naming_the_item() {
    refused(
        "no_url.json",
        br#"{"name": "Broken item", "request": {"method": "GET"}}"#,
        &["item 'Broken item'", "no url"],
    );
}

const PARTLY_BAD: &[u8] = br#"{"info": {"name": "C"}, "item": [
    {"name": "Good", "request": {"method": "GET", "url": "{{baseUrl}}/good"}},
    {"name": "F", "item": [{"name": "Bad", "request": {"method": "GET"}}]},
    {"name": "Bad method", "request": {"method": "PURGE", "url": "{{baseUrl}}/bad"}}
]}"#;

#[test]
fn one_bad_item_is_reported_and_the_others_import() {
    let root = common::seeded_workspace();
    let input = root.path().join("partly_bad.json");
    fs::write(&input, PARTLY_BAD).unwrap();
    let output = xtask(root.path(), &["import", input.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(
        printed.contains("added     openapi/postman/good.json  (GET /good)"),
        "{printed}"
    );
    assert!(
        printed.contains("skipped   ")
            && printed
                .contains("partly_bad.json > 'F' > 'Bad' (item 'Bad'): the request has no url"),
        "{printed}"
    );
    assert!(
        printed.contains(
            "partly_bad.json > 'Bad method' (item 'Bad method'): custom HTTP method 'PURGE'"
        ),
        "{printed}"
    );
    assert!(printed.contains(", 2 skipped"), "{printed}");
    assert!(root.path().join("openapi/postman/good.json").exists());
}

#[test]
fn strict_refuses_a_collection_with_one_bad_item_and_writes_nothing() {
    let root = common::seeded_workspace();
    let before = tree(root.path());
    let input = root.path().join("partly_bad.json");
    fs::write(&input, PARTLY_BAD).unwrap();
    let output = xtask(
        root.path(),
        &["import", "--strict", input.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("2 items cannot be imported (--strict; nothing written)"),
        "{message}"
    );
    assert!(
        message.contains("'F' > 'Bad'") && message.contains("no url"),
        "{message}"
    );
    fs::remove_file(&input).unwrap();
    assert_eq!(tree(root.path()), before);
}
