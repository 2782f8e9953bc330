//! A hashed, case-insensitive name index: exact name → position, in one probe or two.
//!
//! A long runbook looks a cmdlet up for every command and each of its parameters by name; a
//! binary search with case-insensitive compares over 1,400 cmdlets (or a cmdlet's 60 names and
//! aliases) costs ten or so compares each time. The index hashes the name as it is read, ignoring
//! ASCII case (cmdlet and parameter names are compared as ASCII, see [`super::cmp_ci`]), and
//! confirms the slot with one compare. Prefix lookups (`-Ident`) still
//! use the sorted tables.

/// Open addressing, linear probing, at most half full.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    /// `(hash, position + 1)`; position 0 marks an empty slot.
    slots: Box<[(u32, u32)]>,
}

/// A hash of the name that ignores ASCII case: eight bytes at a time, each with bit 0x20 set
/// (which is what changes between an ASCII letter's cases; other bytes that differ only in that
/// bit merely share a hash, and [`NameIndex::find`] compares the names anyway).
fn hash_ci(name: &str) -> u32 {
    const FOLD: u64 = 0x2020_2020_2020_2020;
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let b = name.as_bytes();
    let mut h: u64 = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) | FOLD;
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h ^ (u64::from_le_bytes(last) | FOLD)).wrapping_mul(K).rotate_left(29);
    }
    let h = h.wrapping_mul(K);
    (h >> 32) as u32
}

impl NameIndex {
    /// Indexes `keys` (each lower-case, each once) by their place in the iteration.
    pub(crate) fn build<'k>(keys: impl ExactSizeIterator<Item = &'k str>) -> Self {
        let cap = (keys.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![(0u32, 0u32); cap].into_boxed_slice();
        let mask = cap - 1;
        for (pos, key) in keys.enumerate() {
            let h = hash_ci(key);
            let mut i = h as usize & mask;
            while slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (h, pos as u32 + 1);
        }
        NameIndex { slots }
    }

    /// The position of the key equal to `input` (case-insensitively); `key_of` gives the
    /// lower-case key at a position.
    pub(crate) fn find<'k>(&self, input: &str, key_of: impl Fn(usize) -> &'k str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let h = hash_ci(input);
        let mut i = h as usize & mask;
        loop {
            let (sh, pos) = self.slots[i];
            if pos == 0 {
                return None;
            }
            if sh == h && super::cmp_ci(key_of(pos as usize - 1), input).is_eq() {
                return Some(pos as usize - 1);
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_in_any_case_and_nothing_else() {
        let keys: Vec<String> = (0..500).map(|i| format!("set-mailbox{i}")).collect();
        let index = NameIndex::build(keys.iter().map(String::as_str));
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(index.find(k, |p| &keys[p]), Some(i));
            assert_eq!(index.find(&k.to_ascii_uppercase(), |p| &keys[p]), Some(i));
        }
        for miss in ["set-mailbox", "set-mailbox500", "", "set-mailbox1 ", "sét-mailbox1"] {
            assert_eq!(index.find(miss, |p| &keys[p]), None, "{miss}");
        }
        assert_eq!(NameIndex::default().find("x", |p| &keys[p]), None);
        // Bytes that differ only in bit 0x20 but are not letters share a hash, not a match.
        let odd = ["a@b".to_string()];
        let index = NameIndex::build(odd.iter().map(String::as_str));
        assert_eq!(index.find("A@B", |p| &odd[p]), Some(0));
        assert_eq!(index.find("a`b", |p| &odd[p]), None);
    }
}
