//! Compatibility re-export: [`Secret`] lives in the values floor (crates/psvalue) since the crate split.

pub use psvalue::secret::*;
