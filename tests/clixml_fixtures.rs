//! Every CLIXML fixture (Export-Clixml files, `#< CLIXML` stderr streams, PSRP packets decoded
//! by hand: base64 → 21-byte fragment headers → 40-byte message headers → UTF-8 CLIXML) parses
//! to the exact values it holds, and re-serializes to the bytes PowerShell wrote.

use base64::Engine as _;
use mbxctl::protocol::clixml::{self, ClixmlError, Limits, SecureCipher};
use mbxctl::protocol::records;
use mbxctl::psobject::{Container, PsObject, PsValue};
use std::path::PathBuf;
use std::sync::Arc;

/// The shared fixtures directory: `$MBXCTL_SHARED_DIR/fixtures` when set, else the first ancestor of the crate
/// holding `shared/fixtures`.
fn fixtures() -> PathBuf {
    if let Some(dir) = std::env::var_os("MBXCTL_SHARED_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("fixtures");
    }
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared").join("fixtures");
        if candidate.is_dir() {
            return candidate;
        }
        assert!(dir.pop(), "no shared/fixtures directory above {}", env!("CARGO_MANIFEST_DIR"));
    }
}

fn read(rel: &str) -> String {
    let path = fixtures().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn document(rel: &str) -> Vec<PsValue> {
    clixml::from_document(&read(rel), &Limits::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn obj(v: &PsValue) -> &PsObject {
    v.as_object().unwrap_or_else(|| panic!("expected an object, got {v:?}"))
}

fn prop<'a>(o: &'a PsObject, name: &str) -> &'a PsValue {
    o.get(name).unwrap_or_else(|| panic!("no property {name} on {:?}", o.type_names.first()))
}

fn s<'a>(o: &'a PsObject, name: &str) -> &'a str {
    prop(o, name).as_str().unwrap_or_else(|| panic!("{name} is not a string: {:?}", prop(o, name)))
}

/// `to_document` writes CRLF; the fixture copies in the repository have LF line ends.
fn assert_document_round_trip(rel: &str, values: &[PsValue]) {
    let written = clixml::to_document(values).unwrap().replace("\r\n", "\n");
    let original = read(rel).replace("\r\n", "\n");
    if written != original {
        let at = written.bytes().zip(original.bytes()).position(|(a, b)| a != b).unwrap_or(0);
        let from = at.saturating_sub(200);
        panic!(
            "{rel}: re-serialized document differs at byte {at}\n--- ours ---\n{}\n--- fixture ---\n{}",
            &written[from..(at + 200).min(written.len())],
            &original[from..(at + 200).min(original.len())]
        );
    }
}

#[test]
fn exchange_server_2016_cu22() {
    let rel = "clixml/E2016CU22-Get-ExchangeServer.xml";
    let values = document(rel);
    assert_eq!(values.len(), 1);
    let server = obj(&values[0]);
    assert_eq!(server.type_names[0], "Microsoft.Exchange.Data.Directory.Management.ExchangeServer");
    assert_eq!(server.type_names.len(), 6);
    assert_eq!(server.to_string.as_deref(), Some("SOLO-E16A"));
    assert_eq!(s(server, "Name"), "SOLO-E16A");
    assert_eq!(s(server, "Fqdn"), "Solo-E16A.Solo.local");
    assert_eq!(s(server, "Domain"), "Solo.local");
    let version = obj(prop(server, "AdminDisplayVersion"));
    assert_eq!(version.to_string.as_deref(), Some("Version 15.1 (Build 2375.7)"));
    assert_eq!(prop(version, "Major"), &PsValue::I32(15));
    assert_eq!(prop(version, "Build"), &PsValue::I32(2375));
    assert_eq!(prop(version, "Revision"), &PsValue::I32(7));
    assert!(prop(version, "FilePatchLevelDescription").is_null());
    let role = prop(server, "ServerRole");
    assert_eq!(role.display().as_deref(), Some("Mailbox"));
    assert_eq!(role.as_integer(), Some(2));
    assert!(obj(role).is_type("System.Enum"));
    let edition = prop(server, "Edition");
    assert_eq!((edition.display().as_deref(), edition.as_integer()), (Some("StandardEvaluation"), Some(2)));
    assert_eq!(prop(server, "IsMailboxServer"), &PsValue::Bool(true));
    assert_eq!(prop(server, "IsEdgeServer"), &PsValue::Bool(false));
    assert!(prop(server, "InternetWebProxy").is_null());
    let data_path = obj(prop(server, "DataPath"));
    assert_eq!(s(data_path, "PathName"), r"C:\Program Files\Microsoft\Exchange Server\V15\Mailbox");
    let PsValue::Bytes(blob) = prop(data_path, "SerializationData") else { panic!("SerializationData is not BA") };
    assert_eq!(blob.len(), 371);
    assert_eq!(&blob[..4], &[0, 1, 0, 0]);
    // `<Ref N="Id" RefId="19" />` shares the object read earlier as RefId 19 (Identity).
    let (PsValue::Object(id), PsValue::Object(identity)) = (prop(server, "Id"), prop(server, "Identity")) else {
        panic!("Id/Identity are not objects")
    };
    assert!(Arc::ptr_eq(id, identity));
    assert_document_round_trip(rel, &values);
}

#[test]
fn exchange_server_2016_cu23_two_servers() {
    let rel = "clixml/E2016CU23-Get-ExchangeServer-2servers.xml";
    let values = document(rel);
    let names: Vec<_> = values.iter().map(|v| s(obj(v), "Name").to_string()).collect();
    assert_eq!(names, ["E2k16-1", "E2k16-2"]);
    let fqdns: Vec<_> = values.iter().map(|v| s(obj(v), "Fqdn").to_string()).collect();
    assert_eq!(fqdns, ["E2k16-1.Contoso.lab", "E2k16-2.Contoso.lab"]);
    for v in &values {
        let version = prop(obj(v), "AdminDisplayVersion").display().unwrap();
        assert_eq!(version, "Version 15.1 (Build 2507.18)");
    }
    // The second object reuses the first one's type-name lists through <TNRef>.
    assert_eq!(obj(&values[1]).type_names, obj(&values[0]).type_names);
    assert_document_round_trip(rel, &values);
}

#[test]
fn mailbox_server_sizes_and_unlimited() {
    let rel = "clixml/E2016CU22-Get-MailboxServer.xml";
    let values = document(rel);
    let mbx = obj(&values[0]);
    let limit = obj(prop(mbx, "CalendarRepairLogDirectorySizeLimit"));
    assert!(
        limit.type_names[0]
            .starts_with("Microsoft.Exchange.Data.Unlimited`1[[Microsoft.Exchange.Data.ByteQuantifiedSize")
    );
    assert_eq!(limit.to_string.as_deref(), Some("500 MB (524,288,000 bytes)"));
    assert_eq!(prop(limit, "IsUnlimited"), &PsValue::Bool(false));
    assert_eq!(s(limit, "Value"), "500 MB (524,288,000 bytes)");
    let unlimited = obj(prop(mbx, "LogDirectorySizeLimitForManagedFolders"));
    assert_eq!(unlimited.to_string.as_deref(), Some("Unlimited"));
    assert_eq!(prop(unlimited, "IsUnlimited"), &PsValue::Bool(true));
    assert!(unlimited.get("Value").is_none());
    assert_eq!(unlimited.type_names, limit.type_names);
    let file_limit = obj(prop(mbx, "LogFileSizeLimitForManagedFolders"));
    assert_eq!(s(file_limit, "Value"), "10 MB (10,485,760 bytes)");
    let bqs = obj(prop(mbx, "MigrationLogMaxDirectorySize"));
    assert_eq!(bqs.type_names, ["Microsoft.Exchange.Data.ByteQuantifiedSize", "System.ValueType", "System.Object"]);
    assert_eq!(bqs.to_string.as_deref(), Some("5 GB (5,368,709,120 bytes)"));
    assert_eq!(prop(mbx, "MigrationLogMaxFileSize").display().as_deref(), Some("100 MB (104,857,600 bytes)"));
    let age = obj(prop(mbx, "CalendarRepairLogFileAgeLimit"));
    assert_eq!(age.to_string.as_deref(), Some("10.00:00:00"));
    assert_eq!(prop(age, "Ticks"), &PsValue::I64(8_640_000_000_000));
    assert_eq!(prop(age, "TotalHours"), &PsValue::Double(240.0));
    assert_eq!(prop(mbx, "CalendarRepairMode").display().as_deref(), Some("RepairAndValidate"));
    assert_document_round_trip(rel, &values);
}

#[test]
fn organization_config() {
    let rel = "clixml/E2016-Get-OrganizationConfig.xml";
    let values = document(rel);
    let org = obj(&values[0]);
    assert_eq!(s(org, "Name"), "SoloORG");
    assert_eq!(prop(org, "Guid"), &PsValue::Guid("caa261bf-5660-4562-9848-1bdc78841a63".parse().unwrap()));
    assert_document_round_trip(rel, &values);
}

#[test]
fn dynamic_distribution_group_recipient() {
    let rel = "clixml/E2016-Get-DynamicDistributionGroup-PfMailboxes.xml";
    let values = document(rel);
    let g = obj(&values[0]);
    assert_eq!(s(g, "Alias"), "PublicFolderMailboxes.419323dd2b7d4d04a724dcc15e467521");
    assert_eq!(
        s(g, "LdapRecipientFilter"),
        "(&(msExchRecipientTypeDetails=68719476736)(!(msExchProvisioningFlags:1.2.840.113556.1.4.803:=524288)))"
    );
    let rt = prop(g, "RecipientType");
    assert_eq!((rt.display().as_deref(), rt.as_integer()), (Some("DynamicDistributionGroup"), Some(10)));
    let rtd = prop(g, "RecipientTypeDetails");
    assert_eq!(obj(rtd).base, Some(PsValue::I64(2048)));
    let addresses = obj(prop(g, "EmailAddresses"));
    assert_eq!(addresses.type_names[0], "Microsoft.Exchange.Data.ProxyAddressCollection");
    let Some(Container::List(items)) = &addresses.container else { panic!("EmailAddresses is not a list") };
    assert_eq!(items.len(), 1);
    let smtp = obj(&items[0]);
    assert_eq!(
        smtp.to_string.as_deref(),
        Some("SMTP:PublicFolderMailboxes.419323dd2b7d4d04a724dcc15e467521@vnext.local")
    );
    assert_eq!(s(smtp, "Prefix"), "SMTP");
    assert_eq!(prop(smtp, "IsPrimaryAddress"), &PsValue::Bool(true));
    assert_eq!(
        prop(g, "EmailAddresses").string_list(),
        ["SMTP:PublicFolderMailboxes.419323dd2b7d4d04a724dcc15e467521@vnext.local"]
    );
    assert!(prop(g, "RejectMessagesFrom").string_list().is_empty());
    assert_document_round_trip(rel, &values);
}

#[test]
fn accepted_domains_share_organization_id() {
    let rel = "clixml/E2016-Get-AcceptedDomain.xml";
    let values = document(rel);
    let names: Vec<_> = values.iter().map(|v| s(obj(v), "Name").to_string()).collect();
    assert_eq!(names, ["Solo.com", "Contoso Wild", "Wild .com"]);
    let first = obj(&values[0]);
    assert_eq!(prop(first, "DomainName").display().as_deref(), Some("Solo.com"));
    assert_eq!(prop(first, "DomainType").display().as_deref(), Some("Authoritative"));
    assert_eq!(prop(first, "Default"), &PsValue::Bool(true));
    assert_eq!(prop(first, "WhenChanged"), &PsValue::DateTime("2021-10-06T15:24:05-04:00".into()));
    assert_eq!(prop(first, "WhenChangedUTC"), &PsValue::DateTime("2021-10-06T19:24:05Z".into()));
    // The 2nd and 3rd domains point back (<Ref RefId="7">) at the 2nd's OrganizationId.
    let (PsValue::Object(a), PsValue::Object(b)) =
        (prop(obj(&values[1]), "OrganizationId"), prop(obj(&values[2]), "OrganizationId"))
    else {
        panic!("OrganizationId is not an object")
    };
    assert!(Arc::ptr_eq(a, b));
    assert_document_round_trip(rel, &values);
}

#[test]
fn exchange_certificate_tostring_escapes() {
    let rel = "clixml/E2016-Get-ExchangeCertificate.xml";
    let values = document(rel);
    let cert = obj(&values[0]);
    assert_eq!(cert.type_names[1], "System.Security.Cryptography.X509Certificates.X509Certificate2");
    let text = cert.to_string.as_deref().unwrap();
    assert!(
        text.starts_with("[Subject]\r\n  CN=Microsoft Exchange Server Auth Certificate\r\n\r\n[Issuer]"),
        "{text:?}"
    );
    assert!(text.ends_with("[Thumbprint]\r\n  92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3\r\n"), "{text:?}");
    let PsValue::Bytes(raw) = prop(cert, "RawData") else { panic!("RawData is not BA") };
    assert_eq!(raw.len(), 813);
    assert_eq!(&raw[..2], &[0x30, 0x82], "a DER certificate");
    assert_eq!(s(cert, "PSComputerName"), "solo-e16a.solo.local");
    assert_document_round_trip(rel, &values);
}

#[test]
fn stderr_progress_stream() {
    let text = read("clixml/pwsh-stderr-CLIXML-progress-only.xml");
    let body = text.split_once('\n').unwrap().1;
    let items = clixml::from_document_streams(body, &Limits::default(), None).unwrap();
    // The `#< CLIXML` line is also skipped when present.
    assert_eq!(clixml::from_document(&text, &Limits::default()).unwrap().len(), 2);
    assert_eq!(items.len(), 2);
    for item in &items {
        assert_eq!(item.stream.as_deref(), Some("progress"));
        let o = obj(&item.value);
        assert_eq!(o.type_names, ["System.Management.Automation.PSCustomObject", "System.Object"]);
        assert_eq!(prop(o, "SourceId"), &PsValue::I64(1));
        let progress = records::progress_record(prop(o, "Record")).unwrap();
        assert_eq!(progress.activity, "Preparing modules for first use.");
        assert_eq!(progress.activity_id, 0);
        assert_eq!(progress.current_operation, None);
        assert_eq!((progress.parent_activity_id, progress.percent_complete, progress.seconds_remaining), (-1, -1, -1));
        assert!(progress.completed);
        assert_eq!(progress.status_description, "\n            ");
    }
}

#[test]
fn stderr_error_stream_decodes_crlf_escapes() {
    let text = read("errors/pwsh-stderr-CLIXML-CommandNotFound.xml");
    let body = text.split_once('\n').unwrap().1;
    let items = clixml::from_document_streams(body, &Limits::default(), None).unwrap();
    assert_eq!(items.len(), 10);
    let errors: Vec<_> = items.iter().filter(|i| i.stream.as_deref() == Some("Error")).collect();
    assert_eq!(errors.len(), 8);
    assert_eq!(
        errors[0].value,
        PsValue::String("fake : The term 'fake' is not recognized as the name of a cmdlet, function, script file, or operable program. Check \r\n".into())
    );
    assert_eq!(
        records::stream_text(&items, "error"),
        "fake : The term 'fake' is not recognized as the name of a cmdlet, function, script file, or operable program. Check \r\n\
         the spelling of the name, or if a path was included, verify that the path is correct and try again.\r\n\
         At line:1 char:1\r\n\
         + fake cmdlet\r\n\
         + ~~~~\r\n    \
         + CategoryInfo          : ObjectNotFound: (fake:String) [], CommandNotFoundException\r\n    \
         + FullyQualifiedErrorId : CommandNotFoundException\r\n \r\n"
    );
}

#[test]
fn remote_create_pipeline_body() {
    let xml = read("psrp/E2016-remote-CreatePipeline-Get-RoleGroupMember.xml");
    let v = clixml::from_str(xml.trim_end(), &Limits::default()).unwrap();
    let top = obj(&v);
    assert_eq!(prop(top, "NoInput"), &PsValue::Bool(true));
    assert_eq!(prop(top, "RemoteStreamOptions").as_integer(), Some(15));
    let ps = obj(prop(top, "PowerShell"));
    let cmds = prop(ps, "Cmds").items().unwrap();
    assert_eq!(cmds.len(), 1);
    let cmd = obj(&cmds[0]);
    assert_eq!(s(cmd, "Cmd"), "Get-RoleGroupMember");
    assert_eq!(prop(cmd, "IsScript"), &PsValue::Bool(false));
    let args = prop(cmd, "Args").items().unwrap();
    assert!(prop(obj(&args[0]), "N").is_null());
    assert_eq!(s(obj(&args[0]), "V"), "Organization Management");
    // The MergeToResult enum reuses the PipelineResultTypes type names via <TNRef RefId="3">.
    assert_eq!(
        obj(prop(cmd, "MergeToResult")).type_names[0],
        "System.Management.Automation.Runspaces.PipelineResultTypes"
    );
    assert_eq!(clixml::to_string(&v).unwrap(), xml.trim_end(), "re-serialized byte for byte");
}

/// One PSRP message decoded by hand (MS-PSRP 2.2.1).
#[derive(Debug)]
struct Message {
    destination: u32,
    kind: u32,
    pid: uuid::Uuid,
    body: String,
}

/// Reassembles fragments (MS-PSRP 2.2.4: ObjectId u64 BE, FragmentId u64 BE, flags, length u32
/// BE, blob) from each chunk of bytes, in order, and splits the message headers off.
fn messages(chunks: &[Vec<u8>]) -> Vec<Message> {
    let mut out = Vec::new();
    let mut partial: std::collections::HashMap<u64, Vec<u8>> = Default::default();
    for chunk in chunks {
        let mut rest = chunk.as_slice();
        while !rest.is_empty() {
            assert!(rest.len() >= 21, "truncated fragment header");
            let object_id = u64::from_be_bytes(rest[0..8].try_into().unwrap());
            let flags = rest[16];
            let len = u32::from_be_bytes(rest[17..21].try_into().unwrap()) as usize;
            let blob = &rest[21..21 + len];
            rest = &rest[21 + len..];
            let buf = partial.entry(object_id).or_default();
            if flags & 1 != 0 {
                buf.clear();
            }
            buf.extend_from_slice(blob);
            if flags & 2 != 0 {
                let data = partial.remove(&object_id).unwrap();
                let destination = u32::from_le_bytes(data[0..4].try_into().unwrap());
                let kind = u32::from_le_bytes(data[4..8].try_into().unwrap());
                let pid = uuid::Uuid::from_bytes_le(data[24..40].try_into().unwrap());
                let body = String::from_utf8(data[40..].to_vec()).unwrap();
                let body = body.strip_prefix('\u{FEFF}').unwrap_or(&body).to_string();
                out.push(Message { destination, kind, pid, body });
            }
        }
    }
    out
}

fn b64(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

/// The base64 payloads of a recorded WinRM exchange, in file order.
fn wsman_chunks(rel: &str) -> Vec<Vec<u8>> {
    let re = regex::Regex::new(r"<(?:rsp:Stream|creationXml|rsp:Arguments)[^>]*>([A-Za-z0-9+/=]+)</").unwrap();
    re.captures_iter(&read(rel)).map(|c| b64(&c[1])).collect()
}

fn body(m: &Message) -> PsValue {
    clixml::from_str(&m.body, &Limits::default()).unwrap_or_else(|e| panic!("message {:#x}: {e}", m.kind))
}

/// PowerShell-written bodies re-serialize byte for byte.
fn assert_body_round_trip(m: &Message) {
    let v = body(m);
    assert_eq!(clixml::to_string(&v).unwrap(), m.body, "message type {:#x}", m.kind);
}

#[test]
fn out_of_process_packets() {
    let chunks: Vec<_> = read("psrp/oop-pwsh-packets-5lines.txt")
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| b64(l.split_once('>').unwrap().1.strip_suffix("</Data>").unwrap()))
        .collect();
    assert_eq!(chunks.len(), 5);
    let msgs = messages(&chunks);
    let kinds: Vec<_> = msgs.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [0x00041006, 0x00010002, 0x00010004, 0x00021005, 0x00041006, 0x00041006]);
    assert_eq!(msgs[0].pid, "6e6e7727-08b7-4440-855f-6e417c17511c".parse::<uuid::Uuid>().unwrap());
    assert_eq!(prop(obj(&body(&msgs[0])), "PipelineState"), &PsValue::I32(4));
    let caps = body(&msgs[1]);
    assert_eq!(prop(obj(&caps), "protocolversion"), &PsValue::Version("2.3".into()));
    assert_eq!(msgs[1].destination, 2);
    let init = body(&msgs[2]);
    let init = obj(&init);
    assert_eq!(prop(init, "MinRunspaces"), &PsValue::I32(1));
    assert_eq!(prop(init, "ApartmentState").display().as_deref(), Some("Unknown"));
    let Some(Container::Dictionary(args)) = &obj(prop(init, "ApplicationArguments")).container else { panic!() };
    let (key, table) = &args[0];
    assert_eq!(key.as_str(), Some("PSVersionTable"));
    let Some(Container::Dictionary(table)) = &obj(table).container else { panic!() };
    let lookup = |k: &str| &table.iter().find(|(key, _)| key.as_str() == Some(k)).unwrap().1;
    assert_eq!(lookup("OS").as_str(), Some("Fedora Linux 43 (Server Edition)"));
    assert_eq!(lookup("PSVersion"), &PsValue::Version("7.5.1".into()));
    let compatible: Vec<_> =
        lookup("PSCompatibleVersions").items().unwrap().iter().filter_map(|v| v.display()).collect();
    assert_eq!(compatible, ["1.0", "2.0", "3.0", "4.0", "5.0", "5.1", "6.0", "7.0"]);
    let host = obj(prop(obj(prop(init, "HostInfo")), "_hostDefaultData"));
    let Some(Container::Dictionary(data)) = &obj(prop(host, "data")).container else { panic!() };
    assert_eq!(data.len(), 10);
    assert_eq!(data[0].0, PsValue::I32(9));
    assert_eq!(prop(obj(&data[5].1), "V"), &PsValue::I32(100));
    assert_eq!(prop(obj(&body(&msgs[3])), "RunspaceState"), &PsValue::I32(3));
    let stopped = body(&msgs[5]);
    let e = records::terminating_error(&stopped).unwrap();
    assert_eq!(e.message, "The pipeline has been stopped.");
    assert_eq!(e.exception_type.as_deref(), Some("System.Management.Automation.PipelineStoppedException"));
    assert_eq!((e.fully_qualified_error_id.as_str(), e.category), ("PipelineStopped", 14));
    assert_eq!(e.reason.as_deref(), Some("PipelineStoppedException"));
    assert!(e.terminating);
    let exception = obj(prop(obj(prop(obj(&stopped), "ExceptionAsErrorRecord")), "Exception"));
    assert!(s(exception, "StackTrace").starts_with(
        "   at System.Management.Automation.Runspaces.PipelineStopper.Push(PipelineProcessor item)\r\n   at "
    ));
    for m in &msgs {
        assert_body_round_trip(m);
    }
}

#[test]
fn wsman_stream_output_invocation() {
    let msgs = messages(&wsman_chunks("psrp/pypsrp-wsman-test_psrp_stream_output_invocation.yml"));
    let kinds: Vec<_> = msgs.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [
            0x00010002, 0x00010004, 0x00010002, 0x00021009, 0x00021005, 0x00021006, 0x00041010, 0x00041007, 0x00041008,
            0x00041005, 0x00041004, 0x00041009, 0x00041011, 0x00041006
        ]
    );
    let create = body(&msgs[5]);
    let cmds = prop(obj(prop(obj(&create), "PowerShell")), "Cmds").items().unwrap().to_vec();
    let script = s(obj(&cmds[0]), "Cmd");
    assert!(
        script.starts_with("$DebugPreference = 'Continue'\n            $VerbosePreference = 'Continue'\n"),
        "{script:?}"
    );
    let progress = records::progress_record(&body(&msgs[6])).unwrap();
    assert_eq!(progress.activity, "Preparing modules for first use.");
    assert_eq!(progress.status_description, " ");
    assert!(progress.completed);
    assert_eq!(records::informational_message(&body(&msgs[7])).as_deref(), Some("debug stream"));
    assert_eq!(records::informational_message(&body(&msgs[8])).as_deref(), Some("verbose stream"));
    let error = records::error_record(&body(&msgs[9]));
    assert_eq!(error.message, "error stream");
    assert_eq!(error.exception_type.as_deref(), Some("Microsoft.PowerShell.Commands.WriteErrorException"));
    assert_eq!(error.fully_qualified_error_id, "Microsoft.PowerShell.Commands.WriteErrorException");
    assert_eq!(error.category, 0);
    assert_eq!(error.activity.as_deref(), Some("Write-Error"));
    assert_eq!(error.reason.as_deref(), Some("WriteErrorException"));
    assert!(!error.terminating);
    let raw = error.raw.as_ref().unwrap();
    assert_eq!(s(obj(raw), "ErrorDetails_ScriptStackTrace"), "at <ScriptBlock>, <No file>: line 5");
    assert_eq!(body(&msgs[10]), PsValue::String("output stream".into()));
    assert_eq!(records::informational_message(&body(&msgs[11])).as_deref(), Some("warning stream"));
    let info = body(&msgs[12]);
    assert_eq!(records::information_text(&info).as_deref(), Some("information stream"));
    assert_eq!(prop(obj(&info), "TimeGenerated"), &PsValue::DateTime("2018-06-13T23:45:29.4583203+00:00".into()));
    assert_eq!(prop(obj(&info), "ProcessId"), &PsValue::U32(2780));
    assert_eq!(prop(obj(&body(&msgs[13])), "PipelineState"), &PsValue::I32(4));
    for m in &msgs {
        assert_body_round_trip(m);
    }
}

/// Records what it was asked to decrypt; the fixture's session key is not recoverable.
struct Recorder(std::sync::Mutex<Vec<Vec<u8>>>);
impl SecureCipher for Recorder {
    fn encrypt(&self, _plain: &str) -> Result<Vec<u8>, ClixmlError> {
        Err(ClixmlError::Cipher("not used".into()))
    }
    fn decrypt(&self, data: &[u8]) -> Result<String, ClixmlError> {
        self.0.lock().unwrap().push(data.to_vec());
        Ok("decrypted".into())
    }
}

#[test]
fn wsman_multiple_commands_outputs() {
    let msgs = messages(&wsman_chunks("psrp/pypsrp-wsman-test_psrp_multiple_commands.yml"));
    let create = msgs.iter().find(|m| m.kind == 0x00021006).unwrap();
    assert!(matches!(
        clixml::from_str(&create.body, &Limits::default()),
        Err(ClixmlError::SecureStringWithoutCipher { .. })
    ));
    let outputs: Vec<_> = msgs.iter().filter(|m| m.kind == 0x00041004).collect();
    assert_eq!(outputs.len(), 7);
    assert_eq!(body(outputs[0]), PsValue::String("Hello World".into()));
    let err = clixml::from_str(&outputs[1].body, &Limits::default()).unwrap_err();
    assert!(matches!(err, ClixmlError::SecureStringWithoutCipher { .. }), "{err}");
    let recorder = Recorder(Default::default());
    let ss = clixml::from_str_with(&outputs[1].body, &Limits::default(), Some(&recorder)).unwrap();
    let PsValue::SecureString(secret) = ss else { panic!("not a SecureString") };
    assert_eq!(secret.expose(), "decrypted");
    assert_eq!(recorder.0.lock().unwrap()[0], b64("rTm4n3bxaFOIgdjhDDV5OA=="));
    assert_eq!(body(outputs[2]), PsValue::String("こんにちは - actual_x000A_string\nnewline: \u{10437}".into()));
    assert_eq!(body(outputs[3]), PsValue::String("hi\"".into()));
    assert_eq!(body(outputs[4]), PsValue::String(r"win-nnmu24vvkj0\vagrant".into()));
    assert_eq!(body(outputs[5]), PsValue::I32(123));
    let service = body(outputs[6]);
    let service = obj(&service);
    assert_eq!(service.type_names[0], "System.ServiceProcess.ServiceController");
    assert_eq!(service.to_string.as_deref(), Some("winrm"));
    assert_eq!(prop(service, "CanPauseAndContinue"), &PsValue::Bool(false));
    for m in msgs.iter().filter(|m| !m.body.contains("<SS")) {
        assert_body_round_trip(m);
    }
}

#[test]
fn wsman_open_runspace() {
    let msgs = messages(&wsman_chunks("psrp/pypsrp-wsman-test_psrp_open_runspace.yml"));
    let kinds: Vec<_> = msgs.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [0x00010002, 0x00010004, 0x00010002, 0x00021009, 0x00021005]);
    let private = body(&msgs[3]);
    let data = obj(prop(obj(&private), "ApplicationPrivateData"));
    let Some(Container::Dictionary(entries)) = &data.container else { panic!() };
    let Some(Container::Dictionary(table)) = &obj(&entries[0].1).container else { panic!() };
    let version = &table.iter().find(|(k, _)| k.as_str() == Some("PSVersion")).unwrap().1;
    assert_eq!(version, &PsValue::Version("5.1.14393.2248".into()));
    assert_eq!(prop(obj(&body(&msgs[4])), "RunspaceState"), &PsValue::I32(2));
    for m in &msgs {
        assert_body_round_trip(m);
    }
}
