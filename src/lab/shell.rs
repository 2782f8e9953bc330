//! `LabShell`: runs invocations against the lab's store as Exchange would, one store transaction
//! per cmdlet, with fault injection, RBAC and the admin audit log.

use super::LabError;
use super::audit::{self, AuditEntry};
use super::clock;
use super::cmdlets;
use super::context::{Ctx, Halt, ONLINE_SERVER, Spec};
use super::faults::{Faults, THROTTLE_WAIT_SECONDS};
use super::model::ServerVersion;
use super::records::{self, Origin};
use super::store::{OrgConfig, Store};
use crate::cmdlet::{Invocation, Value};
use crate::shell::{ErrorRecord, Outcome, PipelineEnd, Shell, ShellError, ShellFuture, ShellInfo, ShellKind, Side};
use std::path::Path;

/// PowerShell's common parameters, accepted by every cmdlet and ignored by the lab.
const COMMON: [&str; 11] = [
    "Verbose",
    "Debug",
    "ErrorAction",
    "WarningAction",
    "InformationAction",
    "ErrorVariable",
    "WarningVariable",
    "InformationVariable",
    "OutVariable",
    "OutBuffer",
    "PipelineVariable",
];

/// A shell on a lab organisation (docs/lab.md). Every output says LAB through [`Shell::describe`].
pub struct LabShell {
    store: Store,
    side: Side,
    ran: u32,
    broken: bool,
}

impl std::fmt::Debug for LabShell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LabShell").field("dir", &self.store.dir()).field("side", &self.side).finish()
    }
}

fn shell_err(e: LabError) -> ShellError {
    ShellError::Store(e.to_string())
}

impl LabShell {
    /// Opens the lab in `dir` for one side; fails if `mbxctl lab init` has not been run there.
    pub fn open(dir: &Path, side: Side) -> Result<LabShell, LabError> {
        Ok(LabShell { store: Store::open(dir)?, side, ran: 0, broken: false })
    }

    /// The lab directory (for banners and reports: every run must say it is a lab).
    pub fn dir(&self) -> &Path {
        self.store.dir()
    }

    /// Which side this shell talks to.
    pub fn side(&self) -> Side {
        self.side
    }

    fn execute(&mut self, inv: &Invocation, faults: &Faults) -> Result<Outcome, ShellError> {
        if let Some(p) = inv.params.iter().find(|p| matches!(p.value, Value::Dynamic(_))) {
            let Value::Dynamic(src) = &p.value else { unreachable!("matched above") };
            return Err(ShellError::Unsendable {
                cmdlet: inv.cmdlet.clone(),
                reason: format!(
                    "parameter -{} has the run-time value `{src}`, which the lab cannot evaluate; give a literal value",
                    p.name.as_deref().unwrap_or("?")
                ),
            });
        }
        let now = clock::now();
        let side = self.side;
        let org: OrgConfig = self.store.read(|tx| tx.org()).map_err(shell_err)?;
        let failed = |r: ErrorRecord| Outcome { errors: vec![r], state: PipelineEnd::Failed, ..Default::default() };
        let Some(spec) = cmdlets::find(&inv.cmdlet, side) else {
            return Ok(failed(records::command_not_found(&inv.cmdlet)));
        };
        // A role the admin lacks removes the cmdlet from the session (docs/exchange-notes.md §6.3).
        if spec.role.is_some_and(|r| !org.has_role(r)) {
            return Ok(failed(records::command_not_found(&inv.cmdlet)));
        }
        if let Some(n) = faults.throttle_every.filter(|n| *n > 0) {
            let count = self.store.write(|tx| tx.bump("cmdlets_run")).map_err(shell_err)?;
            if count.is_multiple_of(u64::from(n)) {
                let server = match side {
                    Side::OnPremises => org.connected().name.clone(),
                    Side::Online => ONLINE_SERVER.into(),
                };
                let wait = faults.throttle_wait_seconds.unwrap_or(THROTTLE_WAIT_SECONDS);
                return Ok(failed(records::throttled(&Origin { side, server: &server, now }, wait)));
            }
        }
        let version = ServerVersion::parse(&org.connected().admin_display_version);
        let args = match bind(spec, inv, &org, version) {
            Ok(a) => a,
            Err(r) => return Ok(failed(*r)),
        };
        let what_if =
            matches!(args.iter().find(|(n, _)| *n == "WhatIf"), Some((_, Value::Switch(true) | Value::Bool(true))));
        let tx = self.store.begin(spec.mutating).map_err(shell_err)?;
        let mut ctx = Ctx {
            tx: &tx,
            org,
            side,
            spec,
            args,
            out: Outcome::default(),
            now,
            faults,
            what_if,
            audit_target: None,
            modified: Vec::new(),
        };
        let result = (spec.run)(&mut ctx);
        match result {
            Ok(()) => {}
            Err(Halt::Store(e)) => return Err(shell_err(e)),
            Err(Halt::Record(r)) => {
                ctx.out.errors.push(*r);
                ctx.out.state = PipelineEnd::Failed;
            }
            Err(Halt::Exchange(e, target)) => {
                let r = records::exchange_record(&ctx.origin(), spec.name, spec.dotnet, &e, &target);
                ctx.out.errors.push(r);
            }
        }
        let Ctx { org, out, audit_target, modified, .. } = ctx;
        if !spec.mutating || what_if {
            return Ok(out);
        }
        let entry = AuditEntry {
            cmdlet_name: spec.name.to_string(),
            object_modified: audit_target
                .or_else(|| inv.get_str("Identity").map(str::to_string))
                .or_else(|| inv.params.iter().find(|p| p.name.is_none()).map(|p| audit::audit_value(&p.value)))
                .unwrap_or_default(),
            cmdlet_parameters: audit::audit_parameters(inv),
            modified_properties: if out.errors.is_empty() { modified } else { Vec::new() },
            caller: match side {
                Side::OnPremises => org.organization.admin_name(),
                Side::Online => org.organization.online_admin_name(),
            },
            side,
            run_date: clock::iso(now),
            succeeded: out.errors.is_empty(),
            error: out.errors.first().map(|e| e.message.clone()),
            originating_server: match side {
                Side::OnPremises => org.connected().fqdn.clone().unwrap_or_else(|| org.connected().name.clone()),
                Side::Online => "outlook.office365.com".into(),
            },
        };
        if out.errors.is_empty() {
            tx.append_audit(&entry).map_err(shell_err)?;
            tx.commit().map_err(shell_err)?;
        } else {
            // Nothing the failed cmdlet wrote survives; the attempt is still logged.
            drop(tx);
            self.store.write(|t| t.append_audit(&entry)).map_err(shell_err)?;
        }
        Ok(out)
    }
}

/// Binds the invocation's parameters to the cmdlet's: canonical names, positional Identity,
/// unknown names refused as PowerShell does, parameters the version or RBAC removes refused too.
fn bind<'a>(
    spec: &'static Spec,
    inv: &'a Invocation,
    org: &OrgConfig,
    version: Option<ServerVersion>,
) -> Result<Vec<(&'static str, &'a Value)>, Box<ErrorRecord>> {
    let mut out: Vec<(&'static str, &'a Value)> = Vec::new();
    for p in &inv.params {
        let name = match &p.name {
            Some(n) => n.trim_start_matches('-'),
            None => match spec.positional {
                Some(pos) if !out.iter().any(|(n, _)| *n == pos) => pos,
                _ => {
                    return Err(Box::new(records::positional_not_found(
                        spec.name,
                        spec.dotnet,
                        &audit::audit_value(&p.value),
                    )));
                }
            },
        };
        let canonical = spec
            .params
            .iter()
            .chain(COMMON.iter())
            .chain(if spec.mutating { ["WhatIf", "Confirm"].iter() } else { [].iter() })
            .find(|c| c.eq_ignore_ascii_case(name))
            .copied();
        let Some(canonical) = canonical else {
            return Err(Box::new(records::parameter_not_found(spec.name, spec.dotnet, name)));
        };
        if !cmdlets::parameter_available(spec, canonical, org, version) {
            return Err(Box::new(records::parameter_not_found(spec.name, spec.dotnet, name)));
        }
        if out.iter().any(|(n, _)| *n == canonical) {
            return Err(Box::new(records::parameter_twice(spec.name, spec.dotnet, canonical)));
        }
        out.push((canonical, &p.value));
    }
    for m in spec.mandatory {
        if !out.iter().any(|(n, _)| n == m) {
            return Err(Box::new(records::missing_mandatory(spec.name, spec.dotnet, m)));
        }
    }
    Ok(out)
}

impl Shell for LabShell {
    fn run<'a>(&'a mut self, invocation: &'a Invocation) -> ShellFuture<'a, Result<Outcome, ShellError>> {
        Box::pin(async move {
            let faults: Faults = self.store.read(|tx| Ok(tx.meta("faults")?.unwrap_or_default())).map_err(shell_err)?;
            if self.broken || faults.break_after.is_some_and(|n| self.ran >= n) {
                self.broken = true;
                return Err(ShellError::Broken(format!(
                    "LAB fault injection: the session broke after {} cmdlets (break_after); open a new shell",
                    self.ran
                )));
            }
            if let Some(d) = faults.latency {
                tokio::time::sleep(d).await;
            }
            self.ran += 1;
            self.execute(invocation, &faults)
        })
    }

    fn connected_server(&mut self) -> Option<String> {
        self.store.read(|tx| Ok(tx.org()?.connected().name.clone())).ok()
    }

    fn describe(&self) -> ShellInfo {
        ShellInfo {
            kind: ShellKind::Lab,
            target: format!("LAB {} (simulated Exchange organisation)", self.store.dir().display()),
            side: self.side,
        }
    }
}
