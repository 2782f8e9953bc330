//! Exchange types: recipient types, sizes, identities, the typed results parsed from cmdlet
//! output, and the classification of Exchange's error records and warnings.

pub mod classify;
pub mod console;
pub mod identity;
pub mod recipient;
pub mod results;
pub mod side;
pub mod size;

pub use recipient::{RecipientTypeDetails, RemoteRecipientType};
pub use side::{Service, Side};
pub use size::{ByteSize, Quota};
