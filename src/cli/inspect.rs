//! `mbxctl show` and `mbxctl list`: look before deciding. Both read through the same shells and
//! typed results as `convert` (workflow::inspect), and print a view for people, JSON for
//! runbooks (docs/json-output.md), and for `list` an Excel-ready CSV.

use super::connect;
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, Tone, banner, paint, print_json, sayln, shown};
use super::table::table;
use super::{Cli, ListArgs, ShowArgs, SideArg};
use crate::exchange::{ByteSize, RecipientTypeDetails};
use crate::shell::{ShellInfo, Side};
use crate::workflow::convert::Shells;
use crate::workflow::inspect::{ListFilter, MailboxSummary, MailboxView, inspect, list};
use serde::Serialize;
use std::io::IsTerminal;

/// The JSON document `show --json` prints.
#[derive(Serialize)]
struct ShowDocument<'a> {
    schema_version: u32,
    command: &'static str,
    target: &'a ShellInfo,
    mailboxes: &'a [MailboxView],
    errors: &'a [ShowError],
    exit_code: i32,
}

/// An identity `show` could not show.
#[derive(Serialize)]
struct ShowError {
    identity: String,
    error: String,
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::OnPremises => "on-premises",
        Side::Online => "Exchange Online",
    }
}

fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

/// Runs `show`.
pub async fn show(cli: &Cli, args: &ShowArgs) -> CliResult {
    if args.identities.is_empty() {
        return Err(CliError::Usage("show needs at least one mailbox: mbxctl show IDENTITY...".into()));
    }
    for (i, id) in args.identities.iter().enumerate() {
        if let Err(e) = id.parse::<crate::exchange::identity::MailboxIdentity>() {
            return Err(CliError::Usage(format!("mailbox #{} ('{}'): {e}", i + 1, id.escape_debug())));
        }
    }
    let mut sessions = connect::open(cli).await?;
    let info = sessions.primary.describe();
    let mut views = Vec::new();
    let mut errors = Vec::new();
    {
        let mut shells = Shells { primary: sessions.primary.as_mut(), cloud: sessions.cloud.as_deref_mut() };
        for identity in &args.identities {
            match inspect(&mut shells, identity).await {
                Ok(v) => views.push(v),
                Err(e) => errors.push(ShowError { identity: identity.clone(), error: e.to_string() }),
            }
        }
    }
    let code = if errors.is_empty() { ExitCode::Done } else { ExitCode::Failed };
    if cli.json {
        print_json(&ShowDocument {
            schema_version: SCHEMA_VERSION,
            command: "show",
            target: &info,
            mailboxes: &views,
            errors: &errors,
            exit_code: code as i32,
        })?;
    } else {
        super::output::out(&banner(&info));
        for v in &views {
            super::output::out(&render_view(v));
        }
        for e in &errors {
            let text: Vec<String> = e.error.lines().map(shown).collect();
            eprintln!("error: {}", text.join("\n       "));
        }
    }
    let _ = sessions.primary.close().await;
    if let Some(c) = sessions.cloud.as_mut() {
        let _ = c.close().await;
    }
    Ok(code)
}

/// One mailbox as an admin reads it: facts first, then what to weigh.
fn render_view(v: &MailboxView) -> String {
    let m = &v.mailbox;
    let mut rows: Vec<(&str, String)> = Vec::new();
    let mut kind = format!("{} ({})", m.recipient_type_details, side_name(v.side));
    if let Some(r) = &v.remote {
        kind.push_str(&format!("; on-premises: {} ({})", r.recipient_type_details, r.remote_recipient_type));
    }
    if let Some(c) = &v.cloud
        && v.side == Side::Online
    {
        kind.push_str(&format!("; licence: {}", yes_no(c.sku_assigned)));
    }
    rows.push(("Type", kind));
    rows.push(("Identity", m.identity.clone()));
    if let Some(upn) = &m.user_principal_name {
        rows.push(("UPN", upn.clone()));
    }
    let size = match (&v.statistics, v.never_logged_on) {
        (Some(s), _) => format!("{}, {} items", short_size(s.total_item_size), s.item_count),
        (None, true) => "empty (never logged on)".to_string(),
        (None, false) => "unknown (statistics not read)".to_string(),
    };
    rows.push(("Size", size));
    let last = v.statistics.as_ref().and_then(|s| s.last_logon_time.clone());
    rows.push((
        "Last logon",
        match (last, v.never_logged_on) {
            (Some(t), _) if !t.is_empty() => t,
            (_, true) => "never".into(),
            _ => "unknown".into(),
        },
    ));
    let mut holds = Vec::new();
    if m.litigation_hold_enabled {
        holds.push("litigation hold".to_string());
    }
    if !m.in_place_holds.is_empty() {
        holds.push(format!("in-place: {}", m.in_place_holds.join(", ")));
    }
    if m.retention_hold_enabled {
        holds.push("retention hold".to_string());
    }
    rows.push(("Holds", if holds.is_empty() { "none".into() } else { holds.join("; ") }));
    rows.push((
        "Archive",
        match (&m.archive_status, m.archive_guid.filter(|g| !g.is_nil())) {
            (Some(s), _) if s.eq_ignore_ascii_case("Active") => "active".into(),
            (_, Some(_)) => "yes".into(),
            _ => "none".into(),
        },
    ));
    rows.push((
        "Account",
        match m.account_disabled {
            Some(true) => "disabled".into(),
            Some(false) => "enabled (its password signs in)".into(),
            None => "not reported on this side".into(),
        },
    ));
    let mut fwd = Vec::new();
    if let Some(a) = m.forwarding_address.as_deref().filter(|a| !a.is_empty()) {
        fwd.push(format!("to {a}"));
    }
    if let Some(a) = m.forwarding_smtp_address.as_deref().filter(|a| !a.is_empty()) {
        fwd.push(format!("to {a} (external)"));
    }
    rows.push(("Forwarding", if fwd.is_empty() { "none".into() } else { fwd.join(", ") }));
    let fa: Vec<String> = v
        .full_access
        .iter()
        .map(|d| match d.auto_mapping {
            Some(b) => format!("{} (AutoMapping {})", d.user, if b { "on" } else { "off" }),
            None => d.user.clone(),
        })
        .collect();
    rows.push(("Full Access", list_or_none(&fa)));
    rows.push(("Send As", list_or_none(&v.send_as)));
    rows.push(("Send on Behalf", list_or_none(&v.send_on_behalf)));

    let title = if m.primary_smtp_address.is_empty() {
        shown(&m.name)
    } else {
        format!("{} <{}>", shown(&m.display_name), shown(&m.primary_smtp_address))
    };
    let mut out = format!("\n{}\n", paint(Tone::Strong, &title));
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, val) in rows {
        out.push_str(&format!("  {k:<width$}  {}\n", shown(&val)));
    }
    if !v.full_access.is_empty() && v.full_access.iter().all(|d| d.auto_mapping.is_none()) {
        out.push_str("  (AutoMapping is not reported by Exchange: it is the mailbox's msExchDelegateListLink)\n");
    }
    for c in &v.checks {
        out.push_str(&format!("  {}  {}: {}\n", paint(Tone::Warn, "WARN"), c.id, shown(&c.message)));
    }
    for n in &v.notes {
        out.push_str(&format!("  note: {}\n", shown(n)));
    }
    out
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() { "none".into() } else { items.join(", ") }
}

/// `1.234 GB`: the short half of Exchange's size text, for tables.
fn short_size(s: ByteSize) -> String {
    let full = s.to_string();
    full.split(" (").next().unwrap_or(&full).to_string()
}

/// Reads a `--type` value: the words admins use (`shared`, `user`, `room`, `equipment`) or any
/// `RecipientTypeDetails` name.
pub fn parse_type(s: &str) -> Result<RecipientTypeDetails, String> {
    let t = s.trim();
    let word = match t.to_ascii_lowercase().as_str() {
        "shared" => "SharedMailbox",
        "user" | "regular" => "UserMailbox",
        "room" => "RoomMailbox",
        "equipment" => "EquipmentMailbox",
        _ => t,
    };
    word.parse::<RecipientTypeDetails>().map_err(|_| {
        format!("unknown mailbox type '{s}': use shared, user, room, equipment or a RecipientTypeDetails name")
    })
}

/// Reads a `--over` value such as `50GB`, `1.5 TB` or a byte count.
pub fn parse_size(s: &str) -> Result<ByteSize, String> {
    s.parse::<ByteSize>().map_err(|_| format!("'{s}' is not a size: write it as 50GB, 1.5TB, 500MB or a byte count"))
}

/// The JSON document `list --json` prints.
#[derive(Serialize)]
struct ListDocument<'a> {
    schema_version: u32,
    command: &'static str,
    target: &'a ShellInfo,
    count: usize,
    mailboxes: &'a [MailboxSummary],
    exit_code: i32,
}

/// Runs `list`.
pub async fn run_list(cli: &Cli, args: &ListArgs) -> CliResult {
    let filter = ListFilter {
        types: args.r#type.clone(),
        over: args.over,
        on_hold: args.on_hold,
        no_delegates: args.no_delegates,
        needs_licence: args.needs_licence,
        side: args.side.map(|s| match s {
            SideArg::OnPremises => Side::OnPremises,
            SideArg::Online => Side::Online,
        }),
    };
    let mut sessions = connect::open(cli).await?;
    let info = sessions.primary.describe();
    let started = std::time::Instant::now();
    let tty = std::io::stderr().is_terminal() && !cli.json && !args.csv;
    let mut shown_progress = false;
    let mut progress = |done: usize, total: usize| {
        if tty && (done.is_multiple_of(10) || done == total) {
            let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
            eprint!("\rreading mailboxes: {done}/{total} ({rate:.1}/s)   ");
            shown_progress = true;
        }
    };
    let rows = {
        let mut shells = Shells { primary: sessions.primary.as_mut(), cloud: sessions.cloud.as_deref_mut() };
        list(&mut shells, &filter, &mut progress).await
    };
    if shown_progress {
        eprintln!();
    }
    let _ = sessions.primary.close().await;
    if let Some(c) = sessions.cloud.as_mut() {
        let _ = c.close().await;
    }
    let rows = rows.map_err(|e| CliError::Failed(e.to_string()))?;
    if args.csv {
        write_csv(&rows).map_err(|e| CliError::Failed(format!("cannot write CSV: {e}")))?;
    } else if cli.json {
        print_json(&ListDocument {
            schema_version: SCHEMA_VERSION,
            command: "list",
            target: &info,
            count: rows.len(),
            mailboxes: &rows,
            exit_code: 0,
        })?;
    } else {
        super::output::out(&banner(&info));
        let with_size = rows.iter().any(|r| r.total_item_size.is_some());
        let with_delegates = rows.iter().any(|r| r.delegates.is_some());
        let mut headers = vec!["NAME", "PRIMARY SMTP ADDRESS", "TYPE", "SIDE"];
        if with_size {
            headers.push("SIZE");
        }
        headers.extend(["HOLD", "ARCHIVE"]);
        if with_delegates {
            headers.push("DELEGATES");
        }
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut row = vec![
                    r.name.clone(),
                    r.primary_smtp_address.clone(),
                    r.recipient_type_details.to_string(),
                    short_side(r.side).into(),
                ];
                if with_size {
                    row.push(r.total_item_size.map(short_size).unwrap_or_default());
                }
                row.push(if r.on_hold { "yes".into() } else { "".into() });
                row.push(if r.archive { "yes".into() } else { "".into() });
                if with_delegates {
                    row.push(r.delegates.map(|n| n.to_string()).unwrap_or_default());
                }
                row
            })
            .collect();
        super::output::out(&table(&headers, &body));
        sayln!("{} mailbox(es)", rows.len());
    }
    Ok(ExitCode::Done)
}

fn short_side(side: Side) -> &'static str {
    match side {
        Side::OnPremises => "on-prem",
        Side::Online => "online",
    }
}

/// CSV that opens cleanly in Excel (BOM, CRLF), one row per mailbox, sizes in exact bytes.
fn write_csv(rows: &[MailboxSummary]) -> Result<(), csv::Error> {
    let stdout = std::io::stdout();
    let mut w = crate::workflow::batch::runs::csv_writer(stdout.lock())?;
    w.write_record([
        "Name",
        "PrimarySmtpAddress",
        "RecipientTypeDetails",
        "Side",
        "TotalItemSizeBytes",
        "OnHold",
        "Archive",
        "SKUAssigned",
        "Delegates",
    ])?;
    for r in rows {
        w.write_record([
            r.name.as_str(),
            &r.primary_smtp_address,
            &r.recipient_type_details.to_string(),
            short_side(r.side),
            &r.total_item_size.map(|s| s.bytes().to_string()).unwrap_or_default(),
            if r.on_hold { "True" } else { "False" },
            if r.archive { "True" } else { "False" },
            match r.sku_assigned {
                Some(true) => "True",
                Some(false) => "False",
                None => "",
            },
            &r.delegates.map(|n| n.to_string()).unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_in_admin_words_and_exchange_names() {
        assert_eq!(parse_type("shared").unwrap(), RecipientTypeDetails::SharedMailbox);
        assert_eq!(parse_type("Regular").unwrap(), RecipientTypeDetails::UserMailbox);
        assert_eq!(parse_type("RoomMailbox").unwrap(), RecipientTypeDetails::RoomMailbox);
        assert!(parse_type("bogus").unwrap_err().contains("shared, user, room"));
    }

    #[test]
    fn sizes_as_admins_write_them() {
        assert_eq!(parse_size("50GB").unwrap(), ByteSize::gb(50));
        assert!(parse_size("fifty").unwrap_err().contains("50GB"));
    }
}
