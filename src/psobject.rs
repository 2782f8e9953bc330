//! Compatibility re-exports: the PowerShell object model lives in the values floor (crates/psvalue) since the
//! crate split. `crate::psobject::PsValue` and friends keep working; new code may use `psvalue` directly.

pub use psvalue::object::*;
