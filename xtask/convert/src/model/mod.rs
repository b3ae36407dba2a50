//! What the converter reads: Postman's collection format as real exports write it, Zoom's
//! docs pages, and where each request goes. Knows nothing of OpenAPI.

mod lenient;
pub mod page;
pub mod postman;
pub mod read;
pub mod target;

use anyhow::{Context, Result};
use serde_json::value::RawValue;

pub use postman::{CollectionMeta, Folder, Item};
pub use target::Target;

/// Everything a conversion reads: the collection's settings and its items.
#[derive(Debug, Default)]
pub struct Source {
    pub collection: CollectionMeta,
    pub items: Vec<SourceItem>,
    /// Items of the input that could not be read: reported with the conversion's skipped
    /// items.
    pub rejected: Vec<read::Rejected>,
}

/// One item and where it came from.
#[derive(Debug, Clone)]
pub struct SourceItem {
    /// Where it came from, for messages and the spec: a stored file's path below the items
    /// root (`meetings/create-a-meeting.json`), or `file > 'folder' > 'item'` for input.
    pub origin: String,
    /// The folders around it, outermost first; `None` when the input said nothing about
    /// folders (a docs page or a bare item).
    pub folders: Option<Vec<Folder>>,
    pub item: Item,
    /// The item's JSON exactly as it came, for the store to keep.
    pub raw: Option<Box<RawValue>>,
}

impl SourceItem {
    /// The folders around it, none when unknown.
    pub fn folders(&self) -> &[Folder] {
        self.folders.as_deref().unwrap_or_default()
    }

    /// `GET /past_meetings/{meetingUUID}`: the operation as the item writes it.
    pub fn identity(&self) -> Result<String> {
        Ok(self.target()?.identity())
    }

    /// `GET /past_meetings/{}`: what makes two items the same operation ([`Target::route`]).
    pub fn route(&self) -> Result<String> {
        Ok(self.target()?.route())
    }

    pub fn target(&self) -> Result<Target> {
        Target::of(&self.item).with_context(|| self.label())
    }

    /// `origin (item 'name')`, for messages.
    pub fn label(&self) -> String {
        format!("{} (item '{}')", self.origin, self.item.name)
    }
}
