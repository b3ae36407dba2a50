//! Type names kept by the name map ([`crate::name_map`]): before the registry names shapes
//! (`schema::Components::finish`), each shape takes the name the map gives its places.
//!
//! A shape found at several places votes with each of them; the name with most votes wins,
//! ties going to the best-ranked place. Two shapes can want one name only when a shape that
//! was shared has split (one of its places changed): the one with more places keeps it, the
//! other gets a new name, and that rename is reported.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::schema::NamePath;

/// A name a shape wanted and could not keep: (shape, name).
pub struct Lost(usize, String);

/// Fills `names` (`None` = not named yet) with the kept names. Returns the shapes that could
/// not keep theirs.
pub fn keep(
    places: &[&[NamePath]],
    kept: &HashMap<String, String>,
    names: &mut [Option<String>],
) -> Vec<Lost> {
    if kept.is_empty() {
        return Vec::new();
    }
    // (votes, rank of its best place, shape, name)
    let mut wants = Vec::new();
    for (index, shape_places) in places.iter().enumerate() {
        if names[index].is_some() {
            continue;
        }
        let mut votes: BTreeMap<&str, (usize, (usize, String))> = BTreeMap::new();
        for place in *shape_places {
            if let Some(name) = kept.get(&place.key()) {
                let vote = votes.entry(name).or_insert((0, place.rank()));
                vote.0 += 1;
                vote.1 = vote.1.clone().min(place.rank());
            }
        }
        if let Some((name, (count, rank))) = votes
            .into_iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.1.1.cmp(&a.1.1)))
        {
            wants.push((count, rank, index, name.to_owned()));
        }
    }
    wants.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let mut taken: BTreeSet<String> = names.iter().flatten().cloned().collect();
    let mut lost = Vec::new();
    for (_, _, index, name) in wants {
        if taken.insert(name.clone()) {
            names[index] = Some(name);
        } else {
            lost.push(Lost(index, name));
        }
    }
    lost
}

/// (kept name, new name, why) for each shape that lost its name.
pub fn renamed(
    lost: Vec<Lost>,
    names: &[Option<String>],
    places: &[&[NamePath]],
) -> Vec<(String, String, String)> {
    lost.into_iter()
        .map(|Lost(index, wanted)| {
            let got = names[index].clone().unwrap_or_default();
            let at = places[index]
                .iter()
                .map(NamePath::key)
                .min()
                .unwrap_or_default();
            (
                wanted.clone(),
                got,
                format!(
                    "the shape at {at} is no longer the one named {wanted}, which another shape keeps"
                ),
            )
        })
        .collect()
}

/// (place, name) of every named shape's places, sorted; shapes with a fixed name
/// (`ZoomError`) are left out.
pub fn places(
    places: &[&[NamePath]],
    names: &[Option<String>],
    fixed: impl Fn(usize) -> bool,
) -> Vec<(String, String)> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (index, shape_places) in places.iter().enumerate() {
        if fixed(index) {
            continue;
        }
        let name = names[index].clone().expect("every shape is named");
        for place in *shape_places {
            // One place can hold two shapes only in hand-made corner cases; the first
            // registered keeps the place.
            out.entry(place.key()).or_insert_with(|| name.clone());
        }
    }
    out.into_iter().collect()
}
