//! The hybrid route of `convert`: a remote mailbox (the mailbox lives in Exchange Online, its
//! type is owned on-premises). `Set-RemoteMailbox` runs on-premises first, then `Set-Mailbox` in
//! Exchange Online, then both sides are verified, which is the order that survives directory sync
//! (docs/exchange-notes.md §1.2, §2.4, KB2710029). Where the in-place path is not available, the supported
//! alternatives are planned step by step (§8.2).

use super::checks::{Check, source};
use super::exec::{Executor, WorkflowError};
use super::outcome::{ConvertOptions, ConvertReport, ConvertStatus, MailboxState, Observer, PlanStep, TargetType};
use super::steps::{
    check_trustees, cli_arg, grant_commands, grants_status, licence_checks, next_steps, read_one, run_commands,
    state_of, unexpected, wants_grants,
};
use crate::cmdlet::ExchangeVersion;
use crate::cmdlet::Invocation;
use crate::cmdlet::validate::Target;
use crate::exchange::ByteSize;
use crate::exchange::results::{ExchangeServer, Mailbox, MailboxStatistics, RemoteMailbox};
use crate::shell::{Shell, Side};

fn remote_state(r: &RemoteMailbox) -> MailboxState {
    MailboxState {
        identity: r.identity.clone(),
        primary_smtp_address: r.primary_smtp_address.clone(),
        recipient_type_details: r.recipient_type_details,
        account_disabled: None,
        total_item_size: None,
        side: Side::OnPremises,
    }
}

pub(super) async fn convert_remote(
    mut exec: Executor<'_>,
    cloud: Option<&mut (dyn Shell + 'static)>,
    key: &str,
    opts: &ConvertOptions,
    report: &mut ConvertReport,
    obs: &mut dyn Observer,
) -> Result<(), WorkflowError> {
    let Some(raw) = read_one(
        &mut exec,
        Invocation::new("Get-RemoteMailbox").param("Identity", key),
        report,
        &format!("remote mailbox '{key}'"),
    )
    .await?
    else {
        return Ok(());
    };
    let remote = RemoteMailbox::from_ps(&raw).map_err(|e| unexpected("Get-RemoteMailbox", e))?;
    report.before.push(remote_state(&remote));
    report.checks.push(Check::pass(
        "route",
        format!(
            "{} is a {} (RemoteRecipientType {}): its type is owned on-premises; mbxctl runs Set-RemoteMailbox on-premises first, then Set-Mailbox in Exchange Online",
            remote.identity, remote.recipient_type_details, remote.remote_recipient_type
        ),
        source::REMOTE_TYPE,
    ));

    let on_prem_done = remote.recipient_type_details == opts.to.remote_type()
        && remote.remote_recipient_type.is_shared() == (opts.to == TargetType::Shared);

    // Server versions: Set-RemoteMailbox -Type Shared exists from 2013 CU21 / 2016 CU10 / 2019,
    // and it runs on the server this session talks to, which Exchange does not name.
    let (servers_out, _) = exec.run(&Invocation::new("Get-ExchangeServer")).await?;
    let mut servers = Vec::new();
    for v in &servers_out.output {
        servers.push(ExchangeServer::from_ps(v).map_err(|e| unexpected("Get-ExchangeServer", e))?);
    }
    if !on_prem_done {
        let connected = exec.connected_server();
        report.checks.push(version_check(&servers, connected.as_deref()));
        if !remote.remote_recipient_type.has_provision_mailbox() {
            report.checks.push(Check::block(
                "provision-mailbox",
                format!(
                    "RemoteRecipientType is '{}' (no ProvisionMailbox): a migrated mailbox cannot be converted in place; see the supported alternatives (mbxctl convert {} --to {} --dry-run lists them step by step)",
                    remote.remote_recipient_type,
                    cli_arg(key),
                    opts.to.type_value().to_ascii_lowercase()
                ),
                source::PROVISION,
            ));
        } else {
            report.checks.push(Check::pass(
                "provision-mailbox",
                format!("RemoteRecipientType '{}' includes ProvisionMailbox", remote.remote_recipient_type),
                source::PROVISION,
            ));
        }
        if report.blocked() {
            report.alternative = alternatives(&remote, opts.to);
        }
    }

    // The cloud side, when a session is there.
    let mut cloud_exec = cloud.map(|c| {
        let mut x = Executor::new(c, Target { side: Side::Online, ..Target::default() });
        x.throttle_retries = exec.throttle_retries;
        x
    });
    let mut cloud_mailbox = None;
    if let Some(cx) = cloud_exec.as_mut() {
        if let Some(raw) = read_one(
            cx,
            Invocation::new("Get-Mailbox").param("Identity", key),
            report,
            &format!("cloud mailbox '{key}'"),
        )
        .await?
        {
            let m = Mailbox::from_ps(&raw).map_err(|e| unexpected("Get-Mailbox", e))?;
            let (stats, _) = cx.run(&Invocation::new("Get-MailboxStatistics").param("Identity", key)).await?;
            let size = match stats.output.first() {
                Some(v) => {
                    MailboxStatistics::from_ps(v).map_err(|e| unexpected("Get-MailboxStatistics", e))?.total_item_size
                }
                None => ByteSize(0),
            };
            report.before.push(state_of(&m, Some(size), Side::Online));
            licence_checks(&m, size, true, opts.to, report);
            if opts.to == TargetType::Regular && m.sku_assigned != Some(true) {
                report.checks.push(Check::block(
                    "licence",
                    "assign a licence to the cloud mailbox before converting back: an unlicensed user mailbox is disconnected after 30 days",
                    source::M365_LICENCE,
                ));
            }
            cloud_mailbox = Some((m, size));
        }
    } else if wants_grants(opts) {
        report.checks.push(Check::block(
            "cloud-session",
            "the mailbox lives in Exchange Online, where its permissions are granted: give an Exchange Online session (--cloud-profile) for --full-access, --send-as, --send-on-behalf and --copy-sent-items, or leave them out",
            source::PERMISSIONS,
        ));
    } else {
        report.checks.push(Check::warn(
            "cloud-session",
            "no Exchange Online session (--cloud-profile): mbxctl converts the on-premises side; the cloud mailbox follows at the next directory sync",
            source::REMOTE_TYPE,
        ));
    }
    let cloud_done = cloud_mailbox.as_ref().is_some_and(|(m, _)| m.recipient_type_details == opts.to.mailbox_type());
    if report.blocked() {
        return Ok(());
    }
    if on_prem_done && (cloud_done || cloud_exec.is_none()) && !wants_grants(opts) {
        report.checks.push(Check::pass(
            "target",
            format!("{} is already a {}: nothing to do", remote.identity, opts.to.remote_type()),
            source::REMOTE_TYPE,
        ));
        report.status = ConvertStatus::NothingToDo;
        return Ok(());
    }
    check_trustees(cloud_exec.as_mut().unwrap_or(&mut exec), opts, report, Side::Online).await?;
    if report.blocked() {
        return Ok(());
    }

    if !opts.dry_run {
        obs.preflighted(report).map_err(WorkflowError::Journal)?;
    }
    // Apply in the order that survives directory sync: on-premises first.
    if !on_prem_done {
        let set = Invocation::new("Set-RemoteMailbox").param("Identity", key).param("Type", opts.to.type_value());
        if !run_commands(&mut exec, &[set], opts.dry_run, report, obs, Some(remote.recipient_type_details)).await? {
            return Ok(());
        }
    }
    if let Some(cx) = cloud_exec.as_mut() {
        let mut cmds = Vec::new();
        if !cloud_done {
            cmds.push(Invocation::new("Set-Mailbox").param("Identity", key).param("Type", opts.to.type_value()));
        }
        if opts.to == TargetType::Shared {
            cmds.extend(grant_commands(key, opts, Side::Online));
        }
        let previous = if on_prem_done { cloud_mailbox.as_ref().map(|(m, _)| m.recipient_type_details) } else { None };
        if !run_commands(cx, &cmds, opts.dry_run, report, obs, previous).await? {
            if on_prem_done && cloud_done {
                // Only permissions ran, and one failed: the type changed nowhere.
                return Ok(());
            }
            report.status = ConvertStatus::Partial;
            report.error = Some(format!(
                "the on-premises remote mailbox is now {} but the cloud step failed ({}); the cloud mailbox will follow at the next directory sync, or finish with: Set-Mailbox -Identity {} -Type {} in Exchange Online",
                opts.to.remote_type(),
                report.error.clone().unwrap_or_default(),
                crate::cmdlet::literal::quote(key),
                opts.to.type_value()
            ));
            return Ok(());
        }
    }
    if opts.dry_run {
        report.status = ConvertStatus::Planned;
        report.next_steps = remote_next_steps(opts, cloud_mailbox.as_ref(), cloud_exec.is_some());
        return Ok(());
    }

    // Verify both sides.
    let (outcome, _) = exec.run(&Invocation::new("Get-RemoteMailbox").param("Identity", key)).await?;
    let now = outcome
        .output
        .first()
        .map(RemoteMailbox::from_ps)
        .transpose()
        .map_err(|e| unexpected("Get-RemoteMailbox", e))?;
    let on_prem_ok = now.as_ref().is_some_and(|r| r.recipient_type_details == opts.to.remote_type());
    if let Some(r) = &now {
        report.after.push(remote_state(r));
    }
    let mut cloud_ok = true;
    if let Some(cx) = cloud_exec.as_mut() {
        let (outcome, _) = cx.run(&Invocation::new("Get-Mailbox").param("Identity", key)).await?;
        let m = outcome.output.first().map(Mailbox::from_ps).transpose().map_err(|e| unexpected("Get-Mailbox", e))?;
        cloud_ok = m.as_ref().is_some_and(|m| m.recipient_type_details == opts.to.mailbox_type());
        if let Some(m) = &m {
            report.after.push(state_of(m, cloud_mailbox.as_ref().map(|(_, s)| *s), Side::Online));
        }
    }
    report.status = match (on_prem_ok, cloud_ok) {
        (true, true) if on_prem_done && cloud_done => grants_status(report),
        (true, true) => ConvertStatus::Converted,
        (true, false) => ConvertStatus::Partial,
        _ => ConvertStatus::Failed,
    };
    if !on_prem_ok {
        report.error = Some("verification failed: the on-premises remote mailbox did not change type".into());
    }
    report.next_steps = remote_next_steps(opts, cloud_mailbox.as_ref(), cloud_exec.is_some());
    Ok(())
}

/// Whether `Set-RemoteMailbox -Type` can run here (docs/exchange-notes.md §1.2). It runs on the server the
/// session talks to, which mbxctl cannot see, so every Exchange server must support it (2013
/// CU21, 2016 CU10, 2019 or later); with a mix the admin must point the session at a supported
/// one. Edge Transport servers serve no recipient cmdlets and are left out.
///
/// When the shell names the server it talks to (`connected`), that server alone decides: a pass
/// when it supports `-Type` (older servers elsewhere do not matter), a block when it does not.
pub fn version_check(servers: &[ExchangeServer], connected: Option<&str>) -> Check {
    const PREPARE_AD: &str = "on Exchange 2013/2016 `setup.exe /PrepareAD` must have been run with that CU (KB4133605)";
    let host = |name: &str| name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    if let Some(c) = connected
        && let Some(s) = servers.iter().find(|s| host(&s.name) == host(c))
        && let Ok(v) = s.admin_display_version.parse::<ExchangeVersion>()
    {
        return if v.supports_remote_shared() {
            Check::pass(
                "version",
                format!("this session runs on {} ({v}), which supports Set-RemoteMailbox -Type; {PREPARE_AD}", s.name),
                source::REMOTE_TYPE,
            )
        } else {
            let supported: Vec<String> = servers
                .iter()
                .filter(|o| {
                    o.admin_display_version.parse::<ExchangeVersion>().is_ok_and(|v| v.supports_remote_shared())
                })
                .map(|o| o.name.clone())
                .collect();
            Check::block(
                "version",
                format!(
                    "this session runs on {} ({v}), which has no Set-RemoteMailbox -Type (2013 CU21, 2016 CU10, 2019 or later); connect to {}",
                    s.name,
                    if supported.is_empty() {
                        "a server upgraded to one of those".to_string()
                    } else {
                        format!("one of: {}", supported.join(", "))
                    }
                ),
                source::REMOTE_TYPE,
            )
        };
    }
    let mut good = Vec::new();
    let mut old = Vec::new();
    for s in servers {
        if s.server_role.as_deref().is_some_and(|r| r.to_ascii_lowercase().contains("edge")) {
            continue;
        }
        match s.admin_display_version.parse::<ExchangeVersion>() {
            Ok(v) if v.supports_remote_shared() => good.push(format!("{} ({v})", s.name)),
            Ok(v) => old.push(format!("{} ({v})", s.name)),
            Err(_) => old.push(format!("{} (version unreadable: '{}')", s.name, s.admin_display_version)),
        }
    }
    if good.is_empty() {
        Check::block(
            "version",
            format!(
                "no Exchange server here supports Set-RemoteMailbox -Type (2013 CU21, 2016 CU10, 2019 or later; found {})",
                if old.is_empty() { "none readable".into() } else { old.join(", ") }
            ),
            source::REMOTE_TYPE,
        )
    } else if !old.is_empty() {
        // Mixed organisations are common during upgrades; the cmdlet runs on the server this
        // session talks to, which Get-ExchangeServer does not say, so warn rather than refuse.
        // If that server is old, Set-RemoteMailbox itself refuses -Type Shared and nothing changes.
        Check::warn(
            "version",
            format!(
                "Set-RemoteMailbox -Type runs on the server this session talks to, and some servers are older than 2013 CU21 / 2016 CU10: {}. Make sure the session connects to one of the supported servers ({}), with a profile that names it; {PREPARE_AD}",
                old.join(", "),
                good.join(", ")
            ),
            source::REMOTE_TYPE,
        )
    } else {
        Check::pass(
            "version",
            format!("every Exchange server supports Set-RemoteMailbox -Type ({}); {PREPARE_AD}", good.join(", ")),
            source::REMOTE_TYPE,
        )
    }
}

fn remote_next_steps(opts: &ConvertOptions, cloud: Option<&(Mailbox, ByteSize)>, had_cloud: bool) -> Vec<String> {
    let mut out = Vec::new();
    if !had_cloud {
        out.push(format!(
            "The cloud mailbox becomes {} at the next directory sync (Start-ADSyncSyncCycle -PolicyType Delta on the Entra Connect server); check with: mbxctl --cloud-profile <profile> audit hybrid",
            opts.to.mailbox_type()
        ));
    }
    if let Some((m, size)) = cloud {
        out.extend(next_steps(opts, m, *size, Side::Online));
    } else if opts.to == TargetType::Shared {
        out.push(
            "Remove the licence only once the cloud mailbox is shared, under 50 GB, with no hold or archive.".into(),
        );
        out.push("Do not delete the user account: it anchors the shared mailbox.".into());
    }
    out
}

/// The msExchRemoteRecipientType KB2710029 stamps: SharedMailbox (96) over the flags the object
/// already has, so a cloud archive (ProvisionArchive) survives; 4 (Migrated) → 100 as in the KB,
/// 6 → 102, 1 → 97 (docs/exchange-notes.md §2.2). An object with neither ProvisionMailbox nor Migrated lives in
/// the cloud all the same, so it gets Migrated as the KB's value does.
pub fn kb2710029_remote_recipient_type(current: crate::exchange::RemoteRecipientType) -> u64 {
    use crate::exchange::RemoteRecipientType as R;
    let mut v = current.0 & !(R::SHARED_MAILBOX | R::TEAM_MAILBOX);
    if v & (R::PROVISION_MAILBOX | R::MIGRATED) == 0 {
        v |= R::MIGRATED;
    }
    v | R::SHARED_MAILBOX
}

/// The supported alternatives when the in-place path is not available (docs/exchange-notes.md §2.4, §8.2).
pub fn alternatives(remote: &RemoteMailbox, to: TargetType) -> Vec<PlanStep> {
    use crate::cmdlet::literal::quote;
    let id = if remote.primary_smtp_address.is_empty() { &remote.identity } else { &remote.primary_smtp_address };
    let mut steps = Vec::new();
    if to == TargetType::Shared {
        let rrt = kb2710029_remote_recipient_type(remote.remote_recipient_type);
        steps.push(PlanStep {
            r#where: "on-premises, PowerShell with the ActiveDirectory module".into(),
            description: "Option A (KB2710029): stamp the shared-mailbox attributes on the AD user directly; the one case where Microsoft supports editing Exchange attributes with AD tools".into(),
            command: Some(format!(
                "Set-ADUser -Identity (Get-Recipient -Identity {}).SamAccountName -Replace @{{msExchRemoteRecipientType={rrt};msExchRecipientTypeDetails=34359738368}}",
                quote(id)
            )),
        });
        steps.push(PlanStep {
            r#where: "Exchange Online".into(),
            description: "then convert the cloud mailbox and wait for directory sync".into(),
            command: Some(format!("Set-Mailbox -Identity {} -Type Shared", quote(id))),
        });
    }
    steps.push(PlanStep {
        r#where: "Exchange Online".into(),
        description: "Option B: move the mailbox back on-premises (offboarding) and wait for Completed".into(),
        command: Some(format!(
            "New-MoveRequest -Identity {} -Outbound -RemoteTargetDatabase <on-prem DB> -RemoteHostName <MRS proxy FQDN> -RemoteCredential (Get-Credential) -TargetDeliveryDomain <on-prem domain>",
            quote(id)
        )),
    });
    steps.push(PlanStep {
        r#where: "on-premises".into(),
        description: format!(
            "convert it on-premises (this disables the AD account for a shared mailbox): mbxctl convert {} --to {}",
            cli_arg(id),
            to.type_value().to_ascii_lowercase()
        ),
        command: Some(format!("Set-Mailbox -Identity {} -Type {}", quote(id), to.type_value())),
    });
    steps.push(PlanStep {
        r#where: "Exchange Online".into(),
        description: "move it to Exchange Online again (onboarding), then verify both sides (RecipientTypeDetails in EXO; Get-RemoteMailbox shows Migrated, SharedMailbox on-premises)".into(),
        command: Some(format!(
            "New-MoveRequest -Identity {} -Remote -RemoteHostName <MRS proxy FQDN> -RemoteCredential (Get-Credential) -TargetDeliveryDomain <tenant>.mail.onmicrosoft.com",
            quote(id)
        )),
    });
    steps
}

#[cfg(test)]
mod tests {
    use super::kb2710029_remote_recipient_type as kb;
    use super::*;
    use crate::exchange::RemoteRecipientType as R;
    use crate::workflow::checks::Verdict;

    fn server(name: &str, version: &str, role: Option<&str>) -> ExchangeServer {
        ExchangeServer {
            name: name.into(),
            fqdn: None,
            admin_display_version: version.into(),
            server_role: role.map(Into::into),
            edition: None,
            raw: crate::psobject::PsValue::Null,
        }
    }

    fn version_check_all(servers: &[ExchangeServer]) -> Check {
        version_check(servers, None)
    }

    #[test]
    fn the_connected_server_alone_decides_when_the_shell_names_it() {
        let new = server("EX19", "Version 15.2 (Build 1544.4)", Some("Mailbox"));
        let old = server("EX13", "Version 15.0 (Build 1365.1)", Some("Mailbox, ClientAccess"));
        let on_new = version_check(&[new.clone(), old.clone()], Some("ex19.contoso.com"));
        assert_eq!(on_new.verdict, Verdict::Pass, "{}", on_new.message);
        assert!(!on_new.message.contains("EX13"), "{}", on_new.message);
        let on_old = version_check(&[new.clone(), old.clone()], Some("EX13"));
        assert_eq!(on_old.verdict, Verdict::Block, "{}", on_old.message);
        assert!(on_old.message.contains("connect to one of: EX19"), "{}", on_old.message);
        // A name not in the list falls back to judging every server.
        let unknown = version_check(&[new, old], Some("EX99"));
        assert_eq!(unknown.verdict, Verdict::Warn, "{}", unknown.message);
    }

    #[test]
    fn version_check_warns_on_mixed_servers_blocks_on_none_and_ignores_edge() {
        let new = server("EX19", "Version 15.2 (Build 1544.4)", Some("Mailbox"));
        let old = server("EX13", "Version 15.0 (Build 1365.1)", Some("Mailbox, ClientAccess"));
        let edge = server("EDGE13", "Version 15.0 (Build 1365.1)", Some("Edge"));
        let all = version_check_all(&[new.clone(), edge.clone()]);
        assert_eq!(all.verdict, Verdict::Pass);
        assert!(all.message.contains("/PrepareAD") && !all.message.contains("EDGE13"), "{}", all.message);
        let mixed = version_check_all(&[new.clone(), old.clone()]);
        assert_eq!(mixed.verdict, Verdict::Warn);
        assert!(
            mixed.message.contains("older than 2013 CU21 / 2016 CU10: EX13 (Exchange 2013 CU19"),
            "{}",
            mixed.message
        );
        assert!(mixed.message.contains("supported servers (EX19 (Exchange 2019"), "{}", mixed.message);
        let none = version_check_all(&[old]);
        assert_eq!(none.verdict, Verdict::Block);
        assert!(none.message.starts_with("no Exchange server here supports"), "{}", none.message);
        let unreadable = version_check_all(&[new, server("EXX", "garbage", None)]);
        assert_eq!(unreadable.verdict, Verdict::Warn);
        assert!(unreadable.message.contains("EXX (version unreadable: 'garbage')"), "{}", unreadable.message);
    }

    #[test]
    fn kb2710029_value_keeps_the_other_flags() {
        assert_eq!(kb(R(4)), 100, "Migrated: the KB's own value");
        assert_eq!(kb(R(6)), 102, "Migrated with a cloud archive keeps ProvisionArchive");
        assert_eq!(kb(R(1)), 97, "ProvisionMailbox, as New-RemoteMailbox -Shared stamps");
        assert_eq!(kb(R(33)), 97, "a room becomes shared, not room+shared");
        assert_eq!(kb(R(0)), 100, "no provisioning flag: treated as migrated, as the KB does");
        assert_eq!(kb(R(100)), 100);
    }
}
