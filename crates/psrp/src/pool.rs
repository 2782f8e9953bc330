//! The runspace pool: the open messages (SESSION_CAPABILITY, INIT_RUNSPACEPOOL) and the pool's state machine.
//!
//! States follow the messages the client can legitimately see (docs/psrp-notes.md, "Sequences"):
//! `BeforeOpen` → `open()` → `Opening` (SESSION_CAPABILITY, APPLICATION_PRIVATE_DATA, RUNSPACEPOOL_STATE) →
//! `Opened` → `close()` → `Closing` (RUNSPACEPOOL_STATE Closing/Closed, CloseAck) → `Closed`; any state can fall
//! to `Broken`. Each transition is a function of (state, message) that either moves on or names the message as
//! impossible in that state.

use psvalue::object::PsValue;
use psvalue::values::{dict_get, dictionary, enum_value, ms, null_host_info, prop, prop_int};

/// The protocol version mbxctl announces: 2.3, like psrpcore and Windows PowerShell 5.1. With 2.4 (pwsh 7.6)
/// on both sides the session-key exchange disappears; announcing 2.3 keeps one code path for SecureString.
pub const PROTOCOL_VERSION: &str = "2.3";

/// What the client knows about the pool.
#[derive(Debug, Clone, PartialEq)]
pub enum PoolState {
    /// `open()` not called yet.
    BeforeOpen,
    /// Open messages sent; waiting for RUNSPACEPOOL_STATE Opened.
    Opening {
        /// Whether the server's SESSION_CAPABILITY arrived.
        capability: bool,
    },
    /// Ready for pipelines.
    Opened,
    /// `close()` called; pipelines are being closed, then `Close` GUID 0.
    Closing,
    /// CloseAck for GUID 0 arrived.
    Closed,
    /// The server reported Broken, or the client met a protocol error.
    Broken,
}

/// What the server said about itself while opening.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServerInfo {
    /// `protocolversion` from its SESSION_CAPABILITY.
    pub protocol_version: Option<String>,
    /// `PSVersion` from SESSION_CAPABILITY (the PSRP-level "2.0", not the engine version).
    pub capability_ps_version: Option<String>,
    /// `SerializationVersion` from SESSION_CAPABILITY.
    pub serialization_version: Option<String>,
    /// `PSVersionTable.PSVersion` from APPLICATION_PRIVATE_DATA: the engine version, e.g. `7.4.6` or `5.1.17763.1`.
    pub powershell_version: Option<String>,
    /// `PSVersionTable.PSEdition` (`Core` or `Desktop`), if sent.
    pub powershell_edition: Option<String>,
    /// The whole APPLICATION_PRIVATE_DATA body.
    pub application_private_data: Option<PsValue>,
}

impl ServerInfo {
    /// Reads a SESSION_CAPABILITY body.
    pub fn read_capability(&mut self, body: &PsValue) -> Result<(), String> {
        let text = |name: &str| prop(body, name).and_then(PsValue::display);
        let protocol = text("protocolversion").ok_or("SESSION_CAPABILITY has no protocolversion")?;
        if !protocol.starts_with("2.") {
            return Err(format!("server speaks PSRP protocol {protocol}; mbxctl speaks 2.x"));
        }
        self.protocol_version = Some(protocol);
        self.capability_ps_version = text("PSVersion");
        self.serialization_version = text("SerializationVersion");
        Ok(())
    }

    /// Reads an APPLICATION_PRIVATE_DATA body.
    pub fn read_private_data(&mut self, body: &PsValue) {
        let table = prop(body, "ApplicationPrivateData").and_then(|d| dict_get(d, "PSVersionTable"));
        self.powershell_version = table.and_then(|t| dict_get(t, "PSVersion")).and_then(PsValue::display);
        self.powershell_edition = table.and_then(|t| dict_get(t, "PSEdition")).and_then(PsValue::display);
        self.application_private_data = Some(body.clone());
    }
}

/// The client's SESSION_CAPABILITY body.
pub fn session_capability() -> PsValue {
    ms([
        ("PSVersion", PsValue::Version("2.0".into())),
        ("protocolversion", PsValue::Version(PROTOCOL_VERSION.into())),
        ("SerializationVersion", PsValue::Version("1.1.0.1".into())),
    ])
}

/// The INIT_RUNSPACEPOOL body: `max_runspaces` runspaces, the null host, no application arguments.
pub fn init_runspace_pool(min_runspaces: i32, max_runspaces: i32) -> PsValue {
    ms([
        ("MinRunspaces", PsValue::I32(min_runspaces)),
        ("MaxRunspaces", PsValue::I32(max_runspaces)),
        ("PSThreadOptions", enum_value("System.Management.Automation.Runspaces.PSThreadOptions", 0, "Default")),
        ("ApartmentState", enum_value("System.Threading.ApartmentState", 2, "Unknown")),
        ("HostInfo", null_host_info()),
        (
            "ApplicationArguments",
            dictionary(
                &[
                    "System.Management.Automation.PSPrimitiveDictionary",
                    "System.Collections.Hashtable",
                    "System.Object",
                ],
                Vec::new(),
            ),
        ),
    ])
}

/// RunspacePoolState values the client acts on (MS-PSRP 2.2.3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportedPoolState {
    /// 1
    Opening,
    /// 2
    Opened,
    /// 3
    Closed,
    /// 4
    Closing,
    /// 5
    Broken,
}

/// Reads RUNSPACEPOOL_STATE: the state and the optional `ExceptionAsErrorRecord`.
pub fn reported_state(body: &PsValue) -> Result<(ReportedPoolState, Option<PsValue>), String> {
    let state = match prop_int(body, "RunspaceState") {
        Some(1) => ReportedPoolState::Opening,
        Some(2) => ReportedPoolState::Opened,
        Some(3) => ReportedPoolState::Closed,
        Some(4) => ReportedPoolState::Closing,
        Some(5) => ReportedPoolState::Broken,
        Some(v) => return Err(format!("RunspaceState {v} is not expected over OutOfProc")),
        None => return Err("RUNSPACEPOOL_STATE has no integer RunspaceState".into()),
    };
    let error = prop(body, "ExceptionAsErrorRecord").filter(|e| !e.is_null()).cloned();
    Ok((state, error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_bodies_have_the_documented_shape() {
        let cap = session_capability();
        assert_eq!(prop(&cap, "protocolversion"), Some(&PsValue::Version("2.3".into())));
        let init = init_runspace_pool(1, 1);
        assert_eq!(prop_int(&init, "MaxRunspaces"), Some(1));
        assert_eq!(prop(prop(&init, "HostInfo").unwrap(), "_isHostNull"), Some(&PsValue::Bool(true)));
        assert_eq!(prop_int(&init, "ApartmentState"), Some(2));
    }

    #[test]
    fn reads_server_info_and_states() {
        let mut info = ServerInfo::default();
        let cap =
            ms([("protocolversion", PsValue::Version("2.3".into())), ("PSVersion", PsValue::Version("2.0".into()))]);
        info.read_capability(&cap).unwrap();
        assert_eq!(info.protocol_version.as_deref(), Some("2.3"));
        let bad = ms([("protocolversion", PsValue::Version("3.0".into()))]);
        assert!(info.read_capability(&bad).unwrap_err().contains("3.0"));
        let table = dictionary(
            &["System.Collections.Hashtable"],
            vec![
                ("PSVersion".into(), PsValue::Version("5.1.14393.2248".into())),
                ("PSEdition".into(), "Desktop".into()),
            ],
        );
        let data = ms([("ApplicationPrivateData", dictionary(&[], vec![("PSVersionTable".into(), table)]))]);
        info.read_private_data(&data);
        assert_eq!(info.powershell_version.as_deref(), Some("5.1.14393.2248"));
        assert_eq!(info.powershell_edition.as_deref(), Some("Desktop"));

        assert_eq!(reported_state(&ms([("RunspaceState", PsValue::I32(2))])), Ok((ReportedPoolState::Opened, None)));
        let (s, e) =
            reported_state(&ms([("RunspaceState", PsValue::I32(5)), ("ExceptionAsErrorRecord", "boom".into())]))
                .unwrap();
        assert_eq!((s, e), (ReportedPoolState::Broken, Some(PsValue::from("boom"))));
        assert!(reported_state(&ms([("RunspaceState", PsValue::I32(7))])).is_err());
        assert!(reported_state(&ms([])).is_err());
    }
}
