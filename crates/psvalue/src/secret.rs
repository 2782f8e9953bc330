//! Secrets (passwords) that must never reach argv, logs, journals or rendered text.

use zeroize::Zeroize;

/// A password held in memory only. `Debug` and `Display` print a mask; there is no `Serialize`;
/// the memory is wiped on drop. The only way to the plain text is [`Secret::expose`], so every
/// place that needs it is easy to audit with a search.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a plain-text secret.
    pub fn new(plain: impl Into<String>) -> Self {
        Secret(plain.into())
    }

    /// A secret read as a line of text: the line ending is cut off in place, so the buffer that
    /// held the password is the one wiped on drop (no trimmed copy is left behind).
    pub fn from_line(mut line: String) -> Self {
        let keep = line.trim_end_matches(['\r', '\n']).len();
        line.truncate(keep);
        Secret(line)
    }

    /// The plain text. Call only where the secret is encrypted or handed to the target system.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The mask printed wherever a secret would otherwise appear.
    pub const MASK: &'static str = "********";
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(Self::MASK)
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(Self::MASK)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn never_prints_plain_text() {
        let s = super::Secret::new("P@ssw0rd!");
        assert!(!format!("{s:?} {s}").contains("P@ss"));
        assert_eq!(s.expose(), "P@ssw0rd!");
    }
}
