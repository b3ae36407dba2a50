//! The checked-in spec and client are what the checked-in items give (rust-analyzer's
//! "file was not up to date" test): regenerate in memory and compare.

use xtask::generate::render;
use xtask::workspace::{CODE_FILE, MANIFEST_FILE, NAMES_FILE, SPEC_FILE};

#[test]
fn generated_files_are_up_to_date() {
    let root = test_support::workspace();
    let generated = render(&root).unwrap();
    for (file, fresh) in [
        (SPEC_FILE, &generated.spec),
        (CODE_FILE, &generated.code),
        (MANIFEST_FILE, &generated.manifest),
        (NAMES_FILE, &generated.names),
    ] {
        let on_disk = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(
            on_disk == *fresh,
            "{file} was not up to date with openapi/postman: run `cargo xtask generate` and commit it"
        );
    }
}

/// progenitor reads the spec model in memory; the checked-in file must say exactly the same,
/// so the model reads back from its own JSON unchanged.
#[test]
fn the_spec_model_is_what_its_json_says() {
    let items = test_support::workspace().join(xtask::workspace::ITEMS_DIR);
    let conversion = zoom_convert::convert(&xtask::store::load(&items).unwrap()).unwrap();
    let reread: openapiv3::OpenAPI = serde_json::from_str(&conversion.to_json().unwrap()).unwrap();
    assert!(
        reread == conversion.spec,
        "the spec does not read back as it was made"
    );
}
