//! Transports: a PowerShell child process driven over PSRP (tokio).
