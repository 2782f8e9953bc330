//! The reader's bookkeeping, kept apart from its grammar (de.rs): RefId tables, the duplicate-attribute check,
//! and the one-pass test that lets plain text skip unescaping. Each exists for speed (docs/PERFORMANCE.md,
//! CLIXML) without giving up a check or a limit.

use crate::object::TypeNames;
use std::borrow::Cow;
use std::collections::HashMap;

/// Text borrowed from the input where it needed no unescaping, owned otherwise.
pub(crate) type Text<'a> = Cow<'a, str>;

/// Whether text can be used exactly as it stands: no entity or character reference (`&`), no line end or tab
/// to normalize (`\r`; `\n` and `\t` in attribute values), no `_x` escape (`_`). One pass over the bytes
/// instead of one search per concern; most CLIXML text is plain.
pub(crate) fn is_plain(s: &str) -> bool {
    // A fold without early exit, so the compiler can compare many bytes at once.
    !s.bytes().fold(false, |special, b| special | matches!(b, b'&' | b'\r' | b'\n' | b'\t' | b'_'))
}

/// Normalizes line ends as an XML processor must (`\r\n` and lone `\r` become `\n`).
pub(crate) fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Resolves XML's predefined and character entities; text without `&` stays borrowed.
pub(crate) fn unescape_xml(text: Text<'_>) -> Result<Text<'_>, String> {
    if !text.as_bytes().contains(&b'&') {
        return Ok(text);
    }
    let unescaped = quick_xml::escape::unescape(&text).map_err(|err| err.to_string())?.into_owned();
    Ok(Cow::Owned(unescaped))
}

/// A `<TN>` list registered for `<TNRef>`, with the member counts (`<MS>`, `<Props>`) of the last object that
/// used it.
pub(crate) struct TypeList {
    pub(crate) names: TypeNames,
    /// The size counted against [`super::Limits::max_bytes`] for each `<TNRef>` to it.
    pub(crate) bytes: usize,
    pub(crate) members: [usize; 2],
}

/// The largest capacity a remembered member count reserves: a hint, never a way for one large object to make
/// every later one allocate as much.
pub(crate) const MEMBERS_HINT_CAP: usize = 256;

/// Attribute keys seen on one element, for the duplicate check: on the stack up to eight (CLIXML elements
/// carry at most four), in a vector beyond.
#[derive(Default)]
pub(crate) struct SeenKeys<'k> {
    inline: [&'k [u8]; 8],
    len: usize,
    more: Vec<&'k [u8]>,
}

impl<'k> SeenKeys<'k> {
    /// Records `key`; false when it was already there.
    pub(crate) fn insert(&mut self, key: &'k [u8]) -> bool {
        if self.inline[..self.len].contains(&key) || self.more.contains(&key) {
            return false;
        }
        if self.len < self.inline.len() {
            self.inline[self.len] = key;
            self.len += 1;
        } else {
            self.more.push(key);
        }
        true
    }
}

/// RefId → value, for `<Ref>` and `<TNRef>`. PowerShell numbers RefIds 0, 1, 2, ... in order, so a canonical
/// decimal RefId close to the table's end goes into a vector (no hashing, no key copy); anything else (names,
/// leading zeros, a far jump that would make the vector large) into a SipHash map, so hostile RefIds can
/// neither collide on purpose nor make the vector grow beyond what the input itself paid for.
pub(crate) struct RefTable<'a, T> {
    dense: Vec<Option<T>>,
    sparse: HashMap<Text<'a>, T>,
}

impl<T> Default for RefTable<'_, T> {
    fn default() -> Self {
        RefTable { dense: Vec::new(), sparse: HashMap::new() }
    }
}

/// How far past the end of the dense table a numeric RefId may land and still go into it.
const DENSE_SLACK: usize = 1024;

fn dense_index(ref_id: &str) -> Option<usize> {
    let b = ref_id.as_bytes();
    if b.is_empty() || b.len() > 9 || (b.len() > 1 && b[0] == b'0') || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0usize, |n, d| n * 10 + usize::from(d - b'0')))
}

impl<'a, T> RefTable<'a, T> {
    /// Registers `value` under `ref_id`; a RefId used again replaces the earlier value (later wins).
    pub(crate) fn insert(&mut self, ref_id: Text<'a>, value: T) {
        if let Some(i) = dense_index(&ref_id)
            && i < self.dense.len() + DENSE_SLACK
        {
            if i >= self.dense.len() {
                self.dense.resize_with(i + 1, || None);
            }
            self.dense[i] = Some(value);
            return;
        }
        self.sparse.insert(ref_id, value);
    }

    /// The value registered last under `ref_id`, to change in place.
    pub(crate) fn get_mut(&mut self, ref_id: &str) -> Option<&mut T> {
        if let Some(i) = dense_index(ref_id)
            && self.dense.get(i).is_some_and(Option::is_some)
        {
            return self.dense[i].as_mut();
        }
        self.sparse.get_mut(ref_id)
    }

    /// The value registered last under `ref_id`. A dense slot, once filled, is always the later one: the dense
    /// part only grows, so an id that went to the map earlier and to the vector later was registered again.
    pub(crate) fn get(&self, ref_id: &str) -> Option<&T> {
        if let Some(found) = dense_index(ref_id).and_then(|i| self.dense.get(i)).and_then(Option::as_ref) {
            return Some(found);
        }
        if self.sparse.is_empty() {
            return None;
        }
        self.sparse.get(ref_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_recognised_in_one_pass() {
        assert!(is_plain("Alice Smith 50.0 GB (53,687,091,200 bytes) Zürich"));
        assert!(is_plain(""));
        for special in ["a&amp;b", "a\rb", "a\nb", "a\tb", "a_x0041_", "snake_case"] {
            assert!(!is_plain(special), "{special:?}");
        }
    }

    #[test]
    fn unescape_borrows_plain_text_and_resolves_entities() {
        assert!(matches!(unescape_xml(Cow::Borrowed("plain")), Ok(Cow::Borrowed("plain"))));
        assert_eq!(unescape_xml(Cow::Borrowed("a&lt;b&#x41;&amp;")).unwrap(), "a<bA&");
        assert!(unescape_xml(Cow::Borrowed("&bogus;")).is_err());
    }

    #[test]
    fn ref_ids_in_order_go_to_the_vector_others_to_the_map() {
        let mut t = RefTable::default();
        for i in 0..100 {
            t.insert(Cow::Owned(i.to_string()), i);
        }
        assert_eq!(t.dense.len(), 100);
        assert!(t.sparse.is_empty());
        // A far jump, a leading zero and a name are not indexes into the vector.
        t.insert(Cow::Borrowed("999999"), 1);
        t.insert(Cow::Borrowed("007"), 2);
        t.insert(Cow::Borrowed("Obj-a"), 3);
        t.insert(Cow::Borrowed("1234567890"), 4);
        assert_eq!(t.dense.len(), 100, "a hostile RefId must not make the vector grow");
        assert_eq!(t.sparse.len(), 4);
        assert_eq!(t.get("999999"), Some(&1));
        assert_eq!(t.get("007"), Some(&2));
        assert_eq!(t.get("7"), Some(&7), "\"007\" and \"7\" are different RefIds");
        assert_eq!(t.get("Obj-a"), Some(&3));
        assert_eq!(t.get("1234567890"), Some(&4));
        assert_eq!(t.get("100"), None);
        assert_eq!(t.get(""), None);
    }

    #[test]
    fn a_ref_id_registered_again_refers_to_the_later_value_wherever_each_went() {
        let mut t = RefTable::default();
        // 2000 is too far for the empty vector: it goes to the map...
        t.insert(Cow::Borrowed("2000"), "first");
        for i in 0..=2000 {
            if i != 2000 {
                t.insert(Cow::Owned(i.to_string()), "filler");
            }
        }
        // ...and the vector, grown past it since, has an empty slot there: the map's value is found.
        assert_eq!(t.get("2000"), Some(&"first"));
        // Registered again, it lands in the vector and wins.
        t.insert(Cow::Borrowed("2000"), "second");
        assert_eq!(t.get("2000"), Some(&"second"));
        *t.get_mut("2000").unwrap() = "third";
        assert_eq!(t.get("2000"), Some(&"third"));
        // Twice in the vector: the later wins too.
        t.insert(Cow::Borrowed("5"), "again");
        assert_eq!(t.get("5"), Some(&"again"));
        assert_eq!(t.get_mut("nothing"), None);
    }

    #[test]
    fn duplicate_attribute_keys_are_found_beyond_the_inline_eight() {
        let keys: Vec<String> = (0..12).map(|i| format!("k{i}")).collect();
        let mut seen = SeenKeys::default();
        for k in &keys {
            assert!(seen.insert(k.as_bytes()));
        }
        assert!(!seen.insert(b"k3"));
        assert!(!seen.insert(b"k11"));
        assert!(seen.insert(b"k12"));
    }
}
