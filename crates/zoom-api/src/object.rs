//! How a generated response type reads itself from a JSON object.
//!
//! serde's derived `Deserialize` was two thirds of zoom-api's own compile time: for each of
//! some 300 response types it writes a field enum with its own `Deserialize`, a sequence
//! visitor nobody uses (Zoom sends objects) and, because every type keeps the members Zoom
//! added later in `extra` (`#[serde(flatten)]`), a buffered second pass over the object.
//! Here one generic visitor does the reading; each type only says, in [`Members::member`],
//! which of its fields a key fills. What a caller sees is the same as with the derive: every
//! documented member in its field, every other one in `extra`, errors with their position
//! (and, through `serde_path_to_error`, their path).
//!
//! A member that appears twice keeps its last value instead of failing the whole response.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};

/// A generated type whose fields are all optional (or default), read member by member.
#[doc(hidden)]
pub trait Members: Default {
    /// The type's name, for "expected struct ..." in errors.
    const NAME: &'static str;

    /// Reads the value of member `key` from `map` into its field, or into `extra` when the
    /// type has no field for it.
    fn member<'de, A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// `Deserialize::deserialize` of every [`Members`] type.
#[doc(hidden)]
pub fn deserialize<'de, T: Members, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// A member name: borrowed from the input when the input allows it, so the common case (a
/// documented member) allocates nothing.
#[doc(hidden)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Members> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            value.member(key, &mut map)?;
        }
        Ok(value)
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key)))
    }
}
