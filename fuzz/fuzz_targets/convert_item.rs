//! Any bytes as a Postman item, collection or docs page, through the pure conversion:
//! reading, converting to OpenAPI and serializing the spec must never panic, whatever the
//! input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use zoom_convert::model::read;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(input) = read::read("fuzz.json", text) else {
        return;
    };
    let Ok(source) = read::to_source(vec![input]) else {
        return;
    };
    if let Ok(conversion) = zoom_convert::convert(&source) {
        let _ = conversion.to_json();
    }
});
