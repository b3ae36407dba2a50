//! The names and conventions the spec uses beyond plain OpenAPI: what conversion writes and
//! code generation (and, through the generated code, zoom-ext) reads. One place, so the two
//! sides cannot drift apart.

/// Zoom's rate-limit label of an operation (`Light`, `Medium`, `Heavy`, `Resource-intensive`).
pub const RATE_LIMIT: &str = "x-zoom-rate-limit";
/// The Zoom error codes a response documents: `[{code, message, truncated?, documented_status?}]`.
pub const ERROR_CODES: &str = "x-zoom-error-codes";
/// A file upload's `multipart/form-data` parts, on the operation: `[{name, binary, required,
/// description?}]`; `binary` parts carry a file. Such an operation's request body is declared
/// as `application/octet-stream` (progenitor 0.15 cannot generate multipart bodies) and it
/// takes a `Content-Type` header parameter for `multipart/form-data; boundary=...`.
pub const MULTIPART: &str = "x-zoom-multipart";
/// The item file an operation came from, below `openapi/postman/`.
pub const POSTMAN_ITEM: &str = "x-postman-item";

/// The schema of Zoom's error body, `{"code": 124, "message": "Invalid access token."}`.
pub const ZOOM_ERROR_SCHEMA: &str = "ZoomErrorBody";
/// The media type error bodies are declared under: not `application/json`, so that
/// progenitor keeps status and headers even when the body is empty or not JSON.
pub const ERROR_MEDIA_TYPE: &str = "*/*";

/// The security scheme of operations that list OAuth scopes.
pub const OAUTH2: &str = "oauth2";
/// The security scheme of a collection whose auth is a plain bearer token.
pub const BEARER: &str = "bearer";

/// Zoom's API root, used when no `baseUrl` variable says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.zoom.us/v2";

/// The string format of a path parameter that is a meeting or webinar UUID, which Zoom wants
/// double-encoded when it begins with `/` or contains `//` (code generation maps it to
/// `zoom_api::MeetingUuidInPath`).
pub const MEETING_UUID_FORMAT: &str = "zoom-meeting-uuid";
