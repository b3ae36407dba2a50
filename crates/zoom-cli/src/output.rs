//! What the command line prints: JSON on stdout, Zoom's decoded error on stderr.

use serde::Serialize;
use zoom_api::{Error, ResponseValue};
use zoom_ext::ZoomError;

use crate::generated::CliConfig;

pub struct Json;

fn print(value: &impl Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(error) => eprintln!("error: the answer does not print as JSON: {error}"),
    }
}

impl CliConfig for Json {
    fn success<T: Serialize>(&self, value: &ResponseValue<T>) {
        print(&**value);
    }

    fn failure(&self, error: &ZoomError) {
        eprintln!("error: {error}");
        if let ZoomError::Api(api) = error
            && api.code.is_none()
            && !api.body.is_empty()
        {
            eprintln!("{}", String::from_utf8_lossy(&api.body));
        }
    }

    fn list_item<T>(&self, value: &T)
    where
        T: schemars::JsonSchema + Serialize + std::fmt::Debug,
    {
        match serde_json::to_string(value) {
            Ok(text) => println!("{text}"),
            Err(error) => eprintln!("error: an item does not print as JSON: {error}"),
        }
    }

    // progenitor's own paths, which the generated code no longer takes: every call goes
    // through `success` and `failure`.
    fn success_item<T>(&self, value: &ResponseValue<T>)
    where
        T: schemars::JsonSchema + Serialize + std::fmt::Debug,
    {
        print(&**value);
    }

    fn success_no_item(&self, _value: &ResponseValue<()>) {}

    fn error<T>(&self, _value: &Error<T>)
    where
        T: schemars::JsonSchema + Serialize + std::fmt::Debug,
    {
    }

    fn list_start<T>(&self)
    where
        T: schemars::JsonSchema + Serialize + std::fmt::Debug,
    {
    }

    fn list_end_success<T>(&self)
    where
        T: schemars::JsonSchema + Serialize + std::fmt::Debug,
    {
    }

    fn list_end_error<T>(&self, _value: &Error<T>)
    where
        T: schemars::JsonSchema + Serialize + std::fmt::Debug,
    {
    }
}
