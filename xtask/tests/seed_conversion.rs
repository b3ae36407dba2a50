//! The two seed endpoints, converted: every fact the issue lists is carried into the spec,
//! and insta snapshots guard each operation's spec fragment and generated code.

mod common;

use serde_json::{Value, json};
use xtask::generate::render;

fn generated() -> (Value, String) {
    let root = common::seeded_workspace();
    let generated = render(root.path()).unwrap();
    (
        serde_json::from_str(&generated.spec).unwrap(),
        generated.code,
    )
}

#[test]
fn the_spec_carries_what_the_items_say() {
    let (spec, _) = generated();
    assert_eq!(spec["openapi"], "3.0.3");
    assert_eq!(spec["servers"], json!([{"url": "https://api.zoom.us/v2"}]));

    let past = &spec["paths"]["/past_meetings/{meetingUUID}"]["get"];
    assert_eq!(past["operationId"], "past_meeting_details");
    assert_eq!(past["summary"], "Get past meeting details");
    assert!(
        past["description"]
            .as_str()
            .unwrap()
            .starts_with("Use this API to get information about a past meeting.")
    );
    assert_eq!(past["tags"], json!(["past_meetings"]));
    let parameter = &past["parameters"][0];
    assert_eq!(parameter["in"], "path");
    assert_eq!(parameter["name"], "meetingUUID");
    assert_eq!(parameter["required"], true);
    assert!(
        parameter["description"]
            .as_str()
            .unwrap()
            .starts_with("The meeting's universally unique identifier")
    );
    assert!(
        parameter["description"]
            .as_str()
            .unwrap()
            .contains("double-encode")
    );
    assert_eq!(
        past["security"],
        json!([{"oauth2": ["meeting:read:admin", "meeting:read"]}])
    );
    assert_eq!(past["x-zoom-rate-limit"], "Light");

    let ok = &past["responses"]["200"];
    assert_eq!(ok["description"], "Meeting details returned.");
    let media = &ok["content"]["application/json"];
    assert_eq!(media["example"]["uuid"], "JbkqFkfqQ0e7+CZluSnc1g==");
    let schema_name = media["schema"]["$ref"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    assert_eq!(schema_name, "PastMeetingDetailsResponse");
    let properties = &spec["components"]["schemas"][schema_name]["properties"];
    assert_eq!(
        properties["id"],
        json!({"type": "integer", "format": "int64"})
    );
    assert_eq!(
        properties["start_time"],
        json!({"type": "string", "format": "date-time"})
    );
    assert_eq!(
        properties["user_email"],
        json!({"type": "string", "format": "email"})
    );
    assert_eq!(properties["topic"], json!({"type": "string"}));
    assert_eq!(
        properties.as_object().unwrap().len(),
        14,
        "every field of the example"
    );

    let bad_request = &past["responses"]["400"];
    assert_eq!(bad_request["description"], "Meeting not found");
    assert_eq!(
        bad_request["x-zoom-error-codes"],
        json!([
            {"code": 1010, "message": "User not exist: {userId}\nUser {userId} not exist or not belong to this account."},
            {"code": 300, "message": "Cannot access meeting info."}
        ]),
        "the name is cut after the second code: the cut third one is dropped"
    );
    assert_eq!(
        past["responses"]["404"]["x-zoom-error-codes"][0]["code"],
        3001
    );
    assert_eq!(
        past["responses"].as_object().unwrap().len(),
        3,
        "every documented status"
    );

    let live = &spec["paths"]["/meetings/{meetingId}/livestream"]["get"];
    assert_eq!(live["operationId"], "live_stream_details");
    assert_eq!(live["tags"], json!(["meetings"]));
    // The item declares no auth; its scopes still make it an OAuth operation.
    assert_eq!(
        live["security"],
        json!([{"oauth2": ["meeting:read:admin", "meeting:read"]}])
    );
    let stream = &spec["components"]["schemas"]["LiveStreamDetailsResponse"]["properties"];
    assert_eq!(stream["stream_url"]["format"], "uri");
    assert_eq!(
        stream["stream_key"],
        json!({"type": "string"}),
        "'Contact It@somecompany.com' is no email"
    );
    assert_eq!(
        live["responses"]["404"]["x-zoom-error-codes"],
        json!([{"code": 1001, "message": "User {userId} does not exist."}])
    );

    let oauth = &spec["components"]["securitySchemes"]["oauth2"]["flows"]["authorizationCode"];
    assert_eq!(
        oauth["scopes"],
        json!({"meeting:read": "", "meeting:read:admin": ""})
    );
}

#[test]
fn generation_is_byte_identical_from_run_to_run() {
    let root = common::seeded_workspace();
    let first = render(root.path()).unwrap();
    let second = render(root.path()).unwrap();
    assert_eq!(first.spec, second.spec);
    assert_eq!(first.code, second.code);
}

/// The items of `code` that belong to one operation, formatted.
fn operation_code(code: &str, builder: &str, method: &str, doc_const: &str) -> String {
    let file = syn::parse_file(code).unwrap();
    let mut picked = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Mod(module) if module.ident == "types" || module.ident == "builder" => {
                for inner in &module.content.as_ref().unwrap().1 {
                    let name = match inner {
                        syn::Item::Struct(s) => Some(s.ident.to_string()),
                        syn::Item::Impl(i) => match i.self_ty.as_ref() {
                            syn::Type::Path(p) => {
                                Some(p.path.segments.last().unwrap().ident.to_string())
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    if name.is_some_and(|n| n.starts_with(builder)) {
                        picked.push(inner.clone());
                    }
                }
            }
            syn::Item::Impl(block) => {
                let mut block = block.clone();
                let text = quote::quote!(#block).to_string();
                if block.trait_.is_none() {
                    block
                        .items
                        .retain(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == method));
                    if !block.items.is_empty() {
                        picked.push(syn::Item::Impl(block));
                    }
                } else if text.contains(&format!("builder :: {builder} <")) {
                    picked.push(syn::Item::Impl(block));
                }
            }
            syn::Item::Macro(call)
                if call.mac.path.segments.last().unwrap().ident == "impl_operation"
                    && call.mac.tokens.to_string().starts_with(builder) =>
            {
                picked.push(item.clone());
            }
            syn::Item::Mod(module) if module.ident == "operations" => {
                for inner in &module.content.as_ref().unwrap().1 {
                    if matches!(inner, syn::Item::Const(c) if c.ident == doc_const) {
                        picked.push(inner.clone());
                    }
                }
            }
            _ => {}
        }
    }
    let mut file = syn::parse_file("").unwrap();
    file.items = picked;
    prettyplease::unparse(&file)
}

#[test]
fn snapshot_past_meeting_details() {
    let (spec, code) = generated();
    insta::assert_json_snapshot!(
        "past_meeting_details_spec",
        spec["paths"]["/past_meetings/{meetingUUID}"]
    );
    insta::assert_snapshot!(
        "past_meeting_details_code",
        operation_code(
            &code,
            "PastMeetingDetails",
            "past_meeting_details",
            "PAST_MEETING_DETAILS"
        )
    );
}

#[test]
fn snapshot_live_stream_details() {
    let (spec, code) = generated();
    insta::assert_json_snapshot!(
        "live_stream_details_spec",
        spec["paths"]["/meetings/{meetingId}/livestream"]
    );
    insta::assert_snapshot!(
        "live_stream_details_code",
        operation_code(
            &code,
            "LiveStreamDetails",
            "live_stream_details",
            "LIVE_STREAM_DETAILS"
        )
    );
}
