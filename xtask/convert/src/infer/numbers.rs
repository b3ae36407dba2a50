//! Integer or number. Zoom's examples show amounts, sizes and percentages as whole numbers
//! (`"balance": 2039`, `"file_size": 1000`, `"satisfaction_percent": 100`) while Zoom sends
//! fractions for them, and an `i64` rejects `1.5`. A whole-number field is typed as a number
//! when
//! - an example of a field of the same name anywhere in the collection is fractional or
//!   names a number type (`"discount_rate": 0.75`, `"discount_rate": "double"`), or
//! - its name ends in a word for a measured quantity ([`MEASURES`]) and no docs page names
//!   its type as `integer`.
//!
//! A maintainer's override always stands. Responses in Postman items carry no field
//! descriptions, so names are the evidence the docs give for every field.

use std::collections::HashSet;

use heck::ToSnakeCase;

use super::{Evidence, Shape, Shaped};

/// The last words of field names that measure rather than count: money, sizes, shares.
/// `page_size` (how many records a page holds) is a count.
pub const MEASURES: &[&str] = &[
    "amount",
    "balance",
    "cost",
    "percent",
    "percentage",
    "price",
    "rate",
    "ratio",
    "size",
];

/// Field names some example shows as a number that is not whole.
#[derive(Debug, Default)]
pub struct Numbers {
    fractional: HashSet<String>,
}

impl Numbers {
    /// Notes the fields `shaped` shows as numbers.
    pub fn observe(&mut self, shaped: &Shaped) {
        shaped.walk(|key, shaped| {
            if let Some(key) = key
                && shaped.shape == Shape::Number
                && !self.fractional.contains(key)
            {
                self.fractional.insert(key.to_owned());
            }
        });
    }

    /// Whether the field `key` of shape `shaped` is a number although it looks whole.
    pub fn widens(&self, key: &str, shaped: &Shaped) -> bool {
        shaped.shape == Shape::Integer
            && match shaped.evidence {
                Evidence::Override => false,
                Evidence::Declared => self.fractional.contains(key),
                Evidence::Example => self.fractional.contains(key) || measures(key),
            }
    }
}

/// Whether a field's name says it measures a quantity (`total_amount`, `file_size`).
pub fn measures(key: &str) -> bool {
    let snake = key.to_snake_case();
    let mut words = snake.rsplit('_');
    let last = words.next().unwrap_or_default();
    MEASURES.contains(&last) && !(last == "size" && words.next() == Some("page"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn measured_names() {
        for key in [
            "balance",
            "total_amount",
            "tax_amount",
            "file_size",
            "total_size",
            "size",
            "satisfaction_percent",
            "discount_rate",
            "fileSize",
        ] {
            assert!(measures(key), "{key}");
        }
        for key in [
            "page_size",
            "total_records",
            "duration",
            "id",
            "amounts_count",
            "rated",
            "",
        ] {
            assert!(!measures(key), "{key}");
        }
    }

    #[test]
    fn evidence_decides() {
        let mut numbers = Numbers::default();
        numbers.observe(&Shaped::of(
            &json!({"plans": [{"discount_rate": 0.75}], "seats": 2}),
        ));
        numbers.observe(&Shaped::of(&json!({"ratio_of": "double"})));
        let whole = Shaped::of(&json!(3));
        let declared = Shaped::of(&json!("integer"));
        assert!(numbers.widens("discount_rate", &whole));
        assert!(numbers.widens("discount_rate", &declared));
        assert!(numbers.widens("ratio_of", &whole));
        assert!(numbers.widens("balance", &whole));
        assert!(
            !numbers.widens("balance", &declared),
            "the docs say integer"
        );
        assert!(!numbers.widens("seats", &whole));
        assert!(!numbers.widens("plans", &whole));
        let overridden = Shaped {
            evidence: Evidence::Override,
            ..whole.clone()
        };
        assert!(!numbers.widens("discount_rate", &overridden));
        assert!(!numbers.widens("balance", &Shaped::of(&json!("12"))));
    }
}
