//! Reading: both sides with a handful of bulk cmdlets, into an [`Inventory`].

use super::{CloudEntry, Inventory, cloud_id};
use crate::cmdlet::validate::Target;
use crate::cmdlet::{Invocation, Value};
use crate::exchange::ByteSize;
use crate::exchange::RecipientTypeDetails;
use crate::exchange::results::{ExchangeServer, Mailbox, MailboxStatistics, RemoteMailbox};
use crate::shell::{Shell, Side};
use crate::workflow::exec::{Executor, WorkflowError};

async fn read_all<T>(
    exec: &mut Executor<'_>,
    inv: Invocation,
    parse: fn(&crate::psobject::PsValue) -> Result<T, crate::exchange::results::ResultError>,
) -> Result<Vec<T>, WorkflowError> {
    let cmdlet = inv.cmdlet.clone();
    let (outcome, _) = exec.run(&inv).await?;
    if let Some(e) = outcome.errors.first() {
        return Err(WorkflowError::Unexpected { cmdlet, reason: e.message.clone() });
    }
    outcome
        .output
        .iter()
        .map(|v| parse(v).map_err(|e| WorkflowError::Unexpected { cmdlet: cmdlet.clone(), reason: e.to_string() }))
        .collect()
}

/// The properties `Get-EXOMailbox` is asked for beyond its minimal set (which already holds
/// PrimarySmtpAddress, EmailAddresses, RecipientTypeDetails, UserPrincipalName and Identity).
pub const CLOUD_PROPERTIES: [&str; 6] =
    ["ExchangeGuid", "SKUAssigned", "LitigationHoldEnabled", "InPlaceHolds", "ArchiveStatus", "ArchiveGuid"];

fn servers_read() -> Invocation {
    Invocation::new("Get-ExchangeServer")
}

fn remote_read() -> Invocation {
    Invocation::new("Get-RemoteMailbox").param("ResultSize", "Unlimited")
}

fn shared_read() -> Invocation {
    Invocation::new("Get-Mailbox")
        .param("RecipientTypeDetails", Value::List(vec!["SharedMailbox".into()]))
        .param("ResultSize", "Unlimited")
}

fn cloud_read() -> Invocation {
    Invocation::new("Get-EXOMailbox")
        .param("ResultSize", "Unlimited")
        .param("Properties", Value::List(CLOUD_PROPERTIES.map(String::from).to_vec()))
}

/// The bulk reads [`collect`] makes, in order (besides one `Get-MailboxStatistics` per
/// unlicensed shared cloud mailbox), for documentation and tests.
pub fn collect_commands(with_cloud: bool) -> Vec<(Side, Invocation)> {
    let mut out =
        vec![(Side::OnPremises, servers_read()), (Side::OnPremises, remote_read()), (Side::OnPremises, shared_read())];
    if with_cloud {
        out.push((Side::Online, cloud_read()));
    }
    out
}

/// Reads both sides with bulk cmdlets, selecting only what the audit needs: the servers, every
/// remote mailbox, the on-premises shared mailboxes, every Exchange Online mailbox, and the
/// statistics of the unlicensed shared mailboxes only (their size decides whether they need a
/// licence). With `cloud` absent, only the on-premises side is read.
pub async fn collect(
    on_prem: &mut (dyn Shell + 'static),
    cloud: Option<&mut (dyn Shell + 'static)>,
) -> Result<Inventory, WorkflowError> {
    let mut exec = Executor::new(on_prem, Target::default());
    let servers = read_all(&mut exec, servers_read(), ExchangeServer::from_ps).await?;
    let mut inv = Inventory::default();
    for s in &servers {
        match s.admin_display_version.parse::<crate::cmdlet::ExchangeVersion>() {
            Ok(v) if v.supports_remote_shared() => inv.remote_type_supported = true,
            Ok(v) => inv.old_servers.push(format!("{} ({v})", s.name)),
            Err(_) => inv.old_servers.push(format!("{} ({})", s.name, s.admin_display_version)),
        }
    }
    inv.remote = read_all(&mut exec, remote_read(), RemoteMailbox::from_ps).await?;
    inv.on_prem_shared = read_all(&mut exec, shared_read(), Mailbox::from_ps).await?;
    if let Some(cloud) = cloud {
        let mut cx = Executor::new(cloud, Target { side: Side::Online, ..Target::default() });
        let mailboxes = read_all(&mut cx, cloud_read(), Mailbox::from_ps).await?;
        inv.cloud_read = true;
        inv.cloud.reserve(mailboxes.len());
        for m in mailboxes {
            let size =
                if m.recipient_type_details == RecipientTypeDetails::SharedMailbox && m.sku_assigned != Some(true) {
                    let id = cloud_id(&m).to_string();
                    let (outcome, _) =
                        cx.run(&Invocation::new("Get-MailboxStatistics").param("Identity", id.as_str())).await?;
                    if let Some(e) = outcome.errors.first() {
                        return Err(WorkflowError::Unexpected {
                            cmdlet: "Get-MailboxStatistics".into(),
                            reason: e.message.clone(),
                        });
                    }
                    match outcome.output.first() {
                        Some(v) => Some(
                            MailboxStatistics::from_ps(v)
                                .map_err(|e| WorkflowError::Unexpected {
                                    cmdlet: "Get-MailboxStatistics".into(),
                                    reason: e.to_string(),
                                })?
                                .total_item_size,
                        ),
                        // Never logged on: Exchange answers with a warning and no object; it holds nothing.
                        None => Some(ByteSize(0)),
                    }
                } else {
                    None
                };
            inv.cloud.push(CloudEntry { mailbox: m, total_item_size: size });
        }
    }
    Ok(inv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::exec::display_text;

    #[test]
    fn bulk_reads_validate_against_the_catalogue() {
        let texts: Vec<(Side, String)> = collect_commands(true)
            .iter()
            .map(|(side, inv)| {
                let v = crate::cmdlet::validate::validate(inv, &Target { side: *side, ..Target::default() });
                assert!(v.is_ok(), "{}: {:?}", inv.cmdlet, v.diagnostics);
                (*side, display_text(&v.invocation))
            })
            .collect();
        assert_eq!(
            texts,
            [
                (Side::OnPremises, "Get-ExchangeServer".to_string()),
                (Side::OnPremises, "Get-RemoteMailbox -ResultSize 'Unlimited'".to_string()),
                (Side::OnPremises, "Get-Mailbox -RecipientTypeDetails @('SharedMailbox') -ResultSize 'Unlimited'".to_string()),
                (
                    Side::Online,
                    "Get-EXOMailbox -ResultSize 'Unlimited' -Properties 'ExchangeGuid','SKUAssigned','LitigationHoldEnabled','InPlaceHolds','ArchiveStatus','ArchiveGuid'".to_string()
                ),
            ]
        );
        assert_eq!(collect_commands(false).len(), 3);
    }
}
