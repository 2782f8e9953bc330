//! Exchange result and error parsing against real captured output (`shared/fixtures`).

use mbxctl::exchange::classify::{ErrorKind, FullyQualifiedErrorId, WarningKind, classify_error, classify_warning};
use mbxctl::exchange::console::parse_console_error;
use mbxctl::exchange::identity::MailboxIdentity;
use mbxctl::exchange::results::ExchangeServer;
use mbxctl::exchange::results::{Mailbox, ps_from_json};
use mbxctl::exchange::{ByteSize, Quota, RecipientTypeDetails};
use mbxctl::protocol::clixml;
use std::path::PathBuf;
use std::time::Duration;

/// The shared fixtures directory: walk up from the crate until a `shared/fixtures` exists
/// (a worktree has it two levels up, a CI clone beside the repository).
fn fixture(rel: &str) -> PathBuf {
    let mut dir = Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    while let Some(d) = dir {
        let candidate = d.join("shared").join("fixtures");
        if candidate.is_dir() {
            return candidate.join(rel);
        }
        dir = d.parent().map(PathBuf::from);
    }
    panic!("no shared/fixtures directory above {}", env!("CARGO_MANIFEST_DIR"));
}

fn read(rel: &str) -> String {
    let path = fixture(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

#[test]
fn e2013_remote_not_found_error() {
    let r =
        parse_console_error(&read("errors/E2013-Get-TransportService-ManagementObjectNotFound-remote.txt")).unwrap();
    assert_eq!(
        r.message,
        "The operation couldn't be performed because object 'DEV-E15CAS' couldn't be found on 'Dev-DC1.Dev.local'."
    );
    assert_eq!(r.category, 0);
    assert_eq!(r.activity.as_deref(), Some("Get-TransportService"));
    assert_eq!(r.reason.as_deref(), Some("ManagementObjectNotFoundException"));
    assert_eq!(
        r.fully_qualified_error_id,
        "[Server=DEV-E15A,RequestId=4e96e2e6-15c4-49fe-8f66-36d2abe146e1,TimeStamp=9/17/2018 7:18:43 PM] \
         [FailureCategory=Cmdlet-ManagementObjectNotFoundException] \
         B06714DB,Microsoft.Exchange.Management.SystemConfigurationTasks.GetTransportService"
    );
    let id = FullyQualifiedErrorId::parse(&r.fully_qualified_error_id);
    assert_eq!(
        id,
        FullyQualifiedErrorId {
            server: Some("DEV-E15A".into()),
            request_id: Some("4e96e2e6-15c4-49fe-8f66-36d2abe146e1".into()),
            timestamp: Some("9/17/2018 7:18:43 PM".into()),
            failure_category: Some("Cmdlet-ManagementObjectNotFoundException".into()),
            code: Some("B06714DB".into()),
            cmdlet_type: Some("Microsoft.Exchange.Management.SystemConfigurationTasks.GetTransportService".into()),
        }
    );
    assert_eq!(classify_error(&r), ErrorKind::NotFound);
}

#[test]
fn exo_module_not_found_error() {
    let r = parse_console_error(&read("errors/exo-Get-Recipient-ManagementObjectNotFound.txt")).unwrap();
    assert_eq!(
        r.message,
        "The operation couldn't be performed because object 'TestDL9890@test.mail.onmicrosoft.com' couldn't be found \
         on 'DB6PR06A001DC06.EURPR06A001.prod.outlook.com'."
    );
    assert_eq!(
        r.exception_type.as_deref(),
        Some("Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException")
    );
    assert_eq!(r.activity.as_deref(), Some("Get-Recipient"));
    let id = FullyQualifiedErrorId::parse(&r.fully_qualified_error_id);
    assert_eq!(id.server.as_deref(), Some("AM6PR06MB5795"));
    assert_eq!(id.request_id.as_deref(), Some("7f6f2d5f-726b-5584-2121-922596043d50"));
    assert_eq!(id.timestamp.as_deref(), Some("Tue, 28 Mar 2023 13:55:04 GMT"));
    assert_eq!((id.code, id.cmdlet_type.as_deref()), (None, Some("Write-ErrorMessage")));
    assert_eq!(classify_error(&r), ErrorKind::NotFound);

    // The same record as it arrives over PSRP: the pipe form stays in the message.
    let wire = mbxctl::shell::ErrorRecord {
        message: "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation \
                  couldn't be performed because object 'x' couldn't be found on 'dc'."
            .into(),
        fully_qualified_error_id: r.fully_qualified_error_id.clone(),
        ..Default::default()
    };
    assert_eq!(classify_error(&wire), ErrorKind::NotFound);
}

#[test]
fn exo_micro_delay_warnings() {
    let text = read("errors/exo-micro-delay-warning.txt");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        // The published text has a `<X>` placeholder where the server prints the number.
        assert_eq!(classify_warning(line), WarningKind::MicroDelay { delay: Duration::ZERO }, "{line}");
        let real = line.replace("<X>", "250");
        assert_eq!(classify_warning(&real), WarningKind::MicroDelay { delay: Duration::from_millis(250) });
    }
}

/// The error text of a `#< CLIXML` stderr stream: its `Error` stream strings, concatenated.
fn clixml_error_text(xml: &str) -> String {
    let items = clixml::from_document_streams(xml, &clixml::Limits::default(), None).unwrap();
    items.iter().filter(|i| i.stream.as_deref() == Some("Error")).filter_map(|i| i.value.as_str()).collect()
}

#[test]
fn pwsh_stderr_command_not_found() {
    let text = clixml_error_text(&read("errors/pwsh-stderr-CLIXML-CommandNotFound.xml"));
    let r = parse_console_error(&text).unwrap();
    assert_eq!(
        r.message,
        "The term 'fake' is not recognized as the name of a cmdlet, function, script file, or operable program. \
         Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
    );
    assert_eq!(r.category, 13);
    assert_eq!(r.target_name.as_deref(), Some("fake"));
    assert_eq!(r.activity, None);
    assert_eq!(r.fully_qualified_error_id, "CommandNotFoundException");
    assert_eq!(classify_error(&r), ErrorKind::CommandNotFound);
}

#[test]
fn exo_json_mailbox() {
    let json: serde_json::Value = serde_json::from_str(&read("json/exo-get-mailbox-user-narrowed.json")).unwrap();
    let m = Mailbox::from_ps(&ps_from_json(&json)).unwrap();
    assert_eq!(m.identity, "bbcfc3c5-0b93-4135-9ef9-18477a9fb504");
    assert_eq!(m.display_name, "Rob Knight");
    assert_eq!(m.primary_smtp_address, "rob@m7kni.io");
    assert_eq!(m.user_principal_name.as_deref(), Some("rob@m7kni.io"));
    assert_eq!(m.recipient_type_details, RecipientTypeDetails::UserMailbox);
    assert_eq!(m.exchange_guid.unwrap().to_string(), "2f0eef8a-ac24-475e-beae-3da243345ad9");
    assert_eq!(m.external_directory_object_id.as_deref(), Some("bbcfc3c5-0b93-4135-9ef9-18477a9fb504"));
    assert_eq!(m.prohibit_send_quota, Some(Quota::Limited(ByteSize(106_300_440_576))));
    assert_eq!(m.prohibit_send_receive_quota, Some(Quota::Limited(ByteSize(107_374_182_400))));
    assert_eq!(m.issue_warning_quota, Some(Quota::Limited(ByteSize(105_226_698_752))));
    assert!(!m.litigation_hold_enabled);
    assert!(!m.retention_hold_enabled);
    assert!(m.in_place_holds.is_empty());
    assert!(m.grant_send_on_behalf_to.is_empty());
    assert_eq!(m.archive_status.as_deref(), Some("None"));
    assert_eq!(m.archive_state.as_deref(), Some("None"));
    assert_eq!(m.archive_guid, None);
    assert_eq!(m.account_disabled, Some(false));
    assert_eq!(
        (m.is_shared, m.is_resource, m.is_inactive_mailbox, m.is_dir_synced),
        (Some(false), Some(false), Some(false), Some(false))
    );
    assert_eq!(
        (m.message_copy_for_sent_as_enabled, m.message_copy_for_send_on_behalf_enabled),
        (Some(false), Some(false))
    );
    assert_eq!(m.hidden_from_address_lists_enabled, Some(false));
    assert_eq!((m.forwarding_address.as_deref(), m.forwarding_smtp_address.as_deref()), (None, None));
    assert_eq!(m.email_addresses.len(), 5);
    assert_eq!(m.smtp_addresses(), ["rob@m7kni.com", "rob@rob-knight.com", "rob@m7kni.io"]);
    // Narrowed away by the export: empty, not invented.
    assert_eq!((m.name.as_str(), m.alias.as_str(), m.sam_account_name.as_deref()), ("", "", None));

    for text in ["rob@m7kni.com", "ROB@rob-knight.com", "bbcfc3c5-0b93-4135-9ef9-18477a9fb504", "Rob Knight"] {
        assert!(text.parse::<MailboxIdentity>().unwrap().matches(&m), "{text}");
    }
    assert!(!"rob".parse::<MailboxIdentity>().unwrap().matches(&m));
}

fn servers(rel: &str) -> Vec<ExchangeServer> {
    let values = clixml::from_document(&read(rel), &clixml::Limits::default()).unwrap();
    values.iter().map(|v| ExchangeServer::from_ps(v).unwrap()).collect()
}

#[test]
fn e2016_cu22_get_exchange_server_clixml() {
    let s = servers("clixml/E2016CU22-Get-ExchangeServer.xml");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].name, "SOLO-E16A");
    assert_eq!(s[0].fqdn.as_deref(), Some("Solo-E16A.Solo.local"));
    assert_eq!(s[0].admin_display_version, "Version 15.1 (Build 2375.7)");
    assert_eq!(s[0].build(), Some((15, 1, 2375, 7)));
    assert_eq!(s[0].server_role.as_deref(), Some("Mailbox"));
    assert_eq!(s[0].edition.as_deref(), Some("StandardEvaluation"));
}

#[test]
fn e2016_cu23_two_servers_clixml() {
    let s = servers("clixml/E2016CU23-Get-ExchangeServer-2servers.xml");
    let summary: Vec<_> =
        s.iter().map(|s| (s.name.as_str(), s.fqdn.as_deref(), s.admin_display_version.as_str(), s.build())).collect();
    assert_eq!(
        summary,
        [
            ("E2k16-1", Some("E2k16-1.Contoso.lab"), "Version 15.1 (Build 2507.18)", Some((15, 1, 2507, 18))),
            ("E2k16-2", Some("E2k16-2.Contoso.lab"), "Version 15.1 (Build 2507.18)", Some((15, 1, 2507, 18))),
        ]
    );
}
