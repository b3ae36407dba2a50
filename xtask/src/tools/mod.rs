//! Tools for measuring zoom-rs, not for using it: `bench` (`--compile`: compile times), `synth`, `measure-process`.

pub mod bench;
pub mod compile;
pub mod measure;
pub mod synth;
