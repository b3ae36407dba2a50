//! Tools around zoom-rs: `bench` (`--compile`: compile times), `synth`, `measure-process`
//! measure it; `vendor` copies its crates into another workspace.

pub mod bench;
pub mod compile;
pub mod measure;
pub mod synth;
pub mod vendor;
