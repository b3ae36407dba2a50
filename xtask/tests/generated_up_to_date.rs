//! The checked-in spec and client are what the checked-in items give (rust-analyzer's
//! "file was not up to date" test): regenerate in memory and compare.

use xtask::generate::{CODE_FILE, MANIFEST_FILE, SPEC_FILE, render, workspace_root};

#[test]
fn generated_files_are_up_to_date() {
    let root = workspace_root();
    let generated = render(&root).unwrap();
    for (file, fresh) in [
        (SPEC_FILE, &generated.spec),
        (CODE_FILE, &generated.code),
        (MANIFEST_FILE, &generated.manifest),
    ] {
        let on_disk = std::fs::read_to_string(root.join(file)).unwrap();
        assert!(
            on_disk == *fresh,
            "{file} was not up to date with openapi/postman: run `cargo xtask generate` and commit it"
        );
    }
}
