//! Fault injection kept in the lab's configuration, so every process using the lab sees it.

use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Faults the lab injects into cmdlet runs (docs/lab.md, "Faults").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Faults {
    /// Added before every cmdlet (`tokio::time::sleep`), to exercise timeouts and progress output.
    #[serde(default, rename = "LatencyMs", with = "millis", skip_serializing_if = "Option::is_none")]
    pub latency: Option<Duration>,
    /// Every Nth cmdlet run against the lab (counted across processes) fails with the
    /// PowerShellMaxCmdlets budget error (docs/exchange-notes.md §5.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throttle_every: Option<u32>,
    /// The wait, in seconds, the throttling error asks for (default [`THROTTLE_WAIT_SECONDS`]);
    /// shorter waits keep fault tests fast.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throttle_wait_seconds: Option<u32>,
    /// A `LabShell` returns `ShellError::Broken` once it has run this many cmdlets, as a session
    /// whose runspace died would.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub break_after: Option<u32>,
    /// Identities whose mutating cmdlets fail with an AD access-denied error (docs/exchange-notes.md §6.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fail: Vec<String>,
}

impl Faults {
    /// Whether nothing is injected.
    pub fn is_empty(&self) -> bool {
        *self == Faults::default()
    }
}

/// How many seconds the throttling error tells the caller to wait (the datacenter
/// PowerShellMaxCmdletsTimePeriod default, docs/exchange-notes.md §5.2).
pub const THROTTLE_WAIT_SECONDS: u32 = 5;

mod millis {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    pub fn serialize<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_u64(d.as_millis() as u64),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
        Ok(Option::<u64>::deserialize(d)?.map(Duration::from_millis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_round_trip_with_latency_in_milliseconds() {
        let f = Faults {
            latency: Some(Duration::from_millis(250)),
            throttle_every: Some(3),
            throttle_wait_seconds: None,
            break_after: None,
            fail: vec!["kim".into()],
        };
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(json, r#"{"LatencyMs":250,"ThrottleEvery":3,"Fail":["kim"]}"#);
        assert_eq!(serde_json::from_str::<Faults>(&json).unwrap(), f);
        assert!(Faults::default().is_empty());
    }
}
