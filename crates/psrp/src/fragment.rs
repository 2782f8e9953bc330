//! PSRP fragments (MS-PSRP 2.2.4): how one message is cut into pieces that fit a transport packet, and glued back.
//!
//! Header: ObjectId u64 BE, FragmentId u64 BE, flags (0x1 start, 0x2 end), BlobLength u32 BE, then the blob
//! (PowerShell `fragmentor.cs`). A sender numbers objects upward from 1 and fragments of one object from 0; a
//! fragment is at most 32768 bytes including the 21-byte header. On receive PowerShell caps an object at 10 MiB;
//! the reassembler here enforces that and also bounds how many objects may be half-received at once, so a
//! hostile peer cannot grow memory without limit.

use std::collections::HashMap;

/// Size of the fragment header.
pub const HEADER_LEN: usize = 21;
/// PowerShell's default fragment size, header included (`DefaultFragmentSize = 32 << 10`).
pub const MAX_FRAGMENT_SIZE: usize = 32 * 1024;
/// PowerShell's per-object receive limit.
pub const MAX_OBJECT_SIZE: usize = 10 * 1024 * 1024;

const FLAG_START: u8 = 0x1;
const FLAG_END: u8 = 0x2;

/// A fragment problem: the peer broke the framing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FragmentError {
    /// Fewer bytes than a header, or than the blob length says.
    #[error(
        "truncated fragment at byte {offset}: need {need} bytes, {have} left (a Data line must hold whole fragments)"
    )]
    Truncated {
        /// Offset of the fragment in the payload.
        offset: usize,
        /// Bytes the fragment needs.
        need: usize,
        /// Bytes left.
        have: usize,
    },
    /// Flags other than start/end are set.
    #[error("fragment {fragment_id} of object {object_id} has unknown flags {flags:#04x}")]
    BadFlags {
        /// Object id.
        object_id: u64,
        /// Fragment id.
        fragment_id: u64,
        /// The flags byte.
        flags: u8,
    },
    /// Fragments of one object out of order, or a start flag in the wrong place.
    #[error("object {object_id}: expected fragment {expected}{}, got fragment {got}", if *.expected_start { " with the start flag" } else { "" })]
    OutOfSequence {
        /// Object id.
        object_id: u64,
        /// Expected fragment id.
        expected: u64,
        /// Whether a start flag was expected.
        expected_start: bool,
        /// Received fragment id.
        got: u64,
    },
    /// The object grew past the limit.
    #[error("object {object_id} exceeds the {limit}-byte object limit")]
    ObjectTooLarge {
        /// Object id.
        object_id: u64,
        /// The limit.
        limit: usize,
    },
    /// Too many objects are half-received at once.
    #[error("more than {limit} partially received objects at once")]
    TooManyPartial {
        /// The limit.
        limit: usize,
    },
}

/// One parsed fragment, borrowing its blob from the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment<'a> {
    /// The object (message) this fragment belongs to.
    pub object_id: u64,
    /// Position of the fragment within its object, from 0.
    pub fragment_id: u64,
    /// First fragment of the object.
    pub start: bool,
    /// Last fragment of the object.
    pub end: bool,
    /// The piece of the message.
    pub blob: &'a [u8],
}

impl Fragment<'_> {
    /// Appends the encoded fragment to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.object_id.to_be_bytes());
        out.extend_from_slice(&self.fragment_id.to_be_bytes());
        let flags = if self.start { FLAG_START } else { 0 } | if self.end { FLAG_END } else { 0 };
        out.push(flags);
        // Callers never build blobs over u32::MAX: fragments are capped at MAX_FRAGMENT_SIZE.
        out.extend_from_slice(&(self.blob.len() as u32).to_be_bytes());
        out.extend_from_slice(self.blob);
    }
}

/// Splits a payload into whole fragments. A payload that ends inside a fragment is an error: OutOfProc lines
/// carry whole fragments (psrpcore relies on it, and so does this client).
pub fn parse_fragments(payload: &[u8]) -> Result<Vec<Fragment<'_>>, FragmentError> {
    let mut out = Vec::new();
    let mut offset = 0;
    while offset < payload.len() {
        let rest = &payload[offset..];
        if rest.len() < HEADER_LEN {
            return Err(FragmentError::Truncated { offset, need: HEADER_LEN, have: rest.len() });
        }
        let object_id = u64::from_be_bytes(rest[0..8].try_into().unwrap_or_default());
        let fragment_id = u64::from_be_bytes(rest[8..16].try_into().unwrap_or_default());
        let flags = rest[16];
        let len = u32::from_be_bytes(rest[17..21].try_into().unwrap_or_default()) as usize;
        if flags & !(FLAG_START | FLAG_END) != 0 {
            return Err(FragmentError::BadFlags { object_id, fragment_id, flags });
        }
        let need = HEADER_LEN.saturating_add(len);
        if rest.len() < need {
            return Err(FragmentError::Truncated { offset, need, have: rest.len() });
        }
        out.push(Fragment {
            object_id,
            fragment_id,
            start: flags & FLAG_START != 0,
            end: flags & FLAG_END != 0,
            blob: &rest[HEADER_LEN..need],
        });
        offset += need;
    }
    Ok(out)
}

/// Cuts messages into encoded fragments, numbering objects upward from 1 as PowerShell does.
#[derive(Debug, Clone)]
pub struct Fragmenter {
    next_object_id: u64,
    max_fragment: usize,
}

impl Default for Fragmenter {
    fn default() -> Self {
        Fragmenter::new(MAX_FRAGMENT_SIZE)
    }
}

impl Fragmenter {
    /// A fragmenter whose fragments are at most `max_fragment` bytes including the header (at least header + 1).
    pub fn new(max_fragment: usize) -> Self {
        Fragmenter { next_object_id: 1, max_fragment: max_fragment.max(HEADER_LEN + 1) }
    }

    /// Encodes `message` as one object: a list of encoded fragments, each at most the maximum size.
    pub fn fragment(&mut self, message: &[u8]) -> Vec<Vec<u8>> {
        let object_id = self.next_object_id;
        self.next_object_id += 1;
        let room = self.max_fragment - HEADER_LEN;
        let count = message.len().div_ceil(room).max(1);
        let mut out = Vec::with_capacity(count);
        for i in 0..count {
            let blob = &message[(i * room).min(message.len())..((i + 1) * room).min(message.len())];
            let mut bytes = Vec::with_capacity(HEADER_LEN + blob.len());
            Fragment { object_id, fragment_id: i as u64, start: i == 0, end: i + 1 == count, blob }
                .encode_into(&mut bytes);
            out.push(bytes);
        }
        out
    }
}

/// Reassembles objects from fragments, keyed by a caller-chosen channel (the OutOfProc GUID) and object id.
#[derive(Debug)]
pub struct Reassembler<K> {
    partial: HashMap<(K, u64), Partial>,
    max_object: usize,
    max_partial: usize,
}

#[derive(Debug)]
struct Partial {
    next_fragment: u64,
    data: Vec<u8>,
}

impl<K: std::hash::Hash + Eq + Clone> Reassembler<K> {
    /// A reassembler with the given per-object byte limit and number of objects that may be incomplete at once.
    pub fn new(max_object: usize, max_partial: usize) -> Self {
        Reassembler { partial: HashMap::new(), max_object, max_partial }
    }

    /// Takes one fragment; returns the whole object when this was its last fragment.
    pub fn push(&mut self, channel: &K, fragment: &Fragment<'_>) -> Result<Option<Vec<u8>>, FragmentError> {
        let key = (channel.clone(), fragment.object_id);
        let too_large = FragmentError::ObjectTooLarge { object_id: fragment.object_id, limit: self.max_object };
        match self.partial.get_mut(&key) {
            None => {
                // PowerShell's defragmenter keys on the start flag and then expects consecutive ids; it does not
                // require the first id to be 0, so neither does this (docs/psrp-notes.md, "Fragments").
                if !fragment.start {
                    return Err(FragmentError::OutOfSequence {
                        object_id: fragment.object_id,
                        expected: 0,
                        expected_start: true,
                        got: fragment.fragment_id,
                    });
                }
                if fragment.blob.len() > self.max_object {
                    return Err(too_large);
                }
                if fragment.end {
                    return Ok(Some(fragment.blob.to_vec()));
                }
                if self.partial.len() >= self.max_partial {
                    return Err(FragmentError::TooManyPartial { limit: self.max_partial });
                }
                let next_fragment = fragment.fragment_id.wrapping_add(1);
                self.partial.insert(key, Partial { next_fragment, data: fragment.blob.to_vec() });
                Ok(None)
            }
            Some(p) => {
                if fragment.start || fragment.fragment_id != p.next_fragment {
                    let expected = p.next_fragment;
                    self.partial.remove(&key);
                    return Err(FragmentError::OutOfSequence {
                        object_id: fragment.object_id,
                        expected,
                        expected_start: false,
                        got: fragment.fragment_id,
                    });
                }
                if p.data.len() + fragment.blob.len() > self.max_object {
                    self.partial.remove(&key);
                    return Err(too_large);
                }
                p.data.extend_from_slice(fragment.blob);
                p.next_fragment += 1;
                if fragment.end { Ok(self.partial.remove(&key).map(|p| p.data)) } else { Ok(None) }
            }
        }
    }

    /// Drops the half-received objects of one channel (its pipeline is gone).
    pub fn forget(&mut self, channel: &K) {
        self.partial.retain(|(k, _), _| k != channel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_layout_is_big_endian() {
        let mut out = Vec::new();
        Fragment { object_id: 0x0102, fragment_id: 3, start: true, end: true, blob: b"ab" }.encode_into(&mut out);
        assert_eq!(out, [0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 2, b'a', b'b']);
    }

    #[test]
    fn splits_at_the_size_limit_and_reassembles() {
        let msg: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let mut f = Fragmenter::default();
        let first = f.fragment(b"x");
        assert_eq!(first.len(), 1);
        let frags = f.fragment(&msg);
        assert_eq!(frags.len(), 100_000usize.div_ceil(MAX_FRAGMENT_SIZE - HEADER_LEN));
        assert!(frags.iter().all(|b| b.len() <= MAX_FRAGMENT_SIZE));
        assert_eq!(frags[0].len(), MAX_FRAGMENT_SIZE);
        let joined: Vec<u8> = frags.concat();
        let parsed = parse_fragments(&joined).unwrap();
        assert_eq!(parsed[0].object_id, 2);
        assert!(parsed[0].start && !parsed[0].end && parsed.last().unwrap().end);
        let mut r = Reassembler::new(MAX_OBJECT_SIZE, 4);
        let mut whole = None;
        for p in &parsed {
            whole = r.push(&0u8, p).unwrap();
        }
        assert_eq!(whole.unwrap(), msg);
    }

    #[test]
    fn empty_message_is_one_fragment() {
        let frags = Fragmenter::default().fragment(b"");
        assert_eq!(frags, vec![vec![0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0]]);
    }

    #[test]
    fn interleaved_objects_on_different_channels_and_ids() {
        let mut f = Fragmenter::new(HEADER_LEN + 2);
        let a = f.fragment(b"aaaa");
        let b = f.fragment(b"bbb");
        let mut r = Reassembler::new(100, 4);
        let pa: Vec<_> = a.iter().map(|x| parse_fragments(x).unwrap().remove(0)).collect();
        let pb: Vec<_> = b.iter().map(|x| parse_fragments(x).unwrap().remove(0)).collect();
        assert_eq!(r.push(&1, &pa[0]).unwrap(), None);
        assert_eq!(r.push(&1, &pb[0]).unwrap(), None);
        assert_eq!(r.push(&1, &pb[1]).unwrap(), Some(b"bbb".to_vec()));
        assert_eq!(r.push(&1, &pa[1]).unwrap(), Some(b"aaaa".to_vec()));
    }

    #[test]
    fn rejects_broken_sequences_and_limits() {
        let mut f = Fragmenter::new(HEADER_LEN + 2);
        let frags: Vec<Vec<u8>> = f.fragment(b"abcdef");
        let p: Vec<_> = frags.iter().map(|x| parse_fragments(x).unwrap().remove(0)).collect();
        let mut r = Reassembler::new(4, 1);
        assert!(matches!(r.push(&0, &p[1]), Err(FragmentError::OutOfSequence { expected: 0, got: 1, .. })));
        r.push(&0, &p[0]).unwrap();
        assert!(matches!(r.push(&0, &p[2]), Err(FragmentError::OutOfSequence { expected: 1, got: 2, .. })));
        r.push(&0, &p[0]).unwrap();
        r.push(&0, &p[1]).unwrap();
        assert_eq!(r.push(&0, &p[2]), Err(FragmentError::ObjectTooLarge { object_id: 1, limit: 4 }));
        let other = Fragmenter::new(HEADER_LEN + 2).fragment(b"xyz");
        r.push(&0, &p[0]).unwrap();
        let q = parse_fragments(&other[0]).unwrap().remove(0);
        assert_eq!(r.push(&9, &q), Err(FragmentError::TooManyPartial { limit: 1 }));
        r.forget(&0);
        assert_eq!(r.push(&9, &q).unwrap(), None);

        assert!(matches!(parse_fragments(&[0; 20]), Err(FragmentError::Truncated { need: 21, have: 20, .. })));
        let mut bad = frags[0].clone();
        bad[20] = 9;
        assert!(matches!(parse_fragments(&bad), Err(FragmentError::Truncated { need: 30, .. })));
        bad[20] = 2;
        bad[16] = 0x7;
        assert!(matches!(parse_fragments(&bad), Err(FragmentError::BadFlags { flags: 7, .. })));
    }

    #[test]
    fn a_start_fragment_need_not_be_numbered_zero() {
        let mut r: Reassembler<u8> = Reassembler::new(1 << 20, 4);
        let first = Fragment { object_id: 9, fragment_id: 3, start: true, end: false, blob: b"ab" };
        let second = Fragment { object_id: 9, fragment_id: 4, start: false, end: true, blob: b"cd" };
        assert_eq!(r.push(&1, &first).unwrap(), None);
        assert_eq!(r.push(&1, &second).unwrap(), Some(b"abcd".to_vec()));
        // The ids must still be consecutive after the start.
        r.push(&1, &first).unwrap();
        let gap = Fragment { fragment_id: 6, ..second };
        assert!(r.push(&1, &gap).is_err());
    }
}
