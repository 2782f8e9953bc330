//! The lab's organisation model, which is also its JSON import format (docs/lab.md).
//!
//! Property names follow Exchange (`Alias`, `PrimarySmtpAddress`, `RecipientTypeDetails`, ...) so
//! that `mbxctl lab show` output reads like EMS output and can be imported again unchanged. Values
//! left out of an import are derived by [`LabData::normalise`] (addresses from the alias, GUIDs
//! from the name, account state from the type), so stored records are always complete.
//!
//! Two jobs, one file each: [`schema`] is the import format (what may be written, its defaults
//! and how it serialises); [`derive`] holds the rules that fill in what an import leaves out
//! and the type classifications those rules and the cmdlets share.

pub mod derive;
pub mod schema;

pub use derive::{cloud_type_name, display_type_for, is_local_mailbox, is_plain_user};
pub(crate) use derive::{immutable_id, splitmix, stable_hash, stable_uuid};
pub use schema::*;
