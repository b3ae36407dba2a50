//! Tools for measuring zoom-rs, not for using it: `bench`, `synth`, `measure-process`.

pub mod bench;
pub mod measure;
pub mod synth;
