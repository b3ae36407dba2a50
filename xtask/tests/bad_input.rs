//! The catalogue of bad and hostile input under `tests/data/bad/` (plus two generated here:
//! a 50 MB collection and folders nested 10 000 deep). Each file is imported into a seeded
//! workspace by the real binary. Refused input gets one clear line naming the file (and the
//! item), a non-zero exit, no panic, and a workspace exactly as it was. Input with a
//! documented recovery is imported, and the recovery checked.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{data, stderr, tree, xtask};

fn bad(name: &str) -> PathBuf {
    data("bad").join(name)
}

/// Runs `import` on `input` in a fresh seeded workspace; returns the workspace and output.
fn import(input: &Path) -> (tempfile::TempDir, std::process::Output, common::Tree) {
    let root = common::seeded_workspace();
    let before = tree(root.path());
    let output = xtask(root.path(), &["import", input.to_str().unwrap()]);
    (root, output, before)
}

fn refused(input: &Path, fragments: &[&str]) {
    let (root, output, before) = import(input);
    let message = stderr(&output);
    let file_name = input.file_name().unwrap().to_string_lossy();
    assert!(!output.status.success(), "{file_name} was accepted");
    assert_eq!(output.status.code(), Some(1), "{file_name}: {message}");
    assert!(!message.contains("panicked"), "{file_name}: {message}");
    assert_eq!(
        message.trim_end().lines().count(),
        1,
        "not one line: {message}"
    );
    assert!(
        message.contains(&*file_name),
        "the error does not name {file_name}: {message}"
    );
    for fragment in fragments {
        assert!(
            message.contains(fragment),
            "{file_name}: '{fragment}' missing from: {message}"
        );
    }
    assert!(
        tree(root.path()) == before,
        "{file_name} changed the workspace"
    );
}

/// Imported; returns the workspace for checks. Nothing lands outside `openapi/postman/`.
fn recovered(input: &Path) -> tempfile::TempDir {
    let (root, output, before) = import(input);
    let file_name = input.file_name().unwrap().to_string_lossy();
    assert!(output.status.success(), "{file_name}: {}", stderr(&output));
    for path in tree(root.path()).keys() {
        assert!(
            before.contains_key(path) || path.starts_with("openapi/postman"),
            "{file_name} wrote {}",
            path.display()
        );
    }
    root
}

macro_rules! refuses {
    ($($test:ident: $file:literal => [$($fragment:literal),*];)*) => {$(
        #[test]
        fn $test() {
            refused(&bad($file), &[$($fragment),*]);
        }
    )*};
}

refuses! {
    truncated_json: "truncated.json" => ["not JSON", "EOF"];
    json_array: "array.json" => ["found an array"];
    json_number: "number.json" => ["found a number"];
    json_null: "null.json" => ["found null"];
    json_string: "string.json" => ["found a string"];
    empty_file: "empty.json" => ["not JSON"];
    trailing_garbage: "trailing_garbage.json" => ["trailing characters"];
    collection_with_no_items: "empty_collection.json" => ["nothing to import", "no items"];
    item_list_not_a_list: "item_list_not_a_list.json" => ["\"item\" is not a list"];
    item_without_request: "no_request.json" => ["'Lost item'", "neither an item"];
    item_without_url: "no_url.json" => ["item 'Good item'", "no url"];
    // An item OpenAPI cannot hold: convert leaves it out and says so; import of it alone has
    // nothing left to store, and names it.
    unknown_method: "unknown_method.json" => ["item 'Good item'", "custom HTTP method 'FETCH'"];
    repeated_path_parameter: "repeated_path_parameter.json" => ["'id' twice"];
    unknown_body_mode: "unknown_body_mode.json" => ["item 'Good item'", "unknown body mode 'telepathy'"];
    status_out_of_range: "status_out_of_range.json" => ["999"];
    page_marker_without_json: "page_marker_without_json.txt" => ["no JSON after it"];
    page_marker_broken_json: "page_marker_broken_json.txt" => ["does not parse"];
    non_utf8_bytes: "non_utf8.json" => ["not UTF-8", "offset"];
}

#[test]
fn folders_nested_10_000_deep_are_refused_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep_nesting.json");
    let depth = 10_000;
    let mut text = String::from(r#"{"info": {"name": "Deep"}, "item": ["#);
    text.push_str(&r#"{"name": "f", "item": ["#.repeat(depth));
    text.push_str(&"]}".repeat(depth));
    text.push_str("]}");
    fs::write(&path, text).unwrap();
    refused(&path, &["recursion limit"]);
}

#[test]
fn a_50_mb_collection_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let page = fs::read_to_string(bad("bare_string_url.json")).unwrap();
    let mut item: serde_json::Value = serde_json::from_str(&page).unwrap();
    item["request"]["description"] = "x".repeat(50 * 1024 * 1024).into();
    let collection = serde_json::json!({"info": {"name": "Huge"}, "item": [item]});
    fs::write(&path, serde_json::to_string(&collection).unwrap()).unwrap();
    assert!(fs::metadata(&path).unwrap().len() > 50 * 1024 * 1024);
    let root = recovered(&path);
    let stored = root.path().join("openapi/postman/good-item.json");
    assert!(fs::metadata(stored).unwrap().len() > 50 * 1024 * 1024);
}

#[test]
fn a_second_item_for_one_route_is_skipped_and_reported() {
    let input = bad("same_name_and_path.json");
    let (root, output, _) = import(&input);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = common::stdout(&output);
    assert!(
        printed.contains(
            "same_name_and_path.json > 'Good item' #2 (item 'Good item') is the same operation as"
        ),
        "{printed}"
    );
    assert!(
        printed.contains("(GET /things/{thingId}); the first is imported"),
        "{printed}"
    );
    assert!(root.path().join("openapi/postman/good-item.json").exists());
}

#[test]
fn a_file_field_makes_a_multipart_upload() {
    let root = recovered(&bad("file_upload_field.json"));
    let generated = xtask::generate::render(root.path()).unwrap();
    let spec: serde_json::Value = serde_json::from_str(&generated.spec).unwrap();
    let operation = &spec["paths"]["/things/{thingId}"]["post"];
    assert_eq!(
        operation["x-zoom-multipart"],
        serde_json::json!([{"name": "file", "binary": true, "required": false}])
    );
    assert!(generated.code.contains("pub fn content_type<V>"));
}

#[test]
fn a_bare_string_url_is_read() {
    let root = recovered(&bad("bare_string_url.json"));
    let generated = xtask::generate::render(root.path()).unwrap();
    assert!(generated.spec.contains("\"/things/{thingId}\""));
}

#[test]
fn contradicting_examples_become_any_json() {
    let root = recovered(&bad("contradicting_examples.json"));
    let spec: serde_json::Value =
        serde_json::from_str(&xtask::generate::render(root.path()).unwrap().spec).unwrap();
    let schemas = &spec["components"]["schemas"];
    let response = &schemas["GoodItemResponse"]["properties"]["id"];
    assert_eq!(
        response,
        &serde_json::json!({}),
        "a string here and an integer there: any"
    );
}

#[test]
fn dangerous_names_become_safe_file_names() {
    for file in [
        "dot_dot_slash_names.json",
        "slash_and_nul_names.json",
        "reserved_file_names.json",
    ] {
        let root = recovered(&bad(file));
        let items = root.path().join("openapi/postman");
        for path in tree(&items).keys() {
            let text = path.to_string_lossy();
            assert!(!text.contains(".."), "{file}: {text}");
            assert!(!text.contains('\0'), "{file}: {text}");
            for part in path.components() {
                let name = part.as_os_str().to_string_lossy().to_ascii_lowercase();
                let stem = name.split('.').next().unwrap_or_default().to_owned();
                assert!(
                    !["con", "nul", "prn", "aux"].contains(&stem.as_str()),
                    "{file}: {text}"
                );
            }
        }
    }
}

#[test]
fn a_byte_order_mark_is_skipped() {
    recovered(&bad("byte_order_mark.json"));
}

#[test]
fn a_query_parameter_without_key_is_ignored() {
    let root = recovered(&bad("query_without_key.json"));
    let generated = xtask::generate::render(root.path()).unwrap();
    assert!(!generated.spec.contains("\"name\": \"\""));
}

#[test]
fn the_catalogue_is_complete() {
    let files = fs::read_dir(data("bad")).unwrap().count();
    assert!(files >= 34, "{files} files in tests/data/bad");
}

/// Shapes Postman opens that were once refused: imported, and converted to what they mean.
fn recovered_spec(file: &str) -> serde_json::Value {
    let root = recovered(&bad(file));
    let generated = xtask::generate::render(root.path()).unwrap();
    serde_json::from_str(&generated.spec).unwrap()
}

#[test]
fn a_request_given_as_a_string_is_a_get_of_that_url() {
    let spec = recovered_spec("request_is_a_string.json");
    assert!(
        spec["paths"]["/things"]["get"].is_object(),
        "{}",
        spec["paths"]
    );
}

#[test]
fn an_item_without_name_is_named_by_its_route() {
    let spec = recovered_spec("no_name.json");
    assert!(spec["paths"]["/things/{thingId}"]["get"]["operationId"].is_string());
}

#[test]
fn a_url_without_path_is_the_root() {
    let spec = recovered_spec("url_without_path.json");
    assert!(spec["paths"]["/"]["get"].is_object(), "{}", spec["paths"]);
}

#[test]
fn text_beside_a_variable_in_a_segment_is_a_template() {
    let spec = recovered_spec("mixed_path_segment.json");
    assert!(
        spec["paths"]["/things/x{y}"]["get"].is_object(),
        "{}",
        spec["paths"]
    );
}

#[test]
fn a_graphql_body_is_json() {
    let spec = recovered_spec("graphql_body.json");
    let body = &spec["paths"]["/things/{thingId}"]["post"]["requestBody"]["content"];
    assert_eq!(body["application/json"]["example"]["query"], "{x}");
}

#[test]
fn a_response_without_status_is_the_success() {
    let spec = recovered_spec("no_status.json");
    let responses = &spec["paths"]["/things/{thingId}"]["get"]["responses"];
    assert_eq!(responses["200"]["description"], "Nothing said");
}

#[test]
fn an_example_that_is_not_json_proves_no_shape() {
    let spec = recovered_spec("invalid_example_json.json");
    let ok = &spec["paths"]["/things/{thingId}"]["get"]["responses"]["200"];
    assert_eq!(
        ok["content"]["application/json"]["schema"],
        serde_json::json!({})
    );
}
