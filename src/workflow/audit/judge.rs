//! Judging: the findings an [`Inventory`] holds, with their fixes. Pure: no shell, no I/O.

use super::{
    AuditReport, CloudEntry, Finding, FindingKind, FindingLevel, FixStep, Inventory, Place, SafeFix, SideEvidence,
    UNLICENSED_SHARED_LIMIT, cloud_id, live_guid, remote_id, set_type,
};
use crate::cmdlet::Invocation;
use crate::cmdlet::literal::quote;
use crate::exchange::results::{Mailbox, RemoteMailbox};
use crate::exchange::{RecipientTypeDetails, RemoteRecipientType};
use crate::shell::Side;
use crate::workflow::convert::cli_arg;
use crate::workflow::exec::display_text;
use std::collections::HashMap;

fn has_archive(m: &Mailbox) -> bool {
    live_guid(m.archive_guid).is_some() || m.archive_status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("Active"))
}

fn cloud_evidence(e: &CloudEntry) -> SideEvidence {
    let m = &e.mailbox;
    SideEvidence {
        primary_smtp_address: m.primary_smtp_address.clone(),
        recipient_type_details: m.recipient_type_details,
        remote_recipient_type: None,
        exchange_guid: live_guid(m.exchange_guid),
        sku_assigned: m.sku_assigned,
        total_item_size: e.total_item_size,
        litigation_hold_enabled: Some(m.litigation_hold_enabled),
        in_place_holds: Some(m.in_place_holds.clone()),
        archive_status: Some(if has_archive(m) { "Active" } else { "None" }.to_string()),
        account_disabled: None,
    }
}

fn remote_evidence(r: &RemoteMailbox) -> SideEvidence {
    SideEvidence {
        primary_smtp_address: r.primary_smtp_address.clone(),
        recipient_type_details: r.recipient_type_details,
        remote_recipient_type: Some(r.remote_recipient_type),
        exchange_guid: live_guid(r.exchange_guid),
        sku_assigned: None,
        total_item_size: None,
        litigation_hold_enabled: None,
        in_place_holds: None,
        archive_status: None,
        account_disabled: None,
    }
}

/// The `msExchRemoteRecipientType` value KB2710029 step 3 stamps to make a remote mailbox
/// shared, keeping its archive bits: 4 → 100, 6 → 102, 20 → 116, 0 → 100; a provisioned one
/// (ProvisionMailbox kept) 1 → 97, 3 → 99 (docs/exchange-notes.md §2.2 tables).
pub fn shared_attribute_value(rrt: RemoteRecipientType) -> u64 {
    let mut v = rrt.with_kind(RemoteRecipientType::SHARED_MAILBOX).0;
    if !rrt.has_provision_mailbox() {
        v |= RemoteRecipientType::MIGRATED;
    }
    v
}

/// The KB2710029 attribute fix for one remote mailbox, as the ActiveDirectory-module command.
fn attribute_fix(r: &RemoteMailbox, id: &str) -> String {
    let who = match r.sam_account_name.as_deref().filter(|s| !s.is_empty()) {
        Some(sam) => quote(sam),
        None => format!("(Get-Recipient -Identity {}).SamAccountName", quote(id)),
    };
    format!(
        "Set-ADUser -Identity {who} -Replace @{{msExchRemoteRecipientType={};msExchRecipientTypeDetails={}}}",
        shared_attribute_value(r.remote_recipient_type),
        RecipientTypeDetails::RemoteSharedMailbox.value()
    )
}

fn sync_step() -> FixStep {
    FixStep::new(
        Place::EntraConnect,
        "push the change to Exchange Online now instead of at the next cycle (about 30 minutes), then run `mbxctl audit hybrid` again",
        Some("Start-ADSyncSyncCycle -PolicyType Delta".into()),
    )
}

fn licence_command(upn: &str) -> String {
    format!("Set-MgUserLicense -UserId {} -AddLicenses @(@{{SkuId = '<SkuId>'}}) -RemoveLicenses @()", quote(upn))
}

/// An index of the cloud side for joining: ExchangeGuid, then every SMTP address.
struct CloudIndex {
    by_guid: HashMap<uuid::Uuid, usize>,
    by_address: HashMap<String, usize>,
}

impl CloudIndex {
    fn new(cloud: &[CloudEntry]) -> Self {
        let mut by_guid = HashMap::with_capacity(cloud.len());
        let mut by_address = HashMap::with_capacity(cloud.len() * 3);
        for (i, e) in cloud.iter().enumerate() {
            let m = &e.mailbox;
            if let Some(g) = live_guid(m.exchange_guid) {
                by_guid.entry(g).or_insert(i);
            }
            if !m.primary_smtp_address.is_empty() {
                by_address.entry(m.primary_smtp_address.to_ascii_lowercase()).or_insert(i);
            }
            for a in m.smtp_addresses() {
                by_address.entry(a.to_ascii_lowercase()).or_insert(i);
            }
        }
        CloudIndex { by_guid, by_address }
    }

    /// The cloud mailbox of a remote mailbox, and whether it was found by address.
    fn find(&self, r: &RemoteMailbox) -> Option<(usize, bool)> {
        if let Some(i) = live_guid(r.exchange_guid).and_then(|g| self.by_guid.get(&g)) {
            return Some((*i, false));
        }
        [Some(r.primary_smtp_address.as_str()), r.remote_routing_address.as_deref()]
            .into_iter()
            .flatten()
            .filter(|a| !a.is_empty())
            .find_map(|a| {
                let a = a.strip_prefix("smtp:").or_else(|| a.strip_prefix("SMTP:")).unwrap_or(a);
                self.by_address.get(&a.to_ascii_lowercase()).copied()
            })
            .map(|i| (i, true))
    }
}

/// The findings about one remote mailbox and its cloud mailbox.
fn judge_pair(inv: &Inventory, r: &RemoteMailbox, c: &CloudEntry, by_address: bool, out: &mut Vec<Finding>) {
    let id = remote_id(r);
    let m = &c.mailbox;
    let rrt = r.remote_recipient_type;
    let provision = rrt.has_provision_mailbox();
    // What sync pushes is RecipientTypeDetails (with the kind bits of RemoteRecipientType).
    let on_prem_shared = r.recipient_type_details == RecipientTypeDetails::RemoteSharedMailbox;
    let on_prem_user = r.recipient_type_details == RecipientTypeDetails::RemoteUserMailbox;
    let cloud_shared = m.recipient_type_details == RecipientTypeDetails::SharedMailbox;
    let cloud_user = m.recipient_type_details == RecipientTypeDetails::UserMailbox;
    let unlicensed = m.sku_assigned != Some(true);
    let mut will_revert = false;
    let mut not_synced = false;

    if by_address
        && let (Some(a), Some(b)) = (live_guid(r.exchange_guid), live_guid(m.exchange_guid))
        && a != b
    {
        out.push(Finding {
            kind: FindingKind::ExchangeGuidMismatch,
            severity: FindingLevel::Warning,
            identity: id.to_string(),
            message: format!(
                "the remote mailbox's ExchangeGuid {a} differs from its Exchange Online mailbox's {b} (matched by address): moves back on-premises and hybrid features that key on the GUID fail"
            ),
            on_premises: Some(remote_evidence(r)),
            online: Some(cloud_evidence(c)),
            fix: vec![FixStep::new(
                Place::OnPremises,
                "after confirming the Exchange Online mailbox is the one that holds the data, stamp its GUID on the remote mailbox",
                Some(display_text(&Invocation::new("Set-RemoteMailbox").param("Identity", id).param("ExchangeGuid", b.to_string()))),
            )],
            safe_fix: None,
        });
    }

    if cloud_shared && on_prem_user {
        will_revert = true;
        let set_remote = set_type("Set-RemoteMailbox", id, "Shared");
        let safe = provision && inv.remote_type_supported;
        let mut fix = Vec::new();
        let why_not: Option<String> = if !provision {
            Some(format!(
                "its RemoteRecipientType '{rrt}' lacks ProvisionMailbox (a migrated mailbox), so Set-RemoteMailbox -Type refuses it on every version (docs/exchange-notes.md §1.2)"
            ))
        } else if !inv.remote_type_supported {
            Some(format!(
                "no on-premises server supports Set-RemoteMailbox -Type Shared (2013 CU21, 2016 CU10, 2019 or later, with /PrepareAD; found {})",
                if inv.old_servers.is_empty() { "none readable".to_string() } else { inv.old_servers.join(", ") }
            ))
        } else {
            None
        };
        // KB2710029 (both texts) puts the licence first: a sync before the on-premises fix
        // reverts the mailbox, and unlicensed it is then on the 30-day clock to disconnection.
        if unlicensed {
            fix.push(FixStep::new(
                Place::Microsoft365,
                "first, before anything that can trigger a sync, temporarily assign a licence (KB2710029 step 1): a sync reverts it to a user mailbox, which unlicensed is disconnected after 30 days, and after that the data may be lost; remove the licence once both sides agree",
                Some(licence_command(r.user_principal_name.as_deref().unwrap_or(id))),
            ));
        }
        if safe {
            fix.push(FixStep::new(
                Place::OnPremises,
                "make the on-premises object a remote shared mailbox, so sync keeps the cloud mailbox shared (KB2710029 resolution)",
                Some(display_text(&set_remote)),
            ));
        } else {
            fix.push(FixStep::new(
                Place::ActiveDirectory,
                format!(
                    "stamp the shared-mailbox attributes directly (KB2710029 step 3, the one case Microsoft supports editing Exchange attributes with AD tools): {}",
                    why_not.clone().unwrap_or_default()
                ),
                Some(attribute_fix(r, id)),
            ));
            fix.push(FixStep::new(
                Place::Mbxctl,
                "or take the supported round trip: move it back on-premises, convert it, move it to Exchange Online again (docs/exchange-notes.md §8.2); this lists the steps",
                Some(format!("mbxctl convert {} --to shared --dry-run", cli_arg(id))),
            ));
        }
        fix.push(sync_step());
        out.push(Finding {
            kind: FindingKind::WillRevert,
            severity: if unlicensed { FindingLevel::Critical } else { FindingLevel::Warning },
            identity: id.to_string(),
            message: format!(
                "shared in Exchange Online but a {} on-premises: the next directory sync turns it back into a user mailbox (KB2710029){}{}",
                r.recipient_type_details,
                if unlicensed {
                    "; it has no licence, so the 30-day clock to disconnection starts then"
                } else {
                    "; it keeps its licence, so no data is at risk, but the conversion is undone"
                },
                match &why_not {
                    Some(w) if !safe => format!("; mbxctl cannot fix it safely: {w}"),
                    _ => String::new(),
                }
            ),
            on_premises: Some(remote_evidence(r)),
            online: Some(cloud_evidence(c)),
            fix,
            safe_fix: safe.then(|| SafeFix {
                side: Side::OnPremises,
                command: display_text(&set_remote),
                invocation: set_remote,
                before: r.recipient_type_details,
                expect: RecipientTypeDetails::RemoteSharedMailbox,
            }),
        });
    } else if on_prem_shared && cloud_user {
        not_synced = true;
        let cid = cloud_id(m);
        let set = set_type("Set-Mailbox", cid, "Shared");
        let mut fix = vec![FixStep::new(
            Place::ExchangeOnline,
            "convert the cloud mailbox to match the on-premises object (the documented second half of a hybrid conversion, docs/exchange-notes.md §1.2)",
            Some(display_text(&set)),
        )];
        if unlicensed {
            fix.push(FixStep::new(
                Place::Microsoft365,
                "until it is shared it is an unlicensed user mailbox on the 30-day clock; if it cannot be converted now, assign a licence",
                Some(licence_command(m.user_principal_name.as_deref().unwrap_or(cid))),
            ));
        }
        out.push(Finding {
            kind: FindingKind::NotSynced,
            severity: if unlicensed { FindingLevel::Critical } else { FindingLevel::Warning },
            identity: id.to_string(),
            message: format!(
                "a remote shared mailbox on-premises but still a user mailbox in Exchange Online: the conversion has not reached Exchange Online (sync pending) or failed there{}",
                if unlicensed { "; it has no licence, so it is disconnected 30 days after it became an unlicensed user mailbox" } else { "" }
            ),
            on_premises: Some(remote_evidence(r)),
            online: Some(cloud_evidence(c)),
            fix,
            safe_fix: Some(SafeFix {
                side: Side::Online,
                command: display_text(&set),
                invocation: set,
                before: m.recipient_type_details,
                expect: RecipientTypeDetails::SharedMailbox,
            }),
        });
    }

    if !provision && on_prem_user && !will_revert {
        out.push(Finding {
            kind: FindingKind::NoProvisionMailbox,
            severity: FindingLevel::Info,
            identity: id.to_string(),
            message: format!(
                "RemoteRecipientType '{rrt}' lacks ProvisionMailbox (an onboarded mailbox): Set-RemoteMailbox -Type cannot convert it in place on any version; converting it to shared needs the KB2710029 attribute fix first, or a move back (docs/exchange-notes.md §1.2, §2.4, §8.2). Nothing to do until it is converted"
            ),
            on_premises: Some(remote_evidence(r)),
            online: Some(cloud_evidence(c)),
            fix: vec![
                FixStep::new(
                    Place::ActiveDirectory,
                    "only when it is to become shared: stamp the shared-mailbox attributes (KB2710029 step 3; the archive bits are kept)",
                    Some(attribute_fix(r, id)),
                ),
                FixStep::new(
                    Place::ExchangeOnline,
                    "then convert the cloud mailbox, and let sync run",
                    Some(display_text(&set_type("Set-Mailbox", cloud_id(m), "Shared"))),
                ),
            ],
            safe_fix: None,
        });
    }

    judge_licence(c, Some(r), not_synced, out);
}

/// The licence findings of one cloud mailbox (paired with `remote` when there is one).
fn judge_licence(c: &CloudEntry, remote: Option<&RemoteMailbox>, not_synced: bool, out: &mut Vec<Finding>) {
    let m = &c.mailbox;
    let licensed = m.sku_assigned == Some(true);
    let id = remote.map_or_else(|| cloud_id(m), remote_id);
    let upn = m.user_principal_name.as_deref().unwrap_or(id);
    if m.recipient_type_details == RecipientTypeDetails::SharedMailbox && !licensed {
        let over = c.total_item_size.is_some_and(|s| s > UNLICENSED_SHARED_LIMIT);
        let holds = m.litigation_hold_enabled || !m.in_place_holds.is_empty();
        let archive = has_archive(m);
        if over || holds || archive {
            let mut why = Vec::new();
            if over {
                why.push(format!(
                    "it holds {} (over the 50 GB an unlicensed shared mailbox may hold)",
                    c.total_item_size.unwrap_or_default()
                ));
            }
            if m.litigation_hold_enabled {
                why.push("it is on Litigation Hold".to_string());
            } else if holds {
                why.push("it is on an In-Place Hold".to_string());
            }
            if archive {
                why.push("it has an archive".to_string());
            }
            let plan = if over {
                "Exchange Online Plan 2 (100 GB, holds and archives included)"
            } else {
                "Exchange Online Plan 2, or Plan 1 with Exchange Online Archiving"
            };
            out.push(Finding {
                kind: FindingKind::SharedNeedsLicence,
                severity: FindingLevel::Warning,
                identity: id.to_string(),
                message: format!(
                    "an unlicensed shared mailbox that needs a licence: {} (docs/exchange-notes.md §1.1)",
                    why.join(", ")
                ),
                on_premises: remote.map(remote_evidence),
                online: Some(cloud_evidence(c)),
                fix: vec![FixStep::new(Place::Microsoft365, format!("assign {plan}"), Some(licence_command(upn)))],
                safe_fix: None,
            });
        }
    }
    if m.recipient_type_details == RecipientTypeDetails::UserMailbox && m.sku_assigned.is_none() && !not_synced {
        out.push(Finding {
            kind: FindingKind::UnlicensedUser,
            severity: FindingLevel::Warning,
            identity: id.to_string(),
            message: "licence state unknown: SKUAssigned could not be read for this user mailbox; if it has no licence, Exchange Online disconnects it 30 days after it lost (or never had) one (KB2710029)".into(),
            on_premises: remote.map(remote_evidence),
            online: Some(cloud_evidence(c)),
            fix: vec![FixStep::new(
                Place::Microsoft365,
                "look at the user's licences, and assign one if there is none",
                Some(format!("Get-MgUserLicenseDetail -UserId {}", quote(upn))),
            )],
            safe_fix: None,
        });
    }
    if m.recipient_type_details == RecipientTypeDetails::UserMailbox && m.sku_assigned == Some(false) && !not_synced {
        out.push(Finding {
            kind: FindingKind::UnlicensedUser,
            severity: FindingLevel::Critical,
            identity: id.to_string(),
            message: "a user mailbox without a licence: Exchange Online disconnects it 30 days after it lost (or never had) one, and the data may be lost after that (KB2710029)".into(),
            on_premises: remote.map(remote_evidence),
            online: Some(cloud_evidence(c)),
            fix: vec![
                FixStep::new(Place::Microsoft365, "assign a licence", Some(licence_command(upn))),
                FixStep::new(
                    Place::Mbxctl,
                    "or, if it should be a shared mailbox, convert it the way that survives sync (both sides, on-premises first)",
                    Some(format!("mbxctl convert {} --to shared", cli_arg(id))),
                ),
            ],
            safe_fix: None,
        });
    }
}

/// Judges an inventory. Pure: no I/O; O(n) in the number of mailboxes.
pub fn analyse(inv: &Inventory) -> AuditReport {
    let mut findings = Vec::new();
    let mut pairs = 0;
    if inv.cloud_read {
        let index = CloudIndex::new(&inv.cloud);
        let mut paired = vec![false; inv.cloud.len()];
        for r in &inv.remote {
            match index.find(r) {
                Some((i, by_address)) => {
                    pairs += 1;
                    paired[i] = true;
                    judge_pair(inv, r, &inv.cloud[i], by_address, &mut findings);
                }
                None => {
                    let id = remote_id(r);
                    findings.push(Finding {
                        kind: FindingKind::NoCloudMailbox,
                        severity: FindingLevel::Warning,
                        identity: id.to_string(),
                        message: "a remote mailbox on-premises with no Exchange Online mailbox (matched by ExchangeGuid, then by address): not yet provisioned by sync, or its cloud mailbox was disconnected (an unlicensed user mailbox after 30 days) and is now a mail user".into(),
                        on_premises: Some(remote_evidence(r)),
                        online: None,
                        fix: vec![
                            sync_step(),
                            FixStep::new(
                                Place::ExchangeOnline,
                                "if it is still missing, see what Exchange Online has under that address",
                                Some(display_text(&Invocation::new("Get-Recipient").param("Identity", id))),
                            ),
                            FixStep::new(
                                Place::Microsoft365,
                                "if it is a mail user because the mailbox was disconnected, a licence within 30 days reconnects it (KB2710029 step 1)",
                                Some(licence_command(r.user_principal_name.as_deref().unwrap_or(id))),
                            ),
                        ],
                        safe_fix: None,
                    });
                }
            }
        }
        for (c, _) in inv.cloud.iter().zip(&paired).filter(|(_, p)| !**p) {
            judge_licence(c, None, false, &mut findings);
        }
    } else {
        // Without Exchange Online only the on-premises facts can be judged.
        for r in &inv.remote {
            if !r.remote_recipient_type.has_provision_mailbox()
                && r.recipient_type_details == RecipientTypeDetails::RemoteUserMailbox
            {
                let id = remote_id(r);
                findings.push(Finding {
                    kind: FindingKind::NoProvisionMailbox,
                    severity: FindingLevel::Info,
                    identity: id.to_string(),
                    message: format!(
                        "RemoteRecipientType '{}' lacks ProvisionMailbox (an onboarded mailbox): Set-RemoteMailbox -Type cannot convert it in place; converting it to shared needs the KB2710029 attribute fix first, or a move back (docs/exchange-notes.md §1.2, §2.4, §8.2)",
                        r.remote_recipient_type
                    ),
                    on_premises: Some(remote_evidence(r)),
                    online: None,
                    fix: vec![FixStep::new(
                        Place::ActiveDirectory,
                        "only when it is to become shared: stamp the shared-mailbox attributes (KB2710029 step 3)",
                        Some(attribute_fix(r, id)),
                    )],
                    safe_fix: None,
                });
            }
        }
    }
    for m in &inv.on_prem_shared {
        if m.account_disabled == Some(false) {
            let id = cloud_id(m);
            let sam = m.sam_account_name.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| m.alias.clone());
            findings.push(Finding {
                kind: FindingKind::SharedAccountEnabled,
                severity: FindingLevel::Warning,
                identity: id.to_string(),
                message: "a shared mailbox whose AD account is enabled: anyone with its password can sign in to it (converting disables it; this one was enabled again or created otherwise)".into(),
                on_premises: Some(SideEvidence {
                    primary_smtp_address: m.primary_smtp_address.clone(),
                    recipient_type_details: m.recipient_type_details,
                    remote_recipient_type: None,
                    exchange_guid: live_guid(m.exchange_guid),
                    sku_assigned: None,
                    total_item_size: None,
                    litigation_hold_enabled: Some(m.litigation_hold_enabled),
                    in_place_holds: None,
                    archive_status: None,
                    account_disabled: Some(false),
                }),
                online: None,
                fix: vec![FixStep::new(
                    Place::ActiveDirectory,
                    "disable the account (do not delete it: it anchors the shared mailbox); mbxctl does not run AD cmdlets",
                    Some(format!("Disable-ADAccount -Identity {}", quote(&sam))),
                )],
                safe_fix: None,
            });
        }
    }
    findings.sort_by(|a, b| {
        a.severity.cmp(&b.severity).then_with(|| a.kind.cmp(&b.kind)).then_with(|| a.identity.cmp(&b.identity))
    });
    AuditReport {
        remote_mailboxes: inv.remote.len(),
        on_premises_shared: inv.on_prem_shared.len(),
        cloud_mailboxes: inv.cloud.len(),
        pairs,
        cloud_read: inv.cloud_read,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::ByteSize;
    use crate::psobject::{PsObject, PsValue};
    use uuid::Uuid;

    const GB: u64 = 1 << 30;

    fn guid(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn remote(alias: &str, rtd: &str, rrt: &str, g: Option<Uuid>) -> RemoteMailbox {
        let mut o = PsObject::with_types(["Deserialized.Microsoft.Exchange.Data.Directory.Management.RemoteMailbox"])
            .note("Identity", format!("contoso.com/Users/{alias}"))
            .note("Name", alias)
            .note("Alias", alias)
            .note("SamAccountName", alias)
            .note("UserPrincipalName", format!("{alias}@contoso.com"))
            .note("PrimarySmtpAddress", format!("{alias}@contoso.com"))
            .note("RemoteRoutingAddress", format!("{alias}@contoso.mail.onmicrosoft.com"))
            .note("RecipientTypeDetails", rtd)
            .note("RemoteRecipientType", rrt);
        if let Some(g) = g {
            o = o.note("ExchangeGuid", g);
        }
        RemoteMailbox::from_ps(&PsValue::from(o)).expect("remote mailbox")
    }

    fn cloud_with(
        alias: &str,
        rtd: &str,
        sku: Option<bool>,
        g: Option<Uuid>,
        edit: impl FnOnce(PsObject) -> PsObject,
    ) -> CloudEntry {
        let mut o = PsObject::with_types(["Deserialized.Microsoft.Exchange.Management.RestApiClient.EXOMailbox"])
            .note("Identity", alias)
            .note("Name", alias)
            .note("Alias", alias)
            .note("UserPrincipalName", format!("{alias}@contoso.com"))
            .note("PrimarySmtpAddress", format!("{alias}@contoso.com"))
            .note(
                "EmailAddresses",
                PsValue::list([
                    PsValue::from(format!("SMTP:{alias}@contoso.com")),
                    PsValue::from(format!("smtp:{alias}@contoso.mail.onmicrosoft.com")),
                ]),
            )
            .note("RecipientTypeDetails", rtd);
        if let Some(s) = sku {
            o = o.note("SKUAssigned", s);
        }
        if let Some(g) = g {
            o = o.note("ExchangeGuid", g);
        }
        let o = edit(o);
        CloudEntry { mailbox: Mailbox::from_ps(&PsValue::from(o)).expect("mailbox"), total_item_size: None }
    }

    fn cloud(alias: &str, rtd: &str, sku: bool, g: Option<Uuid>) -> CloudEntry {
        cloud_with(alias, rtd, Some(sku), g, |o| o)
    }

    fn inv(remote: Vec<RemoteMailbox>, cloud: Vec<CloudEntry>) -> Inventory {
        Inventory { remote, cloud, cloud_read: true, remote_type_supported: true, ..Inventory::default() }
    }

    fn kinds(r: &AuditReport) -> Vec<(FindingKind, FindingLevel, &str)> {
        r.findings.iter().map(|f| (f.kind, f.severity, f.identity.as_str())).collect()
    }

    fn commands(f: &Finding) -> Vec<(Place, &str)> {
        f.fix.iter().filter_map(|s| s.command.as_deref().map(|c| (s.place, c))).collect()
    }

    #[test]
    fn will_revert_provisioned_unlicensed_is_critical_with_a_safe_on_premises_fix() {
        let r = analyse(&inv(
            vec![remote("wendy", "RemoteUserMailbox", "ProvisionMailbox", None)],
            vec![cloud("wendy", "SharedMailbox", false, Some(guid(1)))],
        ));
        assert_eq!(kinds(&r), [(FindingKind::WillRevert, FindingLevel::Critical, "wendy@contoso.com")]);
        assert_eq!(r.pairs, 1);
        let f = &r.findings[0];
        let safe = f.safe_fix.as_ref().expect("safe fix");
        assert_eq!(safe.side, Side::OnPremises);
        assert_eq!(safe.command, "Set-RemoteMailbox -Identity 'wendy@contoso.com' -Type 'Shared'");
        assert_eq!(
            (safe.before, safe.expect),
            (RecipientTypeDetails::RemoteUserMailbox, RecipientTypeDetails::RemoteSharedMailbox)
        );
        assert_eq!(
            commands(f),
            [
                (
                    Place::Microsoft365,
                    "Set-MgUserLicense -UserId 'wendy@contoso.com' -AddLicenses @(@{SkuId = '<SkuId>'}) -RemoveLicenses @()"
                ),
                (Place::OnPremises, "Set-RemoteMailbox -Identity 'wendy@contoso.com' -Type 'Shared'"),
                (Place::EntraConnect, "Start-ADSyncSyncCycle -PolicyType Delta"),
            ]
        );
        assert!(f.message.contains("KB2710029") && f.message.contains("30-day"), "{}", f.message);
        let on = f.on_premises.as_ref().unwrap();
        assert_eq!(on.remote_recipient_type, Some(RemoteRecipientType(1)));
        assert_eq!(f.online.as_ref().unwrap().sku_assigned, Some(false));
    }

    #[test]
    fn will_revert_licensed_is_a_warning_without_the_licence_step() {
        let r = analyse(&inv(
            vec![remote("lara", "RemoteUserMailbox", "ProvisionMailbox", None)],
            vec![cloud("lara", "SharedMailbox", true, None)],
        ));
        assert_eq!(kinds(&r), [(FindingKind::WillRevert, FindingLevel::Warning, "lara@contoso.com")]);
        assert_eq!(r.findings[0].fix.len(), 2);
        assert!(r.findings[0].safe_fix.is_some());
    }

    #[test]
    fn will_revert_migrated_gets_the_kb_attribute_fix_keeping_archive_bits_and_no_duplicate() {
        let g = guid(7);
        let r = analyse(&inv(
            vec![remote("isaiah", "RemoteUserMailbox", "ProvisionArchive, Migrated", Some(g))],
            vec![cloud("isaiah", "SharedMailbox", false, Some(g))],
        ));
        assert_eq!(kinds(&r), [(FindingKind::WillRevert, FindingLevel::Critical, "isaiah@contoso.com")]);
        let f = &r.findings[0];
        assert!(f.safe_fix.is_none());
        let places: Vec<Place> = commands(f).iter().map(|c| c.0).collect();
        assert_eq!(places, [Place::Microsoft365, Place::ActiveDirectory, Place::Mbxctl, Place::EntraConnect]);
        assert_eq!(
            commands(f)[1],
            (
                Place::ActiveDirectory,
                "Set-ADUser -Identity 'isaiah' -Replace @{msExchRemoteRecipientType=102;msExchRecipientTypeDetails=34359738368}"
            )
        );
        assert_eq!(commands(f)[2], (Place::Mbxctl, "mbxctl convert isaiah@contoso.com --to shared --dry-run"));
        assert!(f.message.contains("lacks ProvisionMailbox"), "{}", f.message);
    }

    #[test]
    fn will_revert_on_old_servers_is_not_safe_and_names_them() {
        let mut i = inv(
            vec![remote("old", "RemoteUserMailbox", "ProvisionMailbox", None)],
            vec![cloud("old", "SharedMailbox", false, None)],
        );
        i.remote_type_supported = false;
        i.old_servers = vec!["EX13 (Exchange 2013 CU20)".into()];
        let r = analyse(&i);
        let f = &r.findings[0];
        assert_eq!(f.kind, FindingKind::WillRevert);
        assert!(f.safe_fix.is_none());
        assert_eq!(
            commands(f)[1].1,
            "Set-ADUser -Identity 'old' -Replace @{msExchRemoteRecipientType=97;msExchRecipientTypeDetails=34359738368}"
        );
        assert!(f.message.contains("EX13 (Exchange 2013 CU20)"), "{}", f.message);
    }

    #[test]
    fn not_synced_has_a_safe_cloud_fix_and_is_critical_only_unlicensed() {
        let r = analyse(&inv(
            vec![
                remote("nora", "RemoteSharedMailbox", "ProvisionMailbox, SharedMailbox", None),
                remote("ned", "RemoteSharedMailbox", "ProvisionMailbox, SharedMailbox", None),
            ],
            vec![cloud("nora", "UserMailbox", false, None), cloud("ned", "UserMailbox", true, None)],
        ));
        // Unlicensed: critical, and no separate unlicensed-user finding for the same mailbox.
        assert_eq!(
            kinds(&r),
            [
                (FindingKind::NotSynced, FindingLevel::Critical, "nora@contoso.com"),
                (FindingKind::NotSynced, FindingLevel::Warning, "ned@contoso.com"),
            ]
        );
        let safe = r.findings[0].safe_fix.as_ref().unwrap();
        assert_eq!(safe.side, Side::Online);
        assert_eq!(safe.command, "Set-Mailbox -Identity 'nora@contoso.com' -Type 'Shared'");
        assert_eq!(safe.expect, RecipientTypeDetails::SharedMailbox);
    }

    #[test]
    fn consistent_pairs_including_migrated_shared_raise_nothing() {
        let r = analyse(&inv(
            vec![
                remote("marketing", "RemoteSharedMailbox", "Migrated, SharedMailbox", Some(guid(3))),
                remote("support", "RemoteSharedMailbox", "ProvisionMailbox, SharedMailbox", None),
                remote("diego", "RemoteUserMailbox", "ProvisionMailbox", None),
                remote("room", "RemoteRoomMailbox", "ProvisionMailbox, RoomMailbox", None),
            ],
            vec![
                cloud("marketing", "SharedMailbox", false, Some(guid(3))),
                cloud("support", "SharedMailbox", false, None),
                cloud("diego", "UserMailbox", true, None),
                cloud("room", "RoomMailbox", false, None),
            ],
        ));
        assert!(r.findings.is_empty(), "{:?}", kinds(&r));
        assert_eq!(r.pairs, 4);
    }

    #[test]
    fn join_prefers_exchange_guid_then_primary_then_routing_address() {
        // The GUID wins over an address that points at another mailbox.
        let mut decoy = cloud("a", "UserMailbox", true, Some(guid(99)));
        decoy.mailbox.primary_smtp_address = "b@contoso.com".into();
        let by_guid = cloud_with("elsewhere", "SharedMailbox", Some(false), Some(guid(5)), |o| o);
        let r = analyse(&inv(
            vec![remote("b", "RemoteUserMailbox", "ProvisionMailbox", Some(guid(5)))],
            vec![decoy, by_guid],
        ));
        assert_eq!(kinds(&r)[0].0, FindingKind::WillRevert);
        assert_eq!(r.findings[0].online.as_ref().unwrap().primary_smtp_address, "elsewhere@contoso.com");
        // No GUID on-premises: matched by the routing address among the cloud's proxies.
        let mut moved = cloud("x", "SharedMailbox", false, None);
        moved.mailbox.primary_smtp_address = "renamed@contoso.com".into();
        moved.mailbox.email_addresses =
            vec!["SMTP:renamed@contoso.com".into(), "smtp:c@contoso.mail.onmicrosoft.com".into()];
        let r = analyse(&inv(vec![remote("c", "RemoteUserMailbox", "ProvisionMailbox", None)], vec![moved]));
        assert_eq!(r.pairs, 1);
        assert_eq!(kinds(&r), [(FindingKind::WillRevert, FindingLevel::Critical, "c@contoso.com")]);
        // A cloud mailbox left unpaired is judged on its own (its own address as identity).
        let r = analyse(&inv(vec![], vec![cloud("lone", "UserMailbox", false, None)]));
        assert_eq!(kinds(&r), [(FindingKind::UnlicensedUser, FindingLevel::Critical, "lone@contoso.com")]);
        assert!(r.findings[0].on_premises.is_none());
    }

    #[test]
    fn a_guid_mismatch_found_by_address_is_reported_with_the_cloud_guid() {
        let r = analyse(&inv(
            vec![remote("m", "RemoteUserMailbox", "ProvisionMailbox", Some(guid(1)))],
            vec![cloud("m", "UserMailbox", true, Some(guid(2)))],
        ));
        assert_eq!(kinds(&r), [(FindingKind::ExchangeGuidMismatch, FindingLevel::Warning, "m@contoso.com")]);
        assert_eq!(
            commands(&r.findings[0])[0].1,
            format!("Set-RemoteMailbox -Identity 'm@contoso.com' -ExchangeGuid '{}'", guid(2))
        );
    }

    #[test]
    fn without_a_cloud_read_only_on_premises_facts_are_judged() {
        let mut i = inv(
            vec![
                remote("adele", "RemoteUserMailbox", "Migrated", Some(guid(1))),
                remote("diego", "RemoteUserMailbox", "ProvisionMailbox", None),
                remote("marketing", "RemoteSharedMailbox", "Migrated, SharedMailbox", None),
            ],
            vec![],
        );
        i.cloud_read = false;
        let r = analyse(&i);
        assert_eq!(kinds(&r), [(FindingKind::NoProvisionMailbox, FindingLevel::Info, "adele@contoso.com")]);
        assert_eq!(r.pairs, 0);
        // With the cloud read but empty, a remote mailbox without a match is a finding.
        i.cloud_read = true;
        let r = analyse(&i);
        assert_eq!(r.findings.iter().filter(|f| f.kind == FindingKind::NoCloudMailbox).count(), 3);
    }

    #[test]
    fn shared_mailboxes_needing_a_licence() {
        let mut big = cloud("big", "SharedMailbox", false, None);
        big.total_item_size = Some(ByteSize(60 * GB));
        let mut edge = cloud("edge", "SharedMailbox", false, None);
        edge.total_item_size = Some(ByteSize(50 * GB));
        let hold = cloud_with("hold", "SharedMailbox", Some(false), None, |o| o.note("LitigationHoldEnabled", true));
        let inplace = cloud_with("inplace", "SharedMailbox", Some(false), None, |o| {
            o.note("InPlaceHolds", PsValue::list([PsValue::from("UniH1")]))
        });
        let archive = cloud_with("arch", "SharedMailbox", Some(false), None, |o| o.note("ArchiveGuid", guid(4)));
        let licensed = cloud_with("lic", "SharedMailbox", Some(true), None, |o| o.note("LitigationHoldEnabled", true));
        let r = analyse(&inv(vec![], vec![big, edge, hold, inplace, archive, licensed]));
        assert_eq!(
            kinds(&r),
            [
                (FindingKind::SharedNeedsLicence, FindingLevel::Warning, "arch@contoso.com"),
                (FindingKind::SharedNeedsLicence, FindingLevel::Warning, "big@contoso.com"),
                (FindingKind::SharedNeedsLicence, FindingLevel::Warning, "hold@contoso.com"),
                (FindingKind::SharedNeedsLicence, FindingLevel::Warning, "inplace@contoso.com"),
            ]
        );
        let msg = |id: &str| r.findings.iter().find(|f| f.identity == id).unwrap().message.clone();
        assert!(msg("big@contoso.com").contains("60 GB"), "{}", msg("big@contoso.com"));
        assert!(msg("hold@contoso.com").contains("Litigation Hold"));
        assert!(msg("inplace@contoso.com").contains("In-Place Hold"));
        assert!(msg("arch@contoso.com").contains("archive"));
        assert!(r.findings[1].fix[0].description.contains("Plan 2 (100 GB"));
    }

    #[test]
    fn unlicensed_user_needs_a_known_false_licence_flag() {
        let unknown = cloud_with("unknown", "UserMailbox", None, None, |o| o);
        let r = analyse(&inv(
            vec![remote("grady", "RemoteUserMailbox", "ProvisionMailbox", None)],
            vec![cloud("grady", "UserMailbox", false, None), unknown],
        ));
        assert_eq!(
            kinds(&r),
            [
                (FindingKind::UnlicensedUser, FindingLevel::Critical, "grady@contoso.com"),
                (FindingKind::UnlicensedUser, FindingLevel::Warning, "unknown@contoso.com"),
            ]
        );
        let f = &r.findings[0];
        assert_eq!(f.on_premises.as_ref().unwrap().recipient_type_details, RecipientTypeDetails::RemoteUserMailbox);
        assert_eq!(commands(f)[1], (Place::Mbxctl, "mbxctl convert grady@contoso.com --to shared"));
        // An unknown licence state is a warning that says so, not silence and not a false alarm.
        let u = &r.findings[1];
        assert!(u.message.starts_with("licence state unknown: SKUAssigned could not be read"), "{}", u.message);
        assert_eq!(u.online.as_ref().unwrap().sku_assigned, None);
        assert_eq!(commands(u), [(Place::Microsoft365, "Get-MgUserLicenseDetail -UserId 'unknown@contoso.com'")]);
    }

    #[test]
    fn on_premises_shared_with_an_enabled_account() {
        let m = |alias: &str, disabled: bool| {
            Mailbox::from_ps(&PsValue::from(
                PsObject::default()
                    .note("Identity", alias)
                    .note("PrimarySmtpAddress", format!("{alias}@contoso.com"))
                    .note("SamAccountName", alias)
                    .note("RecipientTypeDetails", "SharedMailbox")
                    .note("AccountDisabled", disabled),
            ))
            .unwrap()
        };
        let mut i = inv(vec![], vec![]);
        i.on_prem_shared = vec![m("finance", false), m("sales", true)];
        let r = analyse(&i);
        assert_eq!(kinds(&r), [(FindingKind::SharedAccountEnabled, FindingLevel::Warning, "finance@contoso.com")]);
        assert_eq!(commands(&r.findings[0]), [(Place::ActiveDirectory, "Disable-ADAccount -Identity 'finance'")]);
    }

    #[test]
    fn attribute_values_follow_the_reference_tables() {
        for (from, to) in [(0, 100), (4, 100), (6, 102), (20, 116), (1, 97), (3, 99), (5, 101)] {
            assert_eq!(shared_attribute_value(RemoteRecipientType(from)), to, "{from}");
        }
    }

    #[test]
    fn findings_sort_by_severity_kind_identity_and_serialise_with_exchange_names() {
        let r = analyse(&inv(
            vec![
                remote("z", "RemoteUserMailbox", "ProvisionMailbox", None),
                remote("a", "RemoteUserMailbox", "Migrated", None),
                remote("q", "RemoteUserMailbox", "ProvisionMailbox", None),
            ],
            vec![
                cloud("z", "SharedMailbox", false, None),
                cloud("a", "UserMailbox", true, None),
                cloud("q", "UserMailbox", false, None),
            ],
        ));
        assert_eq!(
            kinds(&r),
            [
                (FindingKind::WillRevert, FindingLevel::Critical, "z@contoso.com"),
                (FindingKind::UnlicensedUser, FindingLevel::Critical, "q@contoso.com"),
                (FindingKind::NoProvisionMailbox, FindingLevel::Info, "a@contoso.com"),
            ]
        );
        let v = serde_json::to_value(&r.findings[0]).unwrap();
        assert_eq!(v["kind"], "will-revert");
        assert_eq!(v["severity"], "critical");
        assert_eq!(v["on_premises"]["RecipientTypeDetails"], "RemoteUserMailbox");
        assert_eq!(v["on_premises"]["RemoteRecipientType"], "ProvisionMailbox");
        assert_eq!(v["online"]["SKUAssigned"], false);
        assert_eq!(v["online"]["ArchiveStatus"], "None");
        assert_eq!(v["fix"][0]["where"], "microsoft-365");
        assert_eq!(v["fix"][1]["where"], "on-premises");
        assert_eq!(v["safe_fix"]["side"], "onpremises");
        assert_eq!(v["safe_fix"]["expect"], "RemoteSharedMailbox");
    }
}
