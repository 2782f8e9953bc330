//! `Invocation`: one cmdlet call with named, typed parameter values.
//!
//! This is the value every layer passes around: the CLI builds it from JSON or parses it from a
//! script, validation checks it against the catalogue, rendering turns it into one line of
//! PowerShell, the lab executes it, and the PSRP transport sends it as a `Command` whose `Args`
//! carry the typed values (never script text).

use crate::secret::Secret;

/// A cmdlet call: name plus parameters in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    /// The cmdlet name as written (validation canonicalizes it to the catalogue's spelling).
    pub cmdlet: String,
    /// Named parameters, in order. Positional arguments from parsed scripts are bound to names
    /// by validation; an unbound one keeps `name: None`.
    pub params: Vec<Parameter>,
}

/// One parameter of an [`Invocation`].
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The parameter name without its dash; `None` for a positional argument not yet bound.
    pub name: Option<String>,
    /// The value.
    pub value: Value,
}

/// A parameter value, typed. Validation coerces values to what the catalogue says the
/// parameter takes (a JSON `true` becomes a switch for a switch parameter, for example).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A switch: present (`-Force`) or explicitly given `-Force:$false`.
    Switch(bool),
    /// A string (also identities, enum names, sizes such as `50GB` or `Unlimited`).
    String(String),
    /// An integer.
    Int(i64),
    /// A boolean (`$true`/`$false`).
    Bool(bool),
    /// Several strings (`a,b,c`).
    List(Vec<String>),
    /// A multi-valued edit: `@{Add='a','b'; Remove='c'}`.
    AddRemove {
        /// Values to add.
        add: Vec<String>,
        /// Values to remove.
        remove: Vec<String>,
    },
    /// A secure string: never rendered, never logged; sent encrypted over PSRP.
    Secure(Secret),
    /// A value PowerShell would compute at run time (a variable, a subexpression, an expandable
    /// string with `$`, text after `--%`): kept as its source text, never guessed.
    Dynamic(String),
}

impl Invocation {
    /// A call with no parameters.
    pub fn new(cmdlet: impl Into<String>) -> Self {
        Invocation { cmdlet: cmdlet.into(), params: Vec::new() }
    }

    /// Adds a named parameter; builder style.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.params.push(Parameter { name: Some(name.into()), value: value.into() });
        self
    }

    /// Adds a switch parameter that is present.
    pub fn switch(self, name: impl Into<String>) -> Self {
        self.param(name, Value::Switch(true))
    }

    /// The value of a named parameter, matched case-insensitively on the full name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.params.iter().find(|p| p.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name))).map(|p| &p.value)
    }

    /// The string value of a parameter, if it is a string.
    pub fn get_str(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// Whether the cmdlet is `name`, compared as PowerShell does (case-insensitively).
    pub fn is(&self, name: &str) -> bool {
        self.cmdlet.eq_ignore_ascii_case(name)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::String(s.clone())
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<Vec<String>> for Value {
    fn from(v: Vec<String>) -> Self {
        Value::List(v)
    }
}
impl From<Secret> for Value {
    fn from(s: Secret) -> Self {
        Value::Secure(s)
    }
}
