//! Any bytes as a Postman item, through the pure conversion: reading the item, converting it
//! to OpenAPI and serializing the spec must never panic, whatever the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use xtask::source::{Source, SourceItem, item_from_value};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Ok(item) = item_from_value("fuzz.json", &value) else {
        return;
    };
    let source = Source {
        collection: Default::default(),
        items: vec![SourceItem {
            file: "fuzz.json".into(),
            folders: Vec::new(),
            item,
        }],
    };
    if let Ok(conversion) = xtask::convert::convert(&source) {
        let _ = conversion.to_json();
    }
});
