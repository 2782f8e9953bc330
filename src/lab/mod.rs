//! The lab: a simulated Exchange organisation, on-premises and its Exchange Online side, behind
//! the [`crate::shell::Shell`] trait (docs/lab.md).
//!
//! A lab lives in a directory (one SQLite file). [`init`] creates the default organisation,
//! [`import`] one described in JSON, [`show`] prints it back in the same format, [`open`] gives a
//! [`LabShell`] that runs cmdlets as Exchange would, [`sync`] runs directory synchronisation, and
//! faults, RBAC, the connected server and the audit log are configured here too.

mod audit;
mod clock;
mod cmdlets;
mod context;
mod faults;
mod model;
mod objects;
mod records;
mod seed;
mod shell;
mod store;
mod sync;

pub use audit::{AuditEntry, AuditParameter, ModifiedProperty};
pub use cmdlets::implemented;
pub use faults::{Faults, THROTTLE_WAIT_SECONDS};
pub use model::{
    AdAce, CloudMailbox, Database, DisconnectReason, DisconnectedMailbox, InboxRule, LabData, LabSummary, MailboxAce,
    OnPremRecipient, OnPremises, Online, Organization, RecipientAce, RoleAssignment, Server, ServerVersion,
};
pub use seed::InitOptions;
pub use shell::LabShell;
pub use store::DB_FILE;
pub use sync::{SyncChange, SyncReport};

use crate::shell::Side;
use std::path::{Path, PathBuf};
use store::{ON_PREMISES, ONLINE, OrgConfig, Store, Tx};

/// What can go wrong with a lab.
#[derive(Debug, thiserror::Error)]
pub enum LabError {
    /// The directory holds no lab.
    #[error("no lab in {}: run `mbxctl lab init` (or `mbxctl lab import FILE`) first", dir.display())]
    NotInitialised {
        /// The directory.
        dir: PathBuf,
    },
    /// The store could not be read or written.
    #[error("lab store in {}: {message}", dir.display())]
    Store {
        /// The lab directory.
        dir: PathBuf,
        /// What failed.
        message: String,
    },
    /// The import JSON is not well-formed or a field has the wrong type.
    #[error("lab import: {path}: {message} (line {line}, column {column}); see docs/lab.md for the format")]
    Parse {
        /// The field at fault (`OnPremises.Recipients[3].LitigationHoldEnabled`), `.` for the top level.
        path: String,
        /// What is wrong.
        message: String,
        /// Line in the JSON text.
        line: usize,
        /// Column.
        column: usize,
    },
    /// The import is well-formed but describes an impossible organisation.
    #[error("lab import: {field}: {message}")]
    Invalid {
        /// The field at fault.
        field: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A lab setting was given a value the lab does not have.
    #[error("lab: {0}")]
    Setting(String),
}

fn org_config(data: &LabData) -> OrgConfig {
    OrgConfig {
        organization: data.organization.clone(),
        servers: data.on_premises.servers.clone(),
        databases: data.on_premises.databases.clone(),
        role_assignments: data.on_premises.role_assignments.clone(),
    }
}

fn summary_in(tx: &Tx<'_>) -> Result<LabSummary, LabError> {
    let org = tx.org()?;
    let c = org.connected();
    Ok(LabSummary {
        organization: org.organization.name.clone(),
        servers: org.servers.len(),
        databases: org.databases.len(),
        on_premises: tx.count_by_type(ON_PREMISES)?,
        online: tx.count_by_type(ONLINE)?,
        disconnected_mailboxes: tx.disconnected(None)?.len(),
        connected_server: format!("{} ({})", c.name, c.admin_display_version),
    })
}

/// Writes a normalised organisation (plus `extra_users` generated mailboxes) as a new lab.
fn write_lab(dir: &Path, data: &LabData, extra_users: usize) -> Result<LabSummary, LabError> {
    let mut store = Store::create(dir)?;
    let org = org_config(data);
    let summary = store.write(|tx| {
        tx.set_meta("org", &org)?;
        tx.set_meta("faults", &data.faults)?;
        let o = &org.organization;
        for r in &data.on_premises.recipients {
            tx.insert(r, o)?;
        }
        for i in 0..extra_users {
            let mut r = seed::generated_user(i);
            r.normalise(o);
            tx.insert(&r, o)?;
        }
        for m in &data.online.mailboxes {
            tx.insert(m, o)?;
        }
        for d in &data.on_premises.disconnected_mailboxes {
            tx.insert_disconnected(d)?;
        }
        // Last: a lab without this marker (a crash during init) counts as not initialised.
        tx.set_schema()?;
        summary_in(tx)
    })?;
    store.publish()?;
    Ok(summary)
}

/// Creates the deterministic default organisation (docs/lab.md lists it) in `dir`, replacing any
/// lab there, with `opts.users` extra generated user mailboxes.
pub fn init(dir: &Path, opts: InitOptions) -> Result<LabSummary, LabError> {
    let mut data = seed::default_data();
    data.normalise()?;
    write_lab(dir, &data, opts.users)
}

/// Creates a lab in `dir` from the JSON format of docs/lab.md (what [`show`] prints), replacing
/// any lab there. Errors name the field at fault.
pub fn import(dir: &Path, json: &str) -> Result<LabSummary, LabError> {
    let mut data = parse(json)?;
    data.normalise()?;
    write_lab(dir, &data, 0)
}

/// Parses import JSON, naming the field at fault.
pub fn parse(json: &str) -> Result<LabData, LabError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let text = inner.to_string();
        let message = match text.rfind(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        LabError::Parse { path, message, line: inner.line(), column: inner.column() }
    })
}

/// The whole organisation in the import format, with Exchange's property names and `"Lab": true`.
pub fn show(dir: &Path) -> Result<serde_json::Value, LabError> {
    let mut store = Store::open(dir)?;
    let data = store.read(|tx| {
        let org = tx.org()?;
        let faults: Faults = tx.meta("faults")?.unwrap_or_default();
        let recipients = tx.list::<OnPremRecipient>(None, None)?.into_iter().map(|(_, r)| r).collect();
        let mailboxes = tx.list::<CloudMailbox>(None, None)?.into_iter().map(|(_, m)| m).collect();
        let disconnected = tx.disconnected(None)?.into_iter().map(|(_, d)| d).collect();
        Ok(LabData {
            lab: Some(true),
            organization: org.organization,
            on_premises: OnPremises {
                servers: org.servers,
                databases: org.databases,
                role_assignments: org.role_assignments,
                recipients,
                disconnected_mailboxes: disconnected,
            },
            online: Online { mailboxes },
            faults,
            schema_version: None,
            target: None,
        })
    })?;
    serde_json::to_value(&data).map_err(|e| LabError::Store { dir: dir.to_path_buf(), message: e.to_string() })
}

/// Counts for the human summary (`Display`).
pub fn summary(dir: &Path) -> Result<LabSummary, LabError> {
    Store::open(dir)?.read(summary_in)
}

/// Runs one directory-sync cycle (one way, on-premises wins; docs/exchange-notes.md §2.4).
pub fn sync(dir: &Path) -> Result<SyncReport, LabError> {
    sync::run(&mut Store::open(dir)?)
}

/// Opens a shell on the lab for one side.
pub fn open(dir: &Path, side: Side) -> Result<LabShell, LabError> {
    LabShell::open(dir, side)
}

/// Sets the faults every process using the lab sees from its next cmdlet on.
pub fn set_faults(dir: &Path, f: Faults) -> Result<(), LabError> {
    Store::open(dir)?.write(|tx| tx.set_meta("faults", &f))
}

/// The faults in force.
pub fn faults(dir: &Path) -> Result<Faults, LabError> {
    Store::open(dir)?.read(|tx| Ok(tx.meta("faults")?.unwrap_or_default()))
}

/// Removes every fault (and resets the throttling counter).
pub fn clear_faults(dir: &Path) -> Result<(), LabError> {
    Store::open(dir)?.write(|tx| {
        tx.set_meta("faults", &Faults::default())?;
        tx.set_meta("cmdlets_run", &0u64)
    })
}

/// The admin audit log, oldest first.
pub fn audit_log(dir: &Path) -> Result<Vec<AuditEntry>, LabError> {
    Store::open(dir)?.read(|tx| tx.audit())
}

/// Chooses the server mbxctl's session talks to; its version gates features (docs/exchange-notes.md §1.2).
pub fn set_connected_server(dir: &Path, server: &str) -> Result<(), LabError> {
    Store::open(dir)?.write(|tx| {
        let mut org = tx.org()?;
        let Some(s) = org.servers.iter().find(|s| s.name.eq_ignore_ascii_case(server)) else {
            let names: Vec<&str> = org.servers.iter().map(|s| s.name.as_str()).collect();
            return Err(LabError::Setting(format!(
                "no server '{server}' in the lab; its servers are {}",
                names.join(", ")
            )));
        };
        org.organization.connected_server = Some(s.name.clone());
        tx.set_meta("org", &org)
    })
}

/// Enables or disables the admin's assignment of a management role (adding one if needed), e.g.
/// `Reset Password` to see `-Password` disappear from Set-Mailbox.
pub fn set_role(dir: &Path, role: &str, enabled: bool) -> Result<(), LabError> {
    Store::open(dir)?.write(|tx| {
        let mut org = tx.org()?;
        let mut found = false;
        for r in org.role_assignments.iter_mut().filter(|r| r.role.eq_ignore_ascii_case(role)) {
            r.enabled = enabled;
            found = true;
        }
        if !found && enabled {
            org.role_assignments.push(RoleAssignment {
                role: role.to_string(),
                name: Some(format!("{role}-Administrator")),
                role_assignee_name: Some("Administrator".into()),
                enabled: true,
            });
        }
        tx.set_meta("org", &org)
    })
}
