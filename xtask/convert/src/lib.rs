//! The pure heart of zoom-rs: Postman items in, an OpenAPI 3.0.3 spec out. No file system, no
//! clock, no global state. `xtask` does the reading, storing and code generation around it.
//!
//! - [`model`]: Postman's collection format as real exports write it, Zoom's docs pages, and
//!   [`read`](model::read), the one reader of both.
//! - [`convert()`]: items -> spec, with the [`Rule`]s it applies on purpose;
//!   [`convert_with`] also applies a maintainer's [`Overrides`].
//! - [`placeholder`]: type names and Postman placeholders written where values belong.
//! - [`vocabulary`]: the extension names the spec carries for code generation.
//! - [`names`]: how file, tag, operation and type names are made; [`name_map`]: how they
//!   are kept once made.

mod convert;
mod infer;
pub use infer::placeholder;
pub mod model;
pub mod name_map;
pub mod names;
mod parallel;
mod rules;
pub mod vocabulary;

pub use convert::{Conversion, Override, Overrides, Report, convert, convert_with};
pub use model::{Source, SourceItem};
pub use rules::Rule;
