//! The one reader of what users feed the xtask: a Postman item, a v2.1 collection with nested
//! folders, or a Zoom docs page, given as text. `import` stores what it reads, `convert`
//! converts it, the store reads its own files with it. Every item is parsed and checked here,
//! so bad input is refused before anything happens, with an error naming the file and item.
//!
//! A collection is read in one pass (`Entry`): folders as they come, each item's fields
//! only delimited in the text. Each item is then read into the typed model from those
//! fields, which are also kept ([`SourceItem::raw`]) for the store: no generic JSON tree of a
//! whole collection is ever built.

use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use super::page;
use super::postman::{Auth, Description, Folder, Item};
use super::{Source, SourceItem};

/// What one input file holds.
#[derive(Debug, Default)]
pub struct Input {
    /// The collection's own settings (`info`, `auth`, `variable`) as written.
    pub collection: Option<Value>,
    /// Settings a docs page implies, to be used only where none exist yet.
    pub collection_fallback: Option<Value>,
    pub items: Vec<SourceItem>,
    /// Items of a collection that could not be read: reported and left out, so that one bad
    /// item never blocks the rest.
    pub rejected: Vec<Rejected>,
}

/// An item left out, and why. `message` names the file and the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub origin: String,
    pub message: String,
}

impl Rejected {
    pub fn new(origin: &str, error: &anyhow::Error) -> Rejected {
        Rejected {
            origin: origin.to_owned(),
            message: format!("{error:#}"),
        }
    }
}

/// Reads one input file's text; `label` names it in errors.
pub fn read(label: &str, text: &str) -> Result<Input> {
    // Editors on Windows save JSON with a byte-order mark, which JSON itself forbids.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A docs page opens with its breadcrumb, JSON with `{`: only what could be a page is
    // searched for the page marker.
    if !text.trim_start().starts_with(['{', '['])
        && let Some(page) = page::parse(text)
    {
        return read_page(label, page.with_context(|| label.to_owned())?);
    }
    let top: TopLevel = match serde_json::from_str(text) {
        Ok(top) => top,
        Err(err) => {
            let value: Value = serde_json::from_str(text)
                .map_err(|e| anyhow!("{label}: not JSON and not a documentation page: {e}"))?;
            let detail = match &value {
                // The only list in the folder tree is a folder's `item`s.
                Value::Object(_) if err.to_string().contains("expected a sequence") => {
                    format!("\"item\" is not a list ({err})")
                }
                Value::Object(_) => format!("not a Postman collection: {err}"),
                other => format!(
                    "expected a Postman item or collection (a JSON object), found {}",
                    kind(other)
                ),
            };
            bail!("{label}: {detail}");
        }
    };
    if top.request.is_some() {
        return Ok(Input {
            items: vec![item(
                label.to_owned(),
                None,
                RawValue::from_string(text.to_owned())?,
            )?],
            ..Default::default()
        });
    }
    let Some(children) = top.item else {
        bail!("{label}: neither a Postman item (no \"request\") nor a collection (no \"item\")");
    };
    let mut settings = Map::new();
    for (key, raw) in [
        ("info", top.info),
        ("auth", top.auth),
        ("variable", top.variable),
    ] {
        if let Some(raw) = raw {
            settings.insert(key.to_owned(), serde_json::from_str(raw.get())?);
        }
    }
    let mut input = Input {
        collection: Some(Value::Object(settings)),
        ..Default::default()
    };
    let mut pending = Vec::new();
    walk(
        label,
        children,
        &mut Vec::new(),
        &mut pending,
        &mut input.rejected,
    )?;
    // Two items of one name in one folder would share an origin: number the later ones, so
    // that every message names exactly one item.
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for (origin, _, _) in &mut pending {
        let count = seen.entry(origin.clone()).or_default();
        *count += 1;
        if *count > 1 {
            origin.push_str(&format!(" #{count}"));
        }
    }
    for read in crate::parallel::map(pending, |(origin, folders, raw)| {
        item(origin.clone(), Some(folders), raw).map_err(|err| Rejected::new(&origin, &err))
    }) {
        match read {
            Ok(item) => input.items.push(item),
            Err(rejected) => input.rejected.push(rejected),
        }
    }
    // A collection without items (or of empty folders only) is still a collection: it
    // converts to a spec without operations; `import` refuses it, having nothing to store.
    Ok(input)
}

/// A file's top level: a collection (`item`, and its settings) or an item (`request`).
#[derive(Deserialize)]
struct TopLevel<'a> {
    #[serde(default, borrow)]
    item: Option<Vec<Entry<'a>>>,
    #[serde(default, borrow)]
    request: Option<&'a RawValue>,
    #[serde(default, borrow)]
    info: Option<&'a RawValue>,
    #[serde(default, borrow)]
    auth: Option<&'a RawValue>,
    #[serde(default, borrow)]
    variable: Option<&'a RawValue>,
}

fn read_page(label: &str, page: page::Page) -> Result<Input> {
    let mut fallback =
        json!({"info": {"name": page.collection_name.unwrap_or_else(|| "Zoom API".into())}});
    if let Some(base_url) = page.base_url {
        fallback["variable"] = json!([{"key": "baseUrl", "value": base_url, "type": "string"}]);
    }
    let raw = serde_json::value::to_raw_value(&page.item)?;
    Ok(Input {
        collection_fallback: Some(fallback),
        items: vec![item(label.to_owned(), None, raw)?],
        ..Default::default()
    })
}

/// An entry of a collection's `item` list: an item (it has a `request`), a folder (it has
/// `item`s of its own), or neither (an error, reported with its place).
enum Entry<'a> {
    /// An item's fields in their order, each only delimited in the text.
    Item(Vec<(String, &'a RawValue)>),
    Folder(Folder, Vec<Entry<'a>>),
    Neither(String),
}

impl<'de: 'a, 'a> Deserialize<'de> for Entry<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntryVisitor(std::marker::PhantomData))
    }
}

struct EntryVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> serde::de::Visitor<'de> for EntryVisitor<'a> {
    type Value = Entry<'a>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Postman item or folder (a JSON object)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Entry<'a>, A::Error> {
        use serde::de::Error;
        let mut fields: Vec<(String, &'a RawValue)> = Vec::new();
        let mut children = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "item" {
                children = Some(map.next_value::<Vec<Entry<'a>>>()?);
            } else {
                fields.push((key.into_owned(), map.next_value::<&'de RawValue>()?));
            }
        }
        let field = |name: &str| {
            fields
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, raw)| *raw)
        };
        if field("request").is_some() {
            return Ok(Entry::Item(fields));
        }
        let read = |name: &str| -> Result<Option<Value>, A::Error> {
            field(name)
                .map(|raw| serde_json::from_str(raw.get()).map_err(A::Error::custom))
                .transpose()
        };
        let name = match read("name")? {
            Some(Value::String(name)) => name,
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        let Some(children) = children else {
            return Ok(Entry::Neither(name));
        };
        let mut folder = Folder {
            name,
            ..Default::default()
        };
        // A folder's settings that cannot be read are left out, as Postman leaves them.
        if let Some(description) = read("description")?.filter(|v| !v.is_null()) {
            folder.description = Description::deserialize(description).ok();
        }
        if let Some(auth) = read("auth")?.filter(Value::is_object) {
            folder.auth = Auth::deserialize(auth).ok();
        }
        Ok(Entry::Folder(folder, children))
    }
}

/// Every item below `entries` with its origin and folders, depth first, in order, to be read
/// on its own ([`item`]). The folder tree's depth is bounded by the JSON parser's recursion
/// limit.
fn walk(
    label: &str,
    entries: Vec<Entry<'_>>,
    folders: &mut Vec<Folder>,
    out: &mut Vec<(String, Vec<Folder>, Box<RawValue>)>,
    rejected: &mut Vec<Rejected>,
) -> Result<()> {
    for entry in entries {
        match entry {
            Entry::Item(fields) => {
                let raw = item_text(&fields)?;
                let name = fields
                    .iter()
                    .find(|(key, _)| key == "name")
                    .and_then(|(_, raw)| serde_json::from_str::<String>(raw.get()).ok())
                    .unwrap_or_default();
                let origin = format!("{label}{} > '{name}'", trail(folders));
                out.push((origin, folders.clone(), raw));
            }
            Entry::Folder(folder, children) => {
                folders.push(folder);
                walk(label, children, folders, out, rejected)?;
                folders.pop();
            }
            Entry::Neither(name) => {
                let origin = format!("{label}{} > '{name}'", trail(folders));
                rejected.push(Rejected {
                    message: format!(
                        "{origin}: neither an item (no \"request\") nor a folder (no \"item\")"
                    ),
                    origin,
                });
            }
        }
    }
    Ok(())
}

/// An item's JSON from its delimited fields, in their order.
fn item_text(fields: &[(String, &RawValue)]) -> Result<Box<RawValue>> {
    let mut text = String::with_capacity(
        fields
            .iter()
            .map(|(k, v)| k.len() + v.get().len() + 4)
            .sum::<usize>()
            + 2,
    );
    text.push('{');
    for (index, (key, value)) in fields.iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(key)?);
        text.push(':');
        text.push_str(value.get());
    }
    text.push('}');
    Ok(RawValue::from_string(text)?)
}

fn trail(folders: &[Folder]) -> String {
    folders.iter().map(|f| format!(" > '{}'", f.name)).collect()
}

fn item(origin: String, folders: Option<Vec<Folder>>, raw: Box<RawValue>) -> Result<SourceItem> {
    let item = parse_item(&origin, raw.get())?;
    Ok(SourceItem {
        origin,
        folders,
        item,
        raw: Some(raw),
    })
}

/// One item's JSON text -> the typed item; the error names `origin` and, when it has one,
/// the item.
pub fn parse_item(origin: &str, text: &str) -> Result<Item> {
    match serde_json::from_str::<Item>(text) {
        Ok(item) => Ok(item),
        // The cold path: read it again as plain JSON to say exactly what is wrong.
        Err(err) => Err(diagnose(origin, text, err)),
    }
}

fn diagnose(origin: &str, text: &str, err: serde_json::Error) -> anyhow::Error {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(_) => return anyhow!("{origin}: not valid JSON: {err}"),
    };
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .map(|n| format!(" (item '{n}')"))
        .unwrap_or_default();
    let Some(object) = value.as_object() else {
        return anyhow!(
            "{origin}: expected a Postman item (a JSON object), found {}",
            kind(&value)
        );
    };
    match object.get("request") {
        None => anyhow!("{origin}{name}: not a Postman item: it has no \"request\""),
        Some(request) if !request.is_object() => anyhow!(
            "{origin}{name}: not a Postman v2.1 item: \"request\" is {}, not an object",
            kind(request)
        ),
        Some(request) if request.get("url").is_none() => {
            anyhow!("{origin}{name}: the request has no url")
        }
        Some(_) => anyhow!("{origin}{name}: not a Postman v2.1 item: {err}"),
    }
}

/// "a string", "an array", ... for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Inputs as the converter reads them. As with `import`, a later input's version of an
/// operation (its route, [`crate::model::Target::route`]) replaces an earlier one's, in the
/// earlier one's place, and a second item of one route in one input is left out and
/// reported (which of the two is meant cannot be known); items that cannot be read are
/// carried as [`Source::rejected`].
pub fn to_source(inputs: Vec<Input>) -> Result<Source> {
    let mut source = Source::default();
    let mut by_route: std::collections::HashMap<String, usize> = Default::default();
    for input in inputs {
        // Route -> the label of the item of this input that gave it first.
        let mut in_this_input: std::collections::HashMap<String, String> = Default::default();
        if let Some(settings) = input
            .collection
            .as_ref()
            .or(input.collection_fallback.as_ref())
        {
            source.collection =
                Deserialize::deserialize(settings).context("reading the collection's settings")?;
        }
        source.rejected.extend(input.rejected);
        for item in input.items {
            let route = match item.route() {
                Ok(route) => route,
                Err(err) => {
                    source.rejected.push(Rejected::new(&item.origin, &err));
                    continue;
                }
            };
            if let Some(first) = in_this_input.get(&route) {
                source.rejected.push(Rejected {
                    message: format!(
                        "{} is the same operation as {first} ({}); the first is kept",
                        item.label(),
                        item.identity().unwrap_or_default(),
                    ),
                    origin: item.origin.clone(),
                });
                continue;
            }
            in_this_input.insert(route.clone(), item.label());
            match by_route.get(&route) {
                Some(&index) => source.items[index] = item,
                None => {
                    by_route.insert(route, source.items.len());
                    source.items.push(item);
                }
            }
        }
    }
    Ok(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_keep_folders_and_each_item_as_written() {
        let text = r#"{"info": {"name": "C"}, "auth": {"type": "oauth2"}, "item": [
            {"name": "Users", "description": "People", "item": [
                {"name": "List users", "request": {"method": "GET", "url": "{{baseUrl}}/users"}, "x-extra": 1}
            ]},
            {"name": "Top", "request": {"url": "{{baseUrl}}/top"}}
        ]}"#;
        let input = read("c.json", text).unwrap();
        assert_eq!(input.collection.unwrap()["auth"]["type"], "oauth2");
        let [users, top] = &input.items[..] else {
            panic!("two items")
        };
        assert_eq!(users.origin, "c.json > 'Users' > 'List users'");
        assert_eq!(users.folders.as_ref().unwrap()[0].name, "Users");
        assert!(users.raw.as_ref().unwrap().get().contains("x-extra"));
        assert_eq!(top.folders.as_deref(), Some(&[][..]));
    }

    #[test]
    fn bad_items_are_named_and_left_out() {
        let input = read(
            "c.json",
            r#"{"item": [{"name": "A", "request": "http://x"}, {"name": "B", "request": {"url": "{{baseUrl}}/b"}}, {"name": "C"}]}"#,
        )
        .unwrap();
        // Collection v2.0 lets a request be its URL alone.
        assert_eq!(input.items.len(), 2, "the good items are read");
        let [c] = &input.rejected[..] else {
            panic!("one rejected: {:?}", input.rejected)
        };
        assert!(c.message.contains("c.json > 'C': neither an item"), "{c:?}");
        // Postman opens a request without a url; it is no operation, which its target says.
        let input = read("i.json", r#"{"name": "B", "request": {}}"#).unwrap();
        let err = format!("{:#}", input.items[0].target().unwrap_err());
        assert!(err.contains("item 'B'") && err.contains("no url"), "{err}");
    }
}
