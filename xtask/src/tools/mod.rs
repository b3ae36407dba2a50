//! Tools around zoom-rs: `bench`, `synth`, `measure-process` measure it; `vendor` copies
//! its crates into another workspace.

pub mod bench;
pub mod measure;
pub mod synth;
pub mod vendor;
