//! File uploads. Zoom takes them as `multipart/form-data`, which progenitor cannot generate,
//! so an upload operation's builder takes the encoded form as its raw body and the form's
//! `Content-Type` (with its boundary): [`Form`] makes both. The parts each upload takes are
//! in its docs (`x-zoom-multipart` in the spec).
//!
//! ```no_run
//! # async fn demo(client: &zoom_api::Client, png: Vec<u8>) -> Result<(), zoom_ext::ZoomError> {
//! use zoom_ext::Form;
//! use zoom_ext::prelude::*;
//! let form = Form::new().file("pic_file", "me.png", "image/png", png);
//! client
//!     .upload_user_profile_picture()
//!     .user_id("me")
//!     .content_type(form.content_type())
//!     .body(form.into_body())
//!     .send()
//!     .await?;
//! # Ok(()) }
//! ```

/// A `multipart/form-data` body (RFC 7578), built part by part.
#[derive(Debug, Clone)]
pub struct Form {
    boundary: String,
    body: Vec<u8>,
}

impl Default for Form {
    fn default() -> Self {
        Form::new()
    }
}

impl Form {
    /// An empty form with a random boundary.
    pub fn new() -> Self {
        let boundary: String = (0..24).map(|_| fastrand::alphanumeric()).collect();
        Form {
            boundary: format!("zoom-rs-{boundary}"),
            body: Vec::new(),
        }
    }

    /// A file part: `name` is the part the operation takes (`pic_file`, `file`).
    pub fn file(
        mut self,
        name: &str,
        file_name: &str,
        content_type: &str,
        bytes: impl AsRef<[u8]>,
    ) -> Self {
        self.head(&format!(
            "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {content_type}",
            quoted(name),
            quoted(file_name)
        ));
        self.body.extend_from_slice(bytes.as_ref());
        self.body.extend_from_slice(b"\r\n");
        self
    }

    /// A text part.
    pub fn text(mut self, name: &str, value: &str) -> Self {
        self.head(&format!(
            "Content-Disposition: form-data; name=\"{}\"",
            quoted(name)
        ));
        self.body.extend_from_slice(value.as_bytes());
        self.body.extend_from_slice(b"\r\n");
        self
    }

    fn head(&mut self, headers: &str) {
        self.body
            .extend_from_slice(format!("--{}\r\n{headers}\r\n\r\n", self.boundary).as_bytes());
    }

    /// The `Content-Type` to send the form with: `multipart/form-data; boundary=...`.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The encoded form, closed.
    pub fn into_body(mut self) -> Vec<u8> {
        self.body
            .extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        self.body
    }
}

/// A name or file name inside a quoted header parameter: quotes and line breaks escaped as
/// browsers do (WHATWG's multipart/form-data encoding).
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}
