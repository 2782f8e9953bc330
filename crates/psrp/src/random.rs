//! Where the client's ids and key material come from: a caller-supplied source, so this crate draws no
//! randomness from the operating system itself (the quinn-proto and rustls shape). Production callers pass a
//! cryptographically secure generator seeded by the OS; tests pass a seeded one and get repeatable ids.

use uuid::Uuid;

/// A source of random bytes. It must be cryptographically secure: it makes the RSA key of the session-key
/// exchange, and pipeline ids that another local user should not guess.
pub trait Random: Send {
    /// Fills `dest` with random bytes.
    fn fill(&mut self, dest: &mut [u8]);

    /// A random (version 4) GUID.
    fn uuid(&mut self) -> Uuid {
        let mut b = [0u8; 16];
        self.fill(&mut b);
        uuid::Builder::from_random_bytes(b).into_uuid()
    }
}

impl<R: rand_core::RngCore + rand_core::CryptoRng + Send> Random for R {
    fn fill(&mut self, dest: &mut [u8]) {
        self.fill_bytes(dest);
    }
}

/// Adapts a [`Random`] to the `rand_core` traits the RSA key generator takes.
pub(crate) struct Adapter<'a>(pub(crate) &'a mut dyn Random);

impl rand_core::RngCore for Adapter<'_> {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.0.fill(&mut b);
        u32::from_le_bytes(b)
    }

    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        self.0.fill(&mut b);
        u64::from_le_bytes(b)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        self.0.fill(dest);
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.0.fill(dest);
        Ok(())
    }
}

impl rand_core::CryptoRng for Adapter<'_> {}
