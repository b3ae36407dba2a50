//! Synthetic collections for growth benchmarks: real items cloned under new names and paths
//! until the collection holds the wanted number of requests.

use anyhow::{Result, bail};
use serde_json::{Value, json};

/// A collection of `count` items made from `collection`'s: copy `k` of each item is filed in
/// folder `copy k`, named `<name> (copy k)`, under the path `/copy<k>/<path>`.
pub fn synthesize(collection: &Value, count: usize) -> Result<Value> {
    let Some(tree) = collection.get("item") else {
        bail!("the source is not a collection (no \"item\")");
    };
    let originals = count_items(tree);
    if originals == 0 {
        bail!("the source collection has no items");
    }
    let mut copies = Vec::new();
    let mut remaining = count;
    let mut copy = 0;
    while remaining > 0 {
        let mut items = tree.clone();
        remaining -= rename(&mut items, copy, remaining);
        copies.push(json!({"name": format!("copy {copy}"), "item": items}));
        copy += 1;
    }
    let mut out = collection.clone();
    out["item"] = Value::Array(copies);
    Ok(out)
}

fn count_items(tree: &Value) -> usize {
    tree.as_array().map_or(0, |children| {
        children
            .iter()
            .map(|c| {
                if c.get("request").is_some() {
                    1
                } else {
                    c.get("item").map_or(0, count_items)
                }
            })
            .sum()
    })
}

/// Renames the items of one copy, keeping at most `budget`; returns how many it kept.
fn rename(tree: &mut Value, copy: usize, budget: usize) -> usize {
    let Some(children) = tree.as_array_mut() else {
        return 0;
    };
    let mut kept = 0;
    children.retain_mut(|child| {
        if kept >= budget {
            return false;
        }
        if child.get("request").is_some() {
            if copy > 0 {
                relocate(child, copy);
            }
            kept += 1;
            true
        } else if let Some(grandchildren) = child.get_mut("item") {
            kept += rename(grandchildren, copy, budget - kept);
            true
        } else {
            false
        }
    });
    kept
}

fn relocate(item: &mut Value, copy: usize) {
    if let Some(name) = item["name"].as_str() {
        item["name"] = format!("{name} (copy {copy})").into();
    }
    let url = &mut item["request"]["url"];
    let prefix = format!("copy{copy}");
    if let Some(raw) = url.as_str() {
        *url = raw
            .replacen("{{baseUrl}}/", &format!("{{{{baseUrl}}}}/{prefix}/"), 1)
            .into();
        return;
    }
    if let Some(raw) = url["raw"].as_str() {
        url["raw"] = raw
            .replacen("{{baseUrl}}/", &format!("{{{{baseUrl}}}}/{prefix}/"), 1)
            .into();
    }
    if let Some(path) = url["path"].as_array_mut() {
        path.insert(0, prefix.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_until_the_count_with_unique_paths() {
        let source = json!({"info": {"name": "c"}, "item": [
            {"name": "F", "item": [{"name": "A", "request": {"url": {"raw": "{{baseUrl}}/a", "path": ["a"]}}}]},
            {"name": "B", "request": {"url": "{{baseUrl}}/b"}}
        ]});
        let out = synthesize(&source, 5).unwrap();
        assert_eq!(count_items(&out["item"]), 5);
        let copy2 = &out["item"][2]["item"];
        assert_eq!(copy2[0]["item"][0]["name"], "A (copy 2)");
        assert_eq!(
            copy2[0]["item"][0]["request"]["url"]["path"],
            json!(["copy2", "a"])
        );
        assert_eq!(
            copy2.as_array().unwrap().len(),
            1,
            "the fifth item ends the last copy"
        );
        assert_eq!(
            out["item"][1]["item"][1]["request"]["url"],
            "{{baseUrl}}/copy1/b"
        );
    }
}
