//! What the lab's shell and its cmdlet handlers share: the context a handler works in
//! ([`Ctx`]), why it stopped ([`Halt`]) and what a cmdlet is ([`Spec`]).
//!
//! It sits below both: `shell` builds a `Ctx` and looks a `Spec` up in `cmdlets`; the handlers in
//! `cmdlets` only see this module, so the arrows run one way (shell → cmdlets → context).

use super::LabError;
use super::audit::{self, ModifiedProperty};
use super::faults::Faults;
use super::model::{CloudMailbox, OnPremRecipient, ServerVersion, is_local_mailbox};
use super::objects;
use super::records::{self, ExchangeError, Origin};
use super::store::{ON_PREMISES, ONLINE, OrgConfig, Record, Tx};
use crate::cmdlet::Value;
use crate::exchange::RecipientTypeDetails;
use crate::psobject::PsValue;
use crate::secret::Secret;
use crate::shell::{ErrorRecord, Outcome, Side};

/// The Exchange Online host named in "couldn't be found on" errors and the error id's `Server=`.
pub(crate) const ONLINE_DC: &str = "AM6PR06A002DC01.EURPR06A002.prod.outlook.com";
pub(crate) const ONLINE_SERVER: &str = "AM6PR06MB5795";

/// One cmdlet as the lab implements it.
pub(crate) struct Spec {
    /// Exchange's spelling.
    pub name: &'static str,
    /// The .NET type PowerShell names in FullyQualifiedErrorId.
    pub dotnet: &'static str,
    /// The side it exists on.
    pub side: Side,
    /// Parameters it takes (besides the common ones, and WhatIf/Confirm for mutating cmdlets).
    pub params: &'static [&'static str],
    /// Parameters without which PowerShell refuses to run it.
    pub mandatory: &'static [&'static str],
    /// The parameter an unnamed argument binds to.
    pub positional: Option<&'static str>,
    /// Whether it writes (one write transaction, audit log entry).
    pub mutating: bool,
    /// The management role that puts it in the session (on-premises).
    pub role: Option<&'static str>,
    /// The handler.
    pub run: fn(&mut Ctx<'_, '_>) -> Result<(), Halt>,
}

/// Why a cmdlet stopped: a store failure, a PowerShell (terminating) record, or an Exchange error.
pub(crate) enum Halt {
    Store(LabError),
    Record(Box<ErrorRecord>),
    Exchange(ExchangeError, String),
}

impl From<LabError> for Halt {
    fn from(e: LabError) -> Self {
        Halt::Store(e)
    }
}

/// A multi-valued parameter value: replace the list, or edit it.
pub(crate) enum MultiEdit {
    Replace(Vec<String>),
    Edit { add: Vec<String>, remove: Vec<String> },
}

/// Everything a cmdlet handler works with.
pub(crate) struct Ctx<'a, 't> {
    pub tx: &'a Tx<'t>,
    pub org: OrgConfig,
    pub side: Side,
    pub spec: &'static Spec,
    pub args: Vec<(&'static str, &'a Value)>,
    pub out: Outcome,
    pub now: i64,
    pub faults: &'a Faults,
    pub what_if: bool,
    pub audit_target: Option<String>,
    pub modified: Vec<ModifiedProperty>,
}

/// How many items a listing returns and which warning a cut list gets.
pub(crate) enum Limit {
    Default(usize),
    Explicit(usize),
    Unlimited,
}

impl Limit {
    /// Rows to fetch: one more than shown, to know whether more exist.
    pub fn fetch(&self) -> Option<usize> {
        match self {
            Limit::Default(n) | Limit::Explicit(n) => Some(n + 1),
            Limit::Unlimited => None,
        }
    }
}

impl<'a> Ctx<'a, '_> {
    pub fn dc(&self) -> String {
        match self.side {
            Side::OnPremises => self.org.organization.dc(),
            Side::Online => ONLINE_DC.into(),
        }
    }

    pub fn origin(&self) -> Origin<'_> {
        let server = match self.side {
            Side::OnPremises => self.org.connected().name.as_str(),
            Side::Online => ONLINE_SERVER,
        };
        Origin { side: self.side, server, now: self.now }
    }

    pub fn version(&self) -> Option<ServerVersion> {
        ServerVersion::parse(&self.org.connected().admin_display_version)
    }

    pub fn emit(&mut self, v: PsValue) {
        self.out.output.push(v);
    }

    pub fn warn(&mut self, w: String) {
        self.out.warnings.push(w);
    }

    /// Stops the cmdlet with an Exchange error about `target`.
    pub fn fail(&self, e: ExchangeError, target: &str) -> Halt {
        Halt::Exchange(e, target.to_string())
    }

    pub fn arg(&self, name: &str) -> Option<&'a Value> {
        self.args.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    fn bind_error(&self, r: ErrorRecord) -> Halt {
        Halt::Record(Box::new(r))
    }

    fn type_of(v: &Value) -> &'static str {
        match v {
            Value::Switch(_) => "System.Management.Automation.SwitchParameter",
            Value::String(_) | Value::Dynamic(_) => "System.String",
            Value::Int(_) => "System.Int32",
            Value::Bool(_) => "System.Boolean",
            Value::List(_) => "System.Object[]",
            Value::AddRemove { .. } => "System.Collections.Hashtable",
            Value::Secure(_) => "System.Security.SecureString",
        }
    }

    fn shown(v: &Value) -> String {
        match v {
            Value::Secure(_) => Secret::MASK.into(),
            other => audit::audit_value(other),
        }
    }

    /// A single text value (identities, names, enum values).
    pub fn text(&self, name: &'static str) -> Result<Option<String>, Halt> {
        match self.arg(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Int(i)) => Ok(Some(i.to_string())),
            Some(Value::List(l)) if l.len() == 1 => Ok(Some(l[0].clone())),
            Some(v) => Err(self.bind_error(records::cannot_convert(
                self.spec.name,
                self.spec.dotnet,
                name,
                &Self::shown(v),
                Self::type_of(v),
                "System.String",
            ))),
        }
    }

    /// A mandatory text value.
    pub fn required(&self, name: &'static str) -> Result<String, Halt> {
        self.text(name)?
            .ok_or_else(|| self.bind_error(records::missing_mandatory(self.spec.name, self.spec.dotnet, name)))
    }

    /// A `[bool]` parameter.
    pub fn boolean(&self, name: &'static str) -> Result<Option<bool>, Halt> {
        match self.arg(name) {
            None => Ok(None),
            Some(Value::Bool(b)) | Some(Value::Switch(b)) => Ok(Some(*b)),
            Some(Value::Int(0)) => Ok(Some(false)),
            Some(Value::Int(1)) => Ok(Some(true)),
            Some(v) => Err(self.bind_error(records::boolean_expected(
                self.spec.name,
                self.spec.dotnet,
                name,
                Self::type_of(v),
            ))),
        }
    }

    /// A switch parameter (present, or `-X:$false`).
    pub fn switch(&self, name: &'static str) -> Result<bool, Halt> {
        Ok(self.boolean(name)?.unwrap_or(false))
    }

    /// A multi-valued parameter given as a list (or one value).
    pub fn list(&self, name: &'static str) -> Result<Option<Vec<String>>, Halt> {
        match self.arg(name) {
            None => Ok(None),
            Some(Value::List(l)) => Ok(Some(l.clone())),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(Value::Int(i)) => Ok(Some(vec![i.to_string()])),
            Some(v) => Err(self.bind_error(records::cannot_convert(
                self.spec.name,
                self.spec.dotnet,
                name,
                &Self::shown(v),
                Self::type_of(v),
                "System.String[]",
            ))),
        }
    }

    /// A multi-valued property edit: a list replaces, `@{Add=..;Remove=..}` edits.
    pub fn multi(&self, name: &'static str) -> Result<Option<MultiEdit>, Halt> {
        match self.arg(name) {
            Some(Value::AddRemove { add, remove }) => {
                Ok(Some(MultiEdit::Edit { add: add.clone(), remove: remove.clone() }))
            }
            Some(Value::String(s)) if s.is_empty() || s.eq_ignore_ascii_case("$null") => {
                Ok(Some(MultiEdit::Replace(vec![])))
            }
            _ => Ok(self.list(name)?.map(MultiEdit::Replace)),
        }
    }

    /// A SecureString parameter. Plain text is refused (and never echoed).
    pub fn secure(&self, name: &'static str) -> Result<Option<&'a Secret>, Halt> {
        match self.arg(name) {
            None => Ok(None),
            Some(Value::Secure(s)) => Ok(Some(s)),
            Some(v) => Err(self.bind_error(records::cannot_convert(
                self.spec.name,
                self.spec.dotnet,
                name,
                Secret::MASK,
                Self::type_of(v),
                "System.Security.SecureString",
            ))),
        }
    }

    /// An enum value, matched case-insensitively against `valid`, in Exchange's spelling.
    pub fn enum_value(
        &self,
        name: &'static str,
        enum_type: &str,
        valid: &[&'static str],
    ) -> Result<Option<&'static str>, Halt> {
        let Some(v) = self.text(name)? else { return Ok(None) };
        valid.iter().find(|x| x.eq_ignore_ascii_case(v.trim())).map(|x| Some(*x)).ok_or_else(|| {
            self.bind_error(records::enum_value_invalid(self.spec.name, self.spec.dotnet, name, &v, enum_type, valid))
        })
    }

    /// Several enum values.
    pub fn enum_list(
        &self,
        name: &'static str,
        enum_type: &str,
        valid: &[&'static str],
    ) -> Result<Option<Vec<&'static str>>, Halt> {
        let Some(items) = self.list(name)? else { return Ok(None) };
        let mut out = Vec::new();
        for v in items.iter().flat_map(|i| i.split(',')).map(str::trim).filter(|s| !s.is_empty()) {
            match valid.iter().find(|x| x.eq_ignore_ascii_case(v)) {
                Some(x) => out.push(*x),
                None => {
                    return Err(self.bind_error(records::enum_value_invalid(
                        self.spec.name,
                        self.spec.dotnet,
                        name,
                        v,
                        enum_type,
                        valid,
                    )));
                }
            }
        }
        Ok(Some(out))
    }

    /// RecipientTypeDetails filter values.
    pub fn type_filter(&self) -> Result<Option<Vec<String>>, Halt> {
        let Some(items) = self.list("RecipientTypeDetails")? else { return Ok(None) };
        let mut out = Vec::new();
        for v in items.iter().flat_map(|i| i.split(',')).map(str::trim).filter(|s| !s.is_empty()) {
            match super::model::cloud_type_name(v) {
                Some(t) => out.push(t),
                None => {
                    return Err(self.bind_error(records::enum_value_invalid(
                        self.spec.name,
                        self.spec.dotnet,
                        "RecipientTypeDetails",
                        v,
                        "Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails",
                        &[
                            "UserMailbox",
                            "SharedMailbox",
                            "RoomMailbox",
                            "EquipmentMailbox",
                            "RemoteUserMailbox",
                            "...",
                        ],
                    )));
                }
            }
        }
        Ok(Some(out))
    }

    /// `-ResultSize`: a number or `Unlimited`; 1000 when absent.
    pub fn limit(&self) -> Result<Limit, Halt> {
        match self.text("ResultSize")? {
            None => Ok(Limit::Default(1000)),
            Some(s) if s.trim().eq_ignore_ascii_case("unlimited") => Ok(Limit::Unlimited),
            Some(s) => s.trim().parse::<usize>().map(Limit::Explicit).map_err(|_| {
                self.bind_error(records::cannot_convert(
                    self.spec.name,
                    self.spec.dotnet,
                    "ResultSize",
                    &s,
                    "System.String",
                    "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]",
                ))
            }),
        }
    }

    /// Cuts a listing to the limit and adds Exchange's warning when more exist.
    pub fn apply_limit<T>(&mut self, mut items: Vec<T>, limit: &Limit) -> Vec<T> {
        match limit {
            Limit::Default(n) if items.len() > *n => {
                items.truncate(*n);
                self.warn(records::warning::more_results_default(*n));
            }
            Limit::Explicit(n) if items.len() > *n => {
                items.truncate(*n);
                self.warn(records::warning::more_results_explicit());
            }
            _ => {}
        }
        items
    }

    fn resolve<R: Record>(&self, side: i64, identity: &str, accept: impl Fn(&R) -> bool) -> Result<(i64, R), Halt> {
        let mut found = Vec::new();
        for id in self.tx.lookup(side, identity)? {
            let r: R = self.tx.get(id)?;
            if accept(&r) {
                found.push((id, r));
            }
        }
        match found.len() {
            0 => Err(self.fail(ExchangeError::not_found(identity, &self.dc()), identity)),
            1 => Ok(found.remove(0)),
            _ => Err(self.fail(ExchangeError::ambiguous(identity), identity)),
        }
    }

    /// An on-premises object whose type `accept` allows.
    pub fn onprem(
        &self,
        identity: &str,
        accept: impl Fn(RecipientTypeDetails) -> bool,
    ) -> Result<(i64, OnPremRecipient), Halt> {
        self.resolve(ON_PREMISES, identity, |r: &OnPremRecipient| accept(r.recipient_type_details))
    }

    /// An on-premises mailbox (Get-Mailbox's set).
    pub fn local_mailbox(&self, identity: &str) -> Result<(i64, OnPremRecipient), Halt> {
        self.onprem(identity, is_local_mailbox)
    }

    /// An Exchange Online mailbox.
    pub fn cloud(&self, identity: &str) -> Result<(i64, CloudMailbox), Halt> {
        self.resolve(ONLINE, identity, |_: &CloudMailbox| true)
    }

    /// A trustee on-premises, as `DOMAIN\sam` (`NT AUTHORITY\SELF` as is).
    pub fn onprem_trustee(&self, user: &str) -> Result<String, Halt> {
        if user.trim().eq_ignore_ascii_case("NT AUTHORITY\\SELF") || user.trim().eq_ignore_ascii_case("SELF") {
            return Ok("NT AUTHORITY\\SELF".into());
        }
        let (_, r) = self.onprem(user, |_| true)?;
        Ok(r.domain_account(&self.org.organization))
    }

    /// A trustee in Exchange Online, as its UPN.
    pub fn cloud_trustee(&self, user: &str) -> Result<String, Halt> {
        let (_, m) = self.cloud(user)?;
        Ok(m.user_principal_name.clone().unwrap_or(m.name))
    }

    /// Fails a mutating cmdlet on an identity listed in the `fail` fault (docs/exchange-notes.md §6.3 text).
    pub fn guard<R: Record>(&self, r: &R) -> Result<(), Halt> {
        if self.faults.fail.is_empty() {
            return Ok(());
        }
        let keys = r.keys(&self.org.organization);
        let hit = self.faults.fail.iter().find(|f| keys.contains(&super::store::key(f)));
        match hit {
            Some(f) => Err(self.fail(ExchangeError::access_denied(&self.dc()), f)),
            None => Ok(()),
        }
    }

    /// Saves a changed record (unless -WhatIf) and notes what changed for the audit log. Returns
    /// whether anything changed.
    pub fn save<R: Record>(&mut self, id: i64, before: &R, after: &R) -> Result<bool, Halt> {
        let b = serde_json::to_value(before)
            .map_err(|e| LabError::Store { dir: Default::default(), message: e.to_string() })?;
        let a = serde_json::to_value(after)
            .map_err(|e| LabError::Store { dir: Default::default(), message: e.to_string() })?;
        let changes = audit::diff(&b, &a);
        if changes.is_empty() {
            return Ok(false);
        }
        if !self.what_if {
            self.tx.update(id, after, &self.org.organization)?;
        }
        self.modified.extend(changes);
        Ok(true)
    }

    /// Output for a local on-premises mailbox.
    pub fn mailbox_object(&self, r: &OnPremRecipient) -> PsValue {
        objects::mailbox(r, &self.org)
    }
}
