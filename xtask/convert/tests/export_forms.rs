//! Real items rewritten into the forms Postman exports write (ids beside keys, headers as a
//! string, an object or entries without values, numbers as header values, codes as text or
//! missing), as Zoom's and as another API's collection: every variant converts to a valid
//! OpenAPI 3.0 spec with every operation kept.

use proptest::prelude::*;
use serde_json::{Value, json};
use test_support::openapi_errors;
use zoom_convert::convert;
use zoom_convert::model::read;

fn collection() -> Value {
    let path = format!(
        "{}/../tests/data/small_collection.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// How one item is rewritten.
#[derive(Debug, Clone)]
struct Forms {
    ids_beside_keys: bool,
    headers: u8,
    codes: u8,
}

fn forms() -> impl Strategy<Value = Forms> {
    (any::<bool>(), 0u8..5, 0u8..3).prop_map(|(ids_beside_keys, headers, codes)| Forms {
        ids_beside_keys,
        headers,
        codes,
    })
}

/// Rewrites each item below `value`, in order, by the next of `forms`.
fn rewrite_all<'a>(value: &mut Value, forms: &mut impl Iterator<Item = &'a Forms>) {
    for item in value["item"].as_array_mut().into_iter().flatten() {
        if item.get("request").is_some() {
            if let Some(forms) = forms.next() {
                rewrite(item, forms);
            }
        } else {
            rewrite_all(item, forms);
        }
    }
}

fn rewrite(item: &mut Value, forms: &Forms) {
    if forms.ids_beside_keys {
        for variable in item["request"]["url"]["variable"]
            .as_array_mut()
            .into_iter()
            .flatten()
        {
            variable["id"] = variable["key"].clone();
        }
    }
    let request = &mut item["request"];
    request["header"] = match forms.headers {
        0 => request["header"].clone(),
        1 => json!("X-Trace: 1\nAccept: application/json"),
        2 => json!({}),
        3 => json!([{}, {"key": "X-Count", "value": 3364}, {"key": "X-Empty"}]),
        _ => Value::Null,
    };
    for response in item["response"].as_array_mut().into_iter().flatten() {
        match forms.codes {
            1 => response["code"] = json!(response["code"].to_string()),
            2 => {
                response.as_object_mut().unwrap().remove("code");
            }
            _ => {}
        }
        if forms.headers == 1 {
            response["header"] = json!("Content-Type: application/json\r\n");
        }
    }
}

fn check(collection: &Value) -> usize {
    let input = read::read("c.json", &collection.to_string()).unwrap();
    let conversion = convert(&read::to_source(vec![input]).unwrap()).unwrap();
    let spec: Value = serde_json::from_str(&conversion.to_json().unwrap()).unwrap();
    let errors = openapi_errors(&spec);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(
        conversion.report.skipped.is_empty(),
        "{:?}",
        conversion.report.skipped
    );
    conversion.report.operations
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_export_form_gives_a_valid_spec(all in prop::collection::vec(forms(), 9), zoom in any::<bool>()) {
        let mut collection = collection();
        let expected = check(&collection);
        if !zoom {
            collection["info"]["name"] = json!("Another API");
            collection["variable"] = json!([{"id": "baseUrl", "key": "baseUrl", "value": "https://api.example.com/v1"}]);
        }
        rewrite_all(&mut collection, &mut all.iter());
        prop_assert_eq!(check(&collection), expected);
    }
}
