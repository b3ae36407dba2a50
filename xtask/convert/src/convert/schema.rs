//! Shapes -> OpenAPI schemas, and the registry of named component schemas.
//!
//! Every object with properties becomes a component, and identical shapes share one
//! component instead of repeating. Names are chosen once everything is registered: the
//! shortest name that says what the shape is (`RecordingFile`, from the `recording_files`
//! lists that hold it) and no other shape wants, qualified by its parents only as far as
//! needed (`UserSettingsScheduleMeeting`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ArrayType, IntegerFormat, IntegerType, NumberFormat, NumberType,
    ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use crate::infer::numbers::Numbers;
use crate::infer::{Format, Shape, Shaped};
use crate::names::{singular, type_name};

/// Where a shape sits: the root (`PastMeetingDetailsResponse`) and then one unit per
/// property or list item on the way down (`RecordingFile` for `recording_files[]`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NamePath(Vec<String>);

impl NamePath {
    pub fn root(name: &str) -> Self {
        NamePath(vec![name.to_owned()])
    }

    pub fn child(&self, key: &str) -> Self {
        let mut units = self.0.clone();
        units.push(type_name(key));
        NamePath(units)
    }

    pub fn item(&self) -> Self {
        let mut units = self.0.clone();
        let last = units.pop().unwrap_or_default();
        units.push(match singular(&last) {
            Some(one) if !units.is_empty() => one,
            _ => format!("{last}Item"),
        });
        NamePath(units)
    }

    /// The name made of the last `k` units; a root in the middle of a name loses its
    /// `Response`/`Body` ending (`UserSettingsScheduleMeeting`).
    fn render(&self, k: usize) -> String {
        let start = self.0.len() - k.min(self.0.len());
        let units = &self.0[start..];
        let mut name = String::new();
        for (index, unit) in units.iter().enumerate() {
            let is_root = start + index == 0;
            if is_root && units.len() > 1 {
                let trimmed = unit
                    .strip_suffix("Response")
                    .or_else(|| unit.strip_suffix("Body"))
                    .unwrap_or(unit);
                name.push_str(trimmed);
            } else {
                name.push_str(unit);
            }
        }
        name
    }

    /// The place in the name map (`ListRecordingsResponse.Meeting.RecordingFile`).
    pub(super) fn key(&self) -> String {
        self.0.join(".")
    }

    /// Shorter paths name a shape better; ties go to the alphabetically first.
    pub(super) fn rank(&self) -> (usize, String) {
        (self.len(), self.render(self.len()))
    }

    /// Every unit as it is, root ending included.
    fn render_unabridged(&self) -> String {
        self.0.concat()
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// A hash of what a schema is made of, leaving out its text (descriptions, formats, enum
/// values): candidates with equal hashes are compared in full, and this is far cheaper than
/// hashing the schema's JSON, which callgrind put at 6% of `xtask convert`. It is as
/// sensitive to property order as the JSON, so exactly the same schemas are shared.
fn content_hash(schema: &Schema) -> u64 {
    use std::hash::BuildHasher;
    let mut hasher = foldhash::fast::FixedState::with_seed(0).build_hasher();
    skeleton(schema, &mut hasher);
    std::hash::Hasher::finish(&hasher)
}

fn skeleton(schema: &Schema, hasher: &mut impl std::hash::Hasher) {
    hasher.write_u8(u8::from(schema.schema_data.nullable));
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => hasher.write_u8(1),
        SchemaKind::Type(Type::Number(_)) => hasher.write_u8(2),
        SchemaKind::Type(Type::Integer(_)) => hasher.write_u8(3),
        SchemaKind::Type(Type::Boolean(_)) => hasher.write_u8(4),
        SchemaKind::Type(Type::Object(object)) => {
            hasher.write_u8(5);
            for (name, property) in &object.properties {
                hasher.write(name.as_bytes());
                hasher.write_u8(0xff);
                reference_skeleton(property, hasher);
            }
            hasher.write_usize(object.required.len());
        }
        SchemaKind::Type(Type::Array(array)) => {
            hasher.write_u8(6);
            array
                .items
                .iter()
                .for_each(|items| reference_skeleton(items, hasher));
        }
        SchemaKind::OneOf { one_of } => list_skeleton(7, one_of, hasher),
        SchemaKind::AllOf { all_of } => list_skeleton(8, all_of, hasher),
        SchemaKind::AnyOf { any_of } => list_skeleton(9, any_of, hasher),
        SchemaKind::Not { not } => {
            hasher.write_u8(10);
            reference_skeleton(not, hasher);
        }
        SchemaKind::Any(_) => hasher.write_u8(11),
    }
}

fn list_skeleton(tag: u8, list: &[ReferenceOr<Schema>], hasher: &mut impl std::hash::Hasher) {
    hasher.write_u8(tag);
    list.iter()
        .for_each(|item| reference_skeleton(item, hasher));
}

fn reference_skeleton<S: std::borrow::Borrow<Schema>>(
    schema: &ReferenceOr<S>,
    hasher: &mut impl std::hash::Hasher,
) {
    match schema {
        ReferenceOr::Reference { reference } => hasher.write(reference.as_bytes()),
        ReferenceOr::Item(schema) => skeleton(schema.borrow(), hasher),
    }
}

#[derive(Debug)]
struct Entry {
    schema: Schema,
    /// The shortest path the shape was found at: the one its name comes from.
    best: NamePath,
    pinned: Option<String>,
    /// Every place the shape was found, for the name map.
    places: Vec<NamePath>,
}

/// Component schemas, keyed by content until [`Components::finish`] names them.
#[derive(Debug, Default)]
pub struct Components {
    entries: Vec<Entry>,
    /// [`content_hash`] -> the entries with that hash (equal schemas share one).
    by_content: HashMap<u64, Vec<usize>>,
    /// Registrations answered by an identical schema already registered.
    pub shared: usize,
    /// Place -> the type name the name map keeps there.
    pub kept: HashMap<String, String>,
    /// Which whole-number fields are numbers ([`crate::infer::numbers`]).
    numbers: Numbers,
    /// Whole-number fields typed as numbers so far.
    pub widened: usize,
    /// Objects registered now are parts of responses: they keep unknown fields.
    responses: bool,
}

/// The reference to entry `index` until names are chosen; `references::resolve` replaces it.
fn placeholder(index: usize) -> String {
    format!("#/components/schemas/{PLACEHOLDER}{index}")
}

const PLACEHOLDER: &str = "\u{0}shape";

/// The named components and how to rewrite the references that point at them.
pub struct Named {
    pub schemas: IndexMap<String, ReferenceOr<Schema>>,
    /// Placeholder reference -> final reference.
    pub references: HashMap<String, String>,
    /// (place, name) of every named shape, for the name map.
    pub places: Vec<(String, String)>,
    /// (name kept until now, name given, why): renames the name map could not prevent.
    pub renamed: Vec<(String, String, String)>,
}

impl Components {
    /// A registry that types whole-number fields by `numbers`.
    pub fn with_numbers(numbers: Numbers) -> Self {
        Components {
            numbers,
            ..Default::default()
        }
    }

    /// Registers `schema` found at `path`, or finds an identical schema already registered,
    /// and returns a reference to it.
    pub fn register(&mut self, path: &NamePath, schema: Schema) -> ReferenceOr<Schema> {
        self.register_entry(path, schema, None)
    }

    /// Registers a schema under a fixed name (`ZoomError`).
    pub fn register_pinned(&mut self, name: &str, schema: Schema) -> ReferenceOr<Schema> {
        self.register_entry(&NamePath::root(name), schema, Some(name.to_owned()))
    }

    fn register_entry(
        &mut self,
        path: &NamePath,
        schema: Schema,
        pinned: Option<String>,
    ) -> ReferenceOr<Schema> {
        let content = content_hash(&schema);
        let existing = self.by_content.get(&content).and_then(|candidates| {
            candidates
                .iter()
                .copied()
                .find(|&index| self.entries[index].schema == schema)
        });
        let index = match existing {
            Some(index) => {
                // A pinned schema is set up once per registry, not found again in an item.
                if pinned.is_none() {
                    self.shared += 1;
                }
                self.entries[index].places.push(path.clone());
                let best = &mut self.entries[index].best;
                if path.rank() < best.rank() {
                    *best = path.clone();
                }
                if pinned.is_some() {
                    self.entries[index].pinned = pinned;
                }
                index
            }
            None => {
                self.entries.push(Entry {
                    schema,
                    best: path.clone(),
                    places: vec![path.clone()],
                    pinned,
                });
                self.by_content
                    .entry(content)
                    .or_default()
                    .push(self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        ReferenceOr::ref_(&placeholder(index))
    }

    /// Chooses every component's name: each shape proposes the shortest name from its
    /// shortest path; a name that one shape alone proposes is taken, the others qualify
    /// theirs with one more parent and try again.
    pub fn finish(self) -> Named {
        let mut names: Vec<Option<String>> =
            self.entries.iter().map(|e| e.pinned.clone()).collect();
        // The name map's names first; the shapes it does not name are named below.
        let places: Vec<&[NamePath]> = self.entries.iter().map(|e| &e.places[..]).collect();
        let lost = super::kept_names::keep(&places, &self.kept, &mut names);
        let mut taken: BTreeSet<String> = names.iter().flatten().cloned().collect();
        let paths: Vec<NamePath> = self.entries.iter().map(|e| e.best.clone()).collect();
        let mut level = vec![1usize; self.entries.len()];
        loop {
            let mut proposals: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for (index, name) in names.iter().enumerate() {
                if name.is_none() {
                    let path = &paths[index];
                    let candidate = match level[index].checked_sub(path.len()) {
                        None | Some(0) => path.render(level[index]),
                        // `CreateMeetingBody` and `CreateMeetingResponse` both hold `settings`.
                        Some(1) => path.render_unabridged(),
                        Some(extra) => format!("{}{extra}", path.render_unabridged()),
                    };
                    proposals.entry(candidate).or_default().push(index);
                }
            }
            if proposals.is_empty() {
                break;
            }
            for (candidate, wanting) in proposals {
                // Shapes whose whole paths render alike can only be told apart by number;
                // the first registered takes the candidate, so this always ends.
                let numbered = wanting.iter().all(|&i| level[i] > paths[i].len());
                let wanting = {
                    let mut wanting = wanting;
                    wanting.sort_unstable();
                    wanting
                };
                let winner = match wanting.as_slice() {
                    [only] => Some(*only),
                    [first, ..] if numbered => Some(*first),
                    _ => None,
                };
                for index in wanting {
                    if Some(index) == winner && !taken.contains(&candidate) {
                        taken.insert(candidate.clone());
                        names[index] = Some(candidate.clone());
                    } else {
                        level[index] += 1;
                    }
                }
            }
        }
        let renamed = super::kept_names::renamed(lost, &names, &places);
        let places =
            super::kept_names::places(&places, &names, |e| self.entries[e].pinned.is_some());
        let mut references = HashMap::new();
        // Boxed while sorted: a `Schema` is 1 KiB, and sorting moves entries many times.
        let mut schemas: Vec<(String, Box<Schema>)> = Vec::new();
        for (index, (entry, name)) in self.entries.into_iter().zip(names).enumerate() {
            let name = name.expect("the loop names every entry");
            references.insert(placeholder(index), format!("#/components/schemas/{name}"));
            schemas.push((name, Box::new(entry.schema)));
        }
        schemas.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Named {
            schemas: schemas
                .into_iter()
                .map(|(name, schema)| (name, ReferenceOr::Item(*schema)))
                .collect(),
            references,
            places,
            renamed,
        }
    }

    /// [`Components::schema_for`] a response body: its objects keep the fields the
    /// examples did not show (see [`Components::object_schema`]).
    pub fn response_schema_for(&mut self, shaped: &Shaped, path: &NamePath) -> ReferenceOr<Schema> {
        self.responses = true;
        let schema = self.schema_for(shaped, path);
        self.responses = false;
        schema
    }

    /// [`Components::object_schema`] of a response object.
    pub fn response_object_schema(
        &mut self,
        properties: &IndexMap<String, Shaped>,
        path: &NamePath,
    ) -> Schema {
        self.responses = true;
        let schema = self.object_schema(properties, path);
        self.responses = false;
        schema
    }

    /// The schema for `shaped`; objects with properties become components.
    pub fn schema_for(&mut self, shaped: &Shaped, path: &NamePath) -> ReferenceOr<Schema> {
        match &shaped.shape {
            Shape::Object(properties) if !properties.is_empty() => {
                let object = self.object_schema(properties, path);
                let reference = self.register(path, object);
                if shaped.nullable {
                    ReferenceOr::Item(nullable_ref(reference))
                } else {
                    reference
                }
            }
            _ => ReferenceOr::Item(self.inline_schema(shaped, path)),
        }
    }

    /// An object schema whose properties are all optional: examples show which fields can
    /// appear, never that a field always does. A response object keeps the fields the
    /// examples did not show (`additionalProperties: {}`: progenitor gives its type a
    /// flattened `extra` map), so a field Zoom adds is never lost. Request objects do not:
    /// progenitor's builders would then demand an `extra` value, and a request sends what its
    /// caller sets.
    pub fn object_schema(
        &mut self,
        properties: &IndexMap<String, Shaped>,
        path: &NamePath,
    ) -> Schema {
        let properties = properties
            .iter()
            .map(|(key, value)| {
                // Only objects and lists need a name path; most properties are scalars.
                let schema = match scalar_schema(value) {
                    Some(schema) if self.numbers.widens(key, value) => {
                        self.widened += 1;
                        ReferenceOr::Item(Box::new(number_schema(schema.schema_data.nullable)))
                    }
                    Some(schema) => ReferenceOr::Item(Box::new(schema)),
                    None => boxed(self.schema_for(value, &path.child(key))),
                };
                (key.clone(), schema)
            })
            .collect();
        plain(SchemaKind::Type(Type::Object(ObjectType {
            properties,
            additional_properties: self
                .responses
                .then(|| AdditionalProperties::Schema(Box::new(ReferenceOr::Item(any_schema())))),
            ..Default::default()
        })))
    }

    fn inline_schema(&mut self, shaped: &Shaped, path: &NamePath) -> Schema {
        if let Some(schema) = scalar_schema(shaped) {
            return schema;
        }
        let kind = match &shaped.shape {
            Shape::Array(items) => Type::Array(ArrayType {
                items: Some(boxed(self.schema_for(items, &path.item()))),
                min_items: None,
                max_items: None,
                unique_items: false,
            }),
            Shape::Object(_) => Type::Object(ObjectType {
                additional_properties: Some(AdditionalProperties::Any(true)),
                ..Default::default()
            }),
            _ => return any_schema(),
        };
        Schema {
            schema_data: SchemaData {
                nullable: shaped.nullable,
                ..Default::default()
            },
            schema_kind: SchemaKind::Type(kind),
        }
    }
}

/// The schema of a shape that is neither an object nor an array.
pub fn scalar_schema(shaped: &Shaped) -> Option<Schema> {
    let kind = match &shaped.shape {
        Shape::Unknown | Shape::Any => return Some(any_schema()),
        Shape::Array(_) | Shape::Object(_) => return None,
        Shape::Bool => Type::Boolean(Default::default()),
        Shape::Integer => Type::Integer(IntegerType {
            format: VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64),
            ..Default::default()
        }),
        Shape::Number => return Some(number_schema(shaped.nullable)),
        Shape::String(format) => Type::String(StringType {
            format: string_format(*format),
            ..Default::default()
        }),
    };
    Some(Schema {
        schema_data: SchemaData {
            nullable: shaped.nullable,
            ..Default::default()
        },
        schema_kind: SchemaKind::Type(kind),
    })
}

fn number_schema(nullable: bool) -> Schema {
    Schema {
        schema_data: SchemaData {
            nullable,
            ..Default::default()
        },
        schema_kind: SchemaKind::Type(Type::Number(NumberType {
            format: VariantOrUnknownOrEmpty::Item(NumberFormat::Double),
            ..Default::default()
        })),
    }
}

/// A string format as `openapiv3` reads it back from JSON: the formats it knows by name as
/// such, the others as text.
fn string_format(format: Option<Format>) -> VariantOrUnknownOrEmpty<StringFormat> {
    match format {
        None => VariantOrUnknownOrEmpty::Empty,
        Some(Format::DateTime) => VariantOrUnknownOrEmpty::Item(StringFormat::DateTime),
        Some(Format::Date) => VariantOrUnknownOrEmpty::Item(StringFormat::Date),
        Some(other) => VariantOrUnknownOrEmpty::Unknown(other.as_str().to_owned()),
    }
}

pub fn plain(kind: SchemaKind) -> Schema {
    Schema {
        schema_data: SchemaData::default(),
        schema_kind: kind,
    }
}

/// The schema that accepts any JSON value.
pub fn any_schema() -> Schema {
    plain(SchemaKind::Any(Default::default()))
}

pub fn string_schema() -> Schema {
    plain(SchemaKind::Type(Type::String(Default::default())))
}

fn nullable_ref(reference: ReferenceOr<Schema>) -> Schema {
    // OpenAPI 3.0 ignores siblings of `$ref`, so nullability needs a wrapper.
    Schema {
        schema_data: SchemaData {
            nullable: true,
            ..Default::default()
        },
        schema_kind: SchemaKind::AllOf {
            all_of: vec![reference],
        },
    }
}

fn boxed(schema: ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match schema {
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
    }
}

/// Named schemas as JSON with their references resolved, for tests.
#[cfg(test)]
pub(super) fn resolved_json(
    named: Named,
    extra: Vec<(String, ReferenceOr<Schema>)>,
) -> serde_json::Value {
    let mut spec = openapiv3::OpenAPI {
        components: Some(openapiv3::Components {
            schemas: named.schemas,
            ..Default::default()
        }),
        ..Default::default()
    };
    let schemas = &mut spec.components.as_mut().unwrap().schemas;
    schemas.extend(extra);
    super::references::resolve(&mut spec, &named.references);
    serde_json::to_value(&spec.components.unwrap().schemas).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The references `values` get and the component schemas, resolved as a spec resolves
    /// them: each root reference is parked in the spec as a component of its own.
    fn named(values: &[(&str, serde_json::Value)]) -> (Vec<serde_json::Value>, serde_json::Value) {
        let mut components = Components::default();
        let refs: Vec<_> = values
            .iter()
            .map(|(root, value)| components.schema_for(&Shaped::of(value), &NamePath::root(root)))
            .collect();
        let named = components.finish();
        let roots = refs
            .into_iter()
            .enumerate()
            .map(|(index, reference)| (format!("root{index}"), reference))
            .collect();
        let mut schemas = resolved_json(named, roots);
        let refs = (0..values.len())
            .map(|index| {
                schemas
                    .as_object_mut()
                    .unwrap()
                    .shift_remove(&format!("root{index}"))
                    .unwrap()
            })
            .collect();
        (refs, schemas)
    }

    #[test]
    fn objects_become_components_named_by_what_holds_them() {
        let (refs, schemas) = named(&[(
            "ThingResponse",
            json!({"id": 1, "settings": {"mute": true}, "recording_files": [{"name": "a"}]}),
        )]);
        assert_eq!(
            refs[0],
            json!({"$ref": "#/components/schemas/ThingResponse"})
        );
        let thing = &schemas["ThingResponse"];
        assert_eq!(
            thing["properties"]["settings"],
            json!({"$ref": "#/components/schemas/Settings"})
        );
        assert_eq!(
            thing["properties"]["recording_files"]["items"],
            json!({"$ref": "#/components/schemas/RecordingFile"})
        );
        assert_eq!(
            thing["properties"]["id"],
            json!({"type": "integer", "format": "int64"})
        );
        assert!(thing.get("required").is_none());
    }

    #[test]
    fn identical_shapes_share_one_component_and_different_ones_qualify() {
        let (refs, schemas) = named(&[
            (
                "AResponse",
                json!({"settings": {"mute": true}, "owner": {"x": 1}}),
            ),
            (
                "BResponse",
                json!({"settings": {"record": true}, "owner": {"x": 2}}),
            ),
        ]);
        assert_ne!(refs[0], refs[1]);
        let names: Vec<&String> = schemas.as_object().unwrap().keys().collect();
        assert_eq!(
            names,
            ["AResponse", "ASettings", "BResponse", "BSettings", "Owner"]
        );
    }

    #[test]
    fn null_examples_make_nullable_schemas() {
        let (_, schemas) = named(&[("T", json!({"a": null, "b": [null, 1]}))]);
        assert_eq!(schemas["T"]["properties"]["a"], json!({}));
        assert_eq!(
            schemas["T"]["properties"]["b"]["items"],
            json!({"type": "integer", "format": "int64", "nullable": true})
        );
    }

    #[test]
    fn pinned_names_win() {
        let mut components = Components::default();
        components.register_pinned(
            "ZoomError",
            plain(SchemaKind::Type(Type::Object(Default::default()))),
        );
        let named = components.finish();
        assert!(named.schemas.contains_key("ZoomError"));
    }

    #[test]
    fn type_names_are_rust_friendly() {
        let path = NamePath::root("ThingResponse").child("recording_files");
        assert_eq!(path.item().render(1), "RecordingFile");
        assert_eq!(
            NamePath::root("T").child("data").item().render(1),
            "DataItem"
        );
        assert_eq!(
            NamePath::root("TopResponse").item().render(1),
            "TopResponseItem"
        );
    }
}
