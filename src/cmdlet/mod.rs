//! The cmdlet model: the catalogue of Exchange cmdlets mbxctl knows, typed invocations,
//! validation against the catalogue, rendering to PowerShell text through one audited literal
//! function, and parsing PowerShell text back (a command-mode tokenizer).

pub mod catalogue;
pub mod diagnostic;
pub mod invocation;
pub(crate) mod keywords;
pub mod literal;
pub mod parse;
pub mod render;
pub mod tokenizer;
pub mod validate;
pub mod version;

pub use catalogue::{Catalogue, CmdletInfo, ParamInfo, ParamKind, catalogue};
pub use diagnostic::{Diagnostic, Position, Severity};
pub use invocation::{Invocation, Parameter, Value};
pub use validate::{Target, Validated, validate};
pub use version::ExchangeVersion;
