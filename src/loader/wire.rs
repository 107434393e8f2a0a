//! The YAML wire format: the shape of a content file, read permissively.
//!
//! Nothing here refuses a page for what it says. A value of the wrong kind is kept as
//! what was found ([`Node::Wrong`]), an unknown key or a key given twice is kept with its
//! place ([`Mapping::extra`]), and every leaf is a [`Raw`] scalar, so that
//! [`super::validate`] can report every problem of a file in one pass. Only what
//! serde-saphyr itself refuses (YAML that does not parse, a budget breached) stops a read.
//!
//! Each value is read as an [`At`]: the value, and where the file holds it when the read
//! keeps places ([`Located`], through serde-saphyr's `Spanned`). The viewer's read keeps
//! none ([`Bare`]) and expects a page that loads: keys and text as strings, which spares
//! `Spanned` (about a tenth of a big page's parse) and the number and boolean guesses of
//! an untyped read. Anything else stops it, and the loader reads the file again, located,
//! to report every problem at its place.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::allowance;
use super::places::{Field, Place};
use crate::model::{Review, Screenshot};

/// How a read keeps the places of values.
pub(super) trait Spans: Sized {
    /// What a value keeps of its place.
    type Place;

    /// Reads a `T` with its place.
    fn read<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<At<T, Self>, D::Error>;

    /// The place kept, if any.
    fn place(place: &Self::Place) -> Option<&Place>;

    /// Reads a value where text goes, or a key, with `visitor`.
    fn text<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        d: D,
        visitor: V,
    ) -> Result<V::Value, D::Error>;
}

/// A read that keeps no places: the viewer's load of a page.
pub(super) enum Bare {}

impl Spans for Bare {
    type Place = ();

    fn read<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<At<T, Self>, D::Error> {
        T::deserialize(d).map(|value| At { value, place: () })
    }

    fn place((): &()) -> Option<&Place> {
        None
    }

    /// Text only: a number, a boolean or a collection stops the read.
    fn text<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        d: D,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_str(visitor)
    }
}

/// A read that keeps every value's place: `--check`, and the second read of a page with
/// a problem.
pub(super) enum Located {}

impl Spans for Located {
    type Place = Option<Place>;

    fn read<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<At<T, Self>, D::Error> {
        Spanned::<T>::deserialize(d).map(|s| At {
            place: Place::from_spans(&s.referenced, &s.defined),
            value: s.value,
        })
    }

    fn place(place: &Option<Place>) -> Option<&Place> {
        place.as_ref()
    }

    /// Any value: what is not text is kept as found, to be reported.
    fn text<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        d: D,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_any(visitor)
    }
}

/// A value and, when the read keeps them, its place.
pub(super) struct At<T, S: Spans> {
    pub value: T,
    pub place: S::Place,
}

impl<'de, T: Deserialize<'de>, S: Spans> Deserialize<'de> for At<T, S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        S::read(d)
    }
}

/// Any YAML value, as a leaf sees it: a scalar as the parser resolved it, or only the
/// kind of a collection (whose content is read past).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Raw {
    Text(String),
    /// A plain scalar that reads as a number (`8`, `7.5`, `0x1F`, `.nan`).
    Number(f64),
    /// A plain scalar that reads as a boolean (`true`, `yes`).
    Bool(bool),
    /// `~`, `null`, or nothing at all.
    Null,
    List,
    Mapping,
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

/// A value where text goes, read as [`Spans::text`] reads it.
pub(super) struct Text<S>(pub Raw, PhantomData<fn() -> S>);

impl<'de, S: Spans> Deserialize<'de> for Text<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = d.deserialize_option(TextVisitor::<S>(PhantomData))?;
        if matches!(raw, Raw::Text(_)) {
            // Where `--check` keeps it ([`super::Places`]), with room for its list to grow.
            allowance::charge::<D::Error>(2 * size_of::<(Field, Place)>())?;
        }
        Ok(Self(raw, PhantomData))
    }
}

/// A value read with its place whatever the read keeps: a rating, whose spelling tells
/// `010` from `10` and `"8"` from `8`, and running text, whose scalar style says where
/// its paragraphs break.
pub(super) struct Spelt<T> {
    pub value: T,
    pub place: Option<Place>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spelt<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        Ok(Self {
            place: Place::from_spans(&s.referenced, &s.defined),
            value: s.value,
        })
    }
}

/// Running text: its paragraphs, found in the model, are charged by its line breaks.
pub(super) struct Prose<S>(pub Spelt<Text<S>>);

impl<'de, S: Spans> Deserialize<'de> for Prose<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spelt = Spelt::<Text<S>>::deserialize(d)?;
        if let Raw::Text(s) = &spelt.value.0 {
            let breaks = memchr::memchr_iter(b'\n', s.as_bytes()).count();
            allowance::charge::<D::Error>(breaks.saturating_mul(2 * size_of::<usize>()))?;
        }
        Ok(Self(spelt))
    }
}

/// Null, or what [`Spans::text`] reads.
struct TextVisitor<S>(PhantomData<fn() -> S>);

impl<'de, S: Spans> Visitor<'de> for TextVisitor<S> {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text")
    }

    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        S::text(d, RawVisitor)
    }
}

struct RawVisitor;

/// The visits of scalars other than text, shared by the visitors here, which differ in
/// what they make of a scalar.
macro_rules! visit_scalars {
    ($wrap:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Bool(v)))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            // Only a rating's range is checked on a number, and no integer this large
            // is in range however it rounds.
            #[allow(clippy::cast_precision_loss)]
            Ok($wrap(Raw::Number(v as f64)))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            #[allow(clippy::cast_precision_loss)]
            Ok($wrap(Raw::Number(v as f64)))
        }

        fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
            #[allow(clippy::cast_precision_loss)]
            Ok($wrap(Raw::Number(v as f64)))
        }

        fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
            #[allow(clippy::cast_precision_loss)]
            Ok($wrap(Raw::Number(v as f64)))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Number(v)))
        }

        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
            allowance::charge::<E>(allowance::string(v.len()))?;
            Ok($wrap(Raw::Text(String::from_utf8_lossy(v).into_owned())))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Null))
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrap(Raw::Null))
        }
    };
}

/// The visits of text, taking a string the parser made without copying it.
macro_rules! visit_text {
    ($wrap:expr) => {
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            allowance::charge::<E>(allowance::string(v.len()))?;
            Ok($wrap(Raw::Text(v.to_owned())))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            allowance::charge::<E>(allowance::string(v.capacity()))?;
            Ok($wrap(Raw::Text(v)))
        }
    };
}

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    visit_scalars!(std::convert::identity);
    visit_text!(std::convert::identity);

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Raw, A::Error> {
        skip_seq(seq).map(|()| Raw::List)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Raw, A::Error> {
        skip_map(map).map(|()| Raw::Mapping)
    }
}

fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A collection the format expects, or what was found instead.
pub(super) enum Node<T> {
    Ok(T),
    Wrong(Raw),
}

/// A collection of the format: how it reads a YAML mapping or list. What it does not
/// read is found in the wrong place.
pub(super) trait Collection: Sized {
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Node<Self>, A::Error> {
        skip_map(map).map(|()| Node::Wrong(Raw::Mapping))
    }

    fn from_seq<'de, A: SeqAccess<'de>>(seq: A) -> Result<Node<Self>, A::Error> {
        skip_seq(seq).map(|()| Node::Wrong(Raw::List))
    }
}

impl<'de, T: Collection> Deserialize<'de> for Node<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor(PhantomData))
    }
}

struct NodeVisitor<T>(PhantomData<T>);

impl<'de, T: Collection> Visitor<'de> for NodeVisitor<T> {
    type Value = Node<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    visit_scalars!(Node::Wrong);
    visit_text!(Node::Wrong);

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node<T>, D::Error> {
        Node::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Node<T>, A::Error> {
        T::from_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Node<T>, A::Error> {
        T::from_map(map)
    }
}

/// What an item of a list costs as it is read, in bytes: its size in a read that keeps
/// places, and its size in the model (see [`allowance`]).
pub(super) trait Weighed {
    const WEIGHT: usize;
}

impl Weighed for Raw {
    const WEIGHT: usize = size_of::<At<Raw, Located>>();
}

impl<T: for<'de> Deserialize<'de> + Weighed> Collection for Vec<T> {
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Node<Self>, A::Error> {
        let mut items = Vec::new();
        while let Some(Listed(item)) = seq.next_element()? {
            grow(&mut items);
            items.push(item);
        }
        Ok(Node::Ok(items))
    }
}

/// An item of a list, charged before it is read: at [`Weighed::WEIGHT`], half as much
/// again for the room its list keeps to grow into ([`grow`]). A list that goes past the
/// allowance is refused at the item that does, as the parser places it.
struct Listed<T>(T);

impl<'de, T: Deserialize<'de> + Weighed> Deserialize<'de> for Listed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        allowance::charge::<D::Error>(T::WEIGHT.saturating_mul(3) / 2)?;
        T::deserialize(d).map(Self)
    }
}

/// Makes room in `items` for one more, growing it by half, so that it never holds more
/// than half as much again as its items.
fn grow<T>(items: &mut Vec<T>) {
    if items.len() == items.capacity() {
        items.reserve_exact((items.len() / 2).max(4));
    }
}

/// The keys of one mapping of the format.
pub(super) trait Keys {
    /// The keys it knows, in the order the format lists them.
    const KEYS: &'static [&'static str];
    /// Whether each of [`Self::KEYS`] is required. An optional key may also be written
    /// null (`~`), which is the same as leaving it out; a required one may not.
    const REQUIRED: &'static [bool];
}

/// A mapping's fields: one `Option<Entry>` per known key.
pub(super) trait Fields<S: Spans>: Keys + Default {
    /// Whether the key `KEYS[key]` has been read.
    fn has(&self, key: usize) -> bool;

    /// Reads the value of `KEYS[key]`, whose key is at `place`.
    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        key: usize,
        place: S::Place,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// A key as written: the index of a known key of `F`, or what was found instead.
pub(super) struct Key<F, S>(pub Result<usize, Raw>, PhantomData<fn() -> (F, S)>);

impl<'de, F: Keys, S: Spans> Deserialize<'de> for Key<F, S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let found = S::text(d, KeyVisitor::<F>(PhantomData))?;
        Ok(Self(found, PhantomData))
    }
}

struct KeyVisitor<F>(PhantomData<fn() -> F>);

impl<'de, F: Keys> Visitor<'de> for KeyVisitor<F> {
    type Value = Result<usize, Raw>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    visit_scalars!(Err);

    // Known keys are matched without allocating.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if let Some(i) = F::KEYS.iter().position(|k| *k == v) {
            return Ok(Ok(i));
        }
        allowance::charge::<E>(allowance::string(v.len()))?;
        Ok(Err(Raw::Text(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        if let Some(i) = F::KEYS.iter().position(|k| *k == v) {
            return Ok(Ok(i));
        }
        allowance::charge::<E>(allowance::string(v.capacity()))?;
        Ok(Err(Raw::Text(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_seq(seq).map(|()| Err(Raw::List))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        skip_map(map).map(|()| Err(Raw::Mapping))
    }
}

/// A known key's value, with the key's place.
pub(super) struct Entry<T, S: Spans> {
    pub key: S::Place,
    pub value: At<T, S>,
}

/// A mapping as written: the known keys' values, and the other keys.
pub(super) struct Mapping<F, S: Spans> {
    pub fields: F,
    /// Keys the format does not know (`Err`), and known keys given a second time (`Ok`),
    /// in file order. Their values are read past.
    pub extra: Vec<At<Result<usize, Raw>, S>>,
}

impl<F: Fields<S>, S: Spans> Collection for Mapping<F, S> {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Node<Self>, A::Error> {
        let mut fields = F::default();
        let mut extra = Vec::new();
        while let Some(key) = map.next_key::<At<Key<F, S>, S>>()? {
            match key.value.0 {
                Ok(i) if !fields.has(i) => fields.read(i, key.place, &mut map)?,
                found => {
                    map.next_value::<IgnoredAny>()?;
                    let weight = size_of::<At<Result<usize, Raw>, Located>>();
                    allowance::charge::<A::Error>(weight.saturating_mul(3) / 2)?;
                    grow(&mut extra);
                    extra.push(At {
                        value: found,
                        place: key.place,
                    });
                }
            }
        }
        Ok(Node::Ok(Self { fields, extra }))
    }
}

/// A mapping or list of the format, at its place.
pub(super) type Item<T, S> = At<Node<T>, S>;

/// Defines the fields of one mapping of the format: a struct of `Option<Entry>`s (every
/// key may be missing from the file: the validation says so), and its [`Keys`] and
/// [`Fields`]. Each field is marked `required` or `optional`, for the validation and
/// the JSON Schema alike.
macro_rules! fields {
    (@required required) => { true };
    (@required optional) => { false };
    ($(#[$doc:meta])* $name:ident { $($need:ident $field:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        pub(super) struct $name<S: Spans> {
            $(pub $field: Option<Entry<$ty, S>>,)*
        }

        impl<S: Spans> Default for $name<S> {
            fn default() -> Self {
                Self { $($field: None,)* }
            }
        }

        impl<S: Spans> Keys for $name<S> {
            const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];
            const REQUIRED: &'static [bool] = &[$(fields!(@required $need)),*];
        }

        impl<S: Spans> JsonSchema for $name<S> {
            fn schema_name() -> Cow<'static, str> {
                let name = stringify!($name);
                Cow::Borrowed(name.strip_suffix("Wire").unwrap_or(name))
            }

            /// An object of the known keys and no other, the required ones listed. What
            /// each key's value must be beyond its type, and that an optional key may be
            /// null, [`crate::schema`] adds.
            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                let mut properties = serde_json::Map::new();
                $(properties.insert(
                    stringify!($field).into(),
                    generator.subschema_for::<$ty>().to_value(),
                );)*
                let required: Vec<&str> = Self::KEYS
                    .iter()
                    .zip(Self::REQUIRED)
                    .filter(|(_, required)| **required)
                    .map(|(key, _)| *key)
                    .collect();
                json_schema!({
                    "type": "object",
                    "properties": properties,
                    "required": required,
                    "additionalProperties": false,
                })
            }
        }

        impl<S: Spans> Fields<S> for $name<S> {
            fn has(&self, key: usize) -> bool {
                match Self::KEYS.get(key).copied() {
                    $(Some(stringify!($field)) => self.$field.is_some(),)*
                    _ => false,
                }
            }

            fn read<'de, A: MapAccess<'de>>(
                &mut self,
                key: usize,
                place: S::Place,
                map: &mut A,
            ) -> Result<(), A::Error> {
                match Self::KEYS.get(key).copied() {
                    $(Some(stringify!($field)) => {
                        self.$field = Some(Entry { key: place, value: map.next_value()? });
                    })*
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(())
            }
        }
    };
}

/// The whole file.
pub(super) type PageNode<S> = Item<Mapping<PageWire<S>, S>, S>;

fields! {
    /// A whole page.
    PageWire {
        required title: Text<S>,
        optional language: Text<S>,
        required synopsis: Node<Mapping<SynopsisWire<S>, S>>,
        optional screenshots: Node<Mapping<ScreenshotsWire<S>, S>>,
        optional reviews: Node<Mapping<ReviewsWire<S>, S>>,
    }
}

/// The head of a page: its keys before `reviews`, read until that key, so that the
/// viewer can show the title, synopsis and screenshots of a big page while its reviews
/// are read. The read is stopped there by an error the caller expects ([`HEAD_READ`]);
/// what was read is left in the seed's slot.
///
/// Only a head that a whole read would take as it is fills the slot: a key the format
/// does not know, or one given twice, ends the read without it, and the whole read says
/// what is wrong.
pub(super) struct HeadSeed<'a>(pub &'a mut Option<PageWire<Bare>>);

/// The error that stops a head's read at its `reviews` key.
pub(super) const HEAD_READ: &str = "layar: the head of the page is read";

impl<'de> de::DeserializeSeed<'de> for HeadSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HeadSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a page")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let reviews = PageWire::<Bare>::KEYS.iter().position(|k| *k == "reviews");
        let mut fields = PageWire::<Bare>::default();
        while let Some(key) = map.next_key::<At<Key<PageWire<Bare>, Bare>, Bare>>()? {
            match key.value.0 {
                Ok(i) if Some(i) == reviews => {
                    *self.0 = Some(fields);
                    return Err(de::Error::custom(HEAD_READ));
                }
                Ok(i) if !fields.has(i) => fields.read(i, (), &mut map)?,
                _ => return Err(de::Error::custom("a key the head does not take")),
            }
        }
        // A page without reviews: its head is all of it, and the whole read is as quick.
        Ok(())
    }
}

fields! {
    SynopsisWire {
        optional heading: Text<S>,
        required text: Prose<S>,
        optional language: Text<S>,
    }
}

fields! {
    ScreenshotsWire {
        optional heading: Text<S>,
        required items: Node<Vec<Item<Mapping<ScreenshotWire<S>, S>, S>>>,
    }
}

fields! {
    ScreenshotWire {
        required caption: Text<S>,
        optional image: Text<S>,
    }
}

fields! {
    ReviewsWire {
        optional heading: Text<S>,
        required items: Node<Vec<Item<Mapping<ReviewWire<S>, S>, S>>>,
    }
}

fields! {
    ReviewWire {
        required author: Text<S>,
        optional rating: Spelt<Raw>,
        optional date: Text<S>,
        required text: Prose<S>,
        optional language: Text<S>,
    }
}

// The JSON Schema of the format ([`crate::schema`]): the wrappers that keep places and
// what was found in the wrong place say nothing of the format, and stand for what they
// wrap, as schemars' own impls for `Box<T>` do.

/// Forwards a wrapper's schema to the type it wraps.
macro_rules! forward_schema {
    (<$($param:ident $(: $bound:path)?),*> $wrapper:ty => $target:ty) => {
        impl<$($param $(: $bound)?),*> JsonSchema for $wrapper {
            fn inline_schema() -> bool {
                <$target>::inline_schema()
            }

            fn schema_name() -> Cow<'static, str> {
                <$target>::schema_name()
            }

            fn schema_id() -> Cow<'static, str> {
                <$target>::schema_id()
            }

            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                <$target>::json_schema(generator)
            }
        }
    };
}

forward_schema!(<T: JsonSchema> Node<T> => T);
forward_schema!(<T: JsonSchema, S: Spans> At<T, S> => T);
forward_schema!(<F: JsonSchema, S: Spans> Mapping<F, S> => F);
forward_schema!(<S: Spans> Prose<S> => Text<S>);

impl<S> JsonSchema for Text<S> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Text")
    }

    /// Text, or a number or boolean, which the loader takes as the file spells it
    /// (`title: 1917`).
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

impl<T> JsonSchema for Spelt<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Any")
    }

    /// Any value, read with its spelling: what it must be, the rule says.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        Schema::default()
    }
}

impl<S: Spans> Weighed for Item<Mapping<ScreenshotWire<S>, S>, S> {
    const WEIGHT: usize = size_of::<Item<Mapping<ScreenshotWire<Located>, Located>, Located>>()
        + size_of::<Screenshot>();
}

impl<S: Spans> Weighed for Item<Mapping<ReviewWire<S>, S>, S> {
    const WEIGHT: usize =
        size_of::<Item<Mapping<ReviewWire<Located>, Located>, Located>>() + size_of::<Review>();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml_options(yaml: &str) -> serde_saphyr::Options {
        super::super::yaml::options(yaml.len())
    }

    fn read<T: for<'de> Deserialize<'de>>(yaml: &str) -> T {
        serde_saphyr::from_str_with_options(yaml, yaml_options(yaml)).expect("parses")
    }

    #[test]
    fn leaves_keep_what_the_parser_found() {
        assert_eq!(read::<Raw>("hello"), Raw::Text("hello".into()));
        assert_eq!(read::<Raw>("'8'"), Raw::Text("8".into()));
        assert_eq!(read::<Raw>("7.5"), Raw::Number(7.5));
        assert_eq!(read::<Raw>("-3"), Raw::Number(-3.0));
        assert_eq!(read::<Raw>("true"), Raw::Bool(true));
        assert_eq!(read::<Raw>("~"), Raw::Null);
        assert_eq!(read::<Raw>("[1, [2]]"), Raw::List);
        assert_eq!(read::<Raw>("{a: {b: c}}"), Raw::Mapping);
    }

    #[test]
    fn collections_of_the_wrong_kind_are_kept_as_found() {
        let wrong = |yaml| match read::<Node<Vec<Raw>>>(yaml) {
            Node::Ok(_) => None,
            Node::Wrong(raw) => Some(raw),
        };
        assert_eq!(wrong("[a, b]"), None);
        assert_eq!(wrong("none yet"), Some(Raw::Text("none yet".into())));
        assert_eq!(wrong("{a: 1}"), Some(Raw::Mapping));
        assert_eq!(wrong("5"), Some(Raw::Number(5.0)));
    }

    #[test]
    fn unknown_and_repeated_keys_are_kept_in_order() {
        let yaml = "author: A\nratng: 5\nauthor: B\n[x]: y\ntext: T\n";
        let Node::Ok(review) = read::<Node<Mapping<ReviewWire<Located>, Located>>>(yaml) else {
            panic!("a mapping");
        };
        let author = review.fields.author.map(|e| e.value.value.0);
        assert_eq!(author, Some(Raw::Text("A".into())), "the first one stays");
        assert!(review.fields.rating.is_none());
        let extra: Vec<_> = review.extra.into_iter().map(|e| e.value).collect();
        assert_eq!(
            extra,
            [Err(Raw::Text("ratng".into())), Ok(0), Err(Raw::List)]
        );
    }

    #[test]
    fn a_bare_read_takes_text_only() {
        let text = |yaml: &str| {
            serde_saphyr::from_str_with_options::<Text<Bare>>(yaml, yaml_options(yaml))
                .map(|t| t.0)
                .ok()
        };
        assert_eq!(text("'1917'"), Some(Raw::Text("1917".into())));
        assert_eq!(text("1917"), Some(Raw::Text("1917".into())), "as spelt");
        assert_eq!(text("~"), Some(Raw::Null));
        assert_eq!(text("[a]"), None, "stops the read");
        let located = |yaml: &str| {
            serde_saphyr::from_str_with_options::<Text<Located>>(yaml, yaml_options(yaml))
                .map(|t| t.0)
                .ok()
        };
        assert_eq!(located("1917"), Some(Raw::Number(1917.0)));
        assert_eq!(located("[a]"), Some(Raw::List));
    }

    #[test]
    fn located_reads_keep_the_places() {
        let at: At<Raw, Located> = read("\n  \"a\\tb\"\n");
        let place = at.place.expect("placed");
        assert_eq!((place.at().line, place.at().column), (2, 3));
        assert_eq!(place.source(), 3..9);
    }
}
