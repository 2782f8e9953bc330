//! `ParamMask`: a set of parameters of one cmdlet, by index, as a fixed-size bit set.
//!
//! The binder keeps "which parameters are bound", "which are mandatory in this set" and "which
//! take pipeline input" as sets and combines them with `&`, `|` and `!`; a bit set makes those
//! operations a handful of word operations without allocating. Exchange's largest cmdlet
//! (Set-Mailbox) has about 230 parameters counting the common ones, so the set holds
//! [`MAX_PARAMETERS`].

use std::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, Not};

const WORDS: usize = 8;

/// Most parameters one cmdlet may have (the size of a [`ParamMask`]).
pub const MAX_PARAMETERS: usize = WORDS * 64;

/// A set of parameter indices (into [`super::CmdletInfo::parameters`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ParamMask([u64; WORDS]);

impl ParamMask {
    /// No parameter.
    pub const EMPTY: ParamMask = ParamMask([0; WORDS]);

    /// The set holding only parameter `i`.
    pub fn single(i: usize) -> ParamMask {
        let mut m = ParamMask::EMPTY;
        m.insert(i);
        m
    }

    /// Adds parameter `i`.
    pub fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// Removes parameter `i`.
    pub fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }

    /// Whether parameter `i` is in the set.
    pub fn contains(&self, i: usize) -> bool {
        i < MAX_PARAMETERS && self.0[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// How many parameters are in the set.
    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The indices in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, bits)| {
            let mut bits = *bits;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(w * 64 + b)
            })
        })
    }
}

impl FromIterator<usize> for ParamMask {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut m = ParamMask::EMPTY;
        for i in iter {
            m.insert(i);
        }
        m
    }
}

impl BitOr for ParamMask {
    type Output = ParamMask;
    fn bitor(mut self, rhs: ParamMask) -> ParamMask {
        self |= rhs;
        self
    }
}

impl BitOrAssign for ParamMask {
    fn bitor_assign(&mut self, rhs: ParamMask) {
        for (a, b) in self.0.iter_mut().zip(rhs.0) {
            *a |= b;
        }
    }
}

impl BitAnd for ParamMask {
    type Output = ParamMask;
    fn bitand(mut self, rhs: ParamMask) -> ParamMask {
        self &= rhs;
        self
    }
}

impl BitAndAssign for ParamMask {
    fn bitand_assign(&mut self, rhs: ParamMask) {
        for (a, b) in self.0.iter_mut().zip(rhs.0) {
            *a &= b;
        }
    }
}

impl Not for ParamMask {
    type Output = ParamMask;
    fn not(mut self) -> ParamMask {
        for w in &mut self.0 {
            *w = !*w;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_across_words() {
        let mut a = ParamMask::EMPTY;
        a.insert(3);
        a.insert(130);
        a.insert(MAX_PARAMETERS - 1);
        assert!(a.contains(130) && a.contains(3) && !a.contains(4) && !a.contains(MAX_PARAMETERS));
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![3, 130, MAX_PARAMETERS - 1]);
        assert_eq!(a.len(), 3);
        let b: ParamMask = [130, 200].into_iter().collect();
        assert_eq!((a & b).iter().collect::<Vec<_>>(), vec![130]);
        assert_eq!((a | b).len(), 4);
        assert_eq!((a & !b).iter().collect::<Vec<_>>(), vec![3, MAX_PARAMETERS - 1]);
        a.remove(3);
        assert!(!a.contains(3));
        assert!(ParamMask::EMPTY.is_empty() && !ParamMask::single(0).is_empty());
    }
}
