//! The session-key exchange that protects `<SS>` SecureString values (MS-PSRP 3.1.5.4.4, 2.2.2.4/2.2.2.5).
//!
//! The client sends its RSA public key as a Windows CAPI `PUBLICKEYBLOB` (PUBLIC_KEY); the server answers with a
//! random AES-256 key encrypted with RSA PKCS#1 v1.5 inside a CAPI `SIMPLEBLOB` whose ciphertext is byte-reversed
//! (ENCRYPTED_SESSION_KEY). SecureString values are then the UTF-16LE text, PKCS#7-padded, encrypted with
//! AES-256-CBC and an all-zero IV — CryptoAPI's default, which PowerShell and psrpcore use. The zero IV is the
//! protocol's choice, not ours; the key is fresh per session. All primitives come from the RustCrypto crates.

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Pkcs1v15Encrypt, RsaPrivateKey, RsaPublicKey};
use zeroize::{Zeroize, Zeroizing};

use crate::random::{Adapter, Random};

/// RSA modulus size for the exchange key (what PowerShell and psrpcore generate).
pub const RSA_BITS: usize = 2048;
/// CAPI `PUBLICKEYSTRUC` for an RSA key-exchange public key: PUBLICKEYBLOB, version 2, CALG_RSA_KEYX.
const PUBLIC_BLOB_HEADER: [u8; 8] = [0x06, 0x02, 0x00, 0x00, 0x00, 0xA4, 0x00, 0x00];
/// `RSA1` magic of `RSAPUBKEY`.
const RSA1: [u8; 4] = *b"RSA1";
/// CAPI header of the session key: SIMPLEBLOB, version 2, CALG_AES_256, encrypted with CALG_RSA_KEYX.
const SIMPLE_BLOB_HEADER: [u8; 12] = [0x01, 0x02, 0x00, 0x00, 0x10, 0x66, 0x00, 0x00, 0x00, 0xA4, 0x00, 0x00];

/// A failure in the key exchange or in a SecureString operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// RSA key generation or encryption failed.
    #[error("RSA operation failed: {0}")]
    Rsa(String),
    /// A key blob is not in the expected CAPI layout.
    #[error("malformed {what}: {problem}")]
    Blob {
        /// Which blob.
        what: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// The decrypted session key is not 32 bytes.
    #[error("session key has {0} bytes, expected 32 (AES-256)")]
    KeyLength(usize),
    /// A SecureString could not be decrypted (wrong key or corrupted data).
    #[error("SecureString could not be decrypted: {0}")]
    Decrypt(&'static str),
}

/// The client's half of the exchange: an RSA key pair waiting for ENCRYPTED_SESSION_KEY.
pub struct ExchangeKey {
    private: RsaPrivateKey,
}

impl std::fmt::Debug for ExchangeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ExchangeKey(..)")
    }
}

impl ExchangeKey {
    /// Generates a fresh 2048-bit RSA key pair from the caller's random source.
    pub fn generate(random: &mut dyn Random) -> Result<ExchangeKey, KeyError> {
        let private = RsaPrivateKey::new(&mut Adapter(random), RSA_BITS).map_err(|e| KeyError::Rsa(e.to_string()))?;
        Ok(ExchangeKey { private })
    }

    /// The public key as the base64 `PUBLICKEYBLOB` that goes into PUBLIC_KEY's `PublicKey` property.
    pub fn public_blob_base64(&self) -> String {
        let public = self.private.to_public_key();
        let mut blob = Vec::with_capacity(20 + RSA_BITS / 8);
        blob.extend_from_slice(&PUBLIC_BLOB_HEADER);
        blob.extend_from_slice(&RSA1);
        blob.extend_from_slice(&(RSA_BITS as u32).to_le_bytes());
        let e = public.e().to_bytes_le();
        let mut exp = [0u8; 4];
        exp[..e.len().min(4)].copy_from_slice(&e[..e.len().min(4)]);
        blob.extend_from_slice(&exp);
        let mut n = public.n().to_bytes_le();
        n.resize(RSA_BITS / 8, 0);
        blob.extend_from_slice(&n);
        B64.encode(blob)
    }

    /// Decrypts the server's base64 `EncryptedSessionKey` into the session key.
    pub fn decrypt_session_key(&self, encrypted_base64: &str) -> Result<SessionKey, KeyError> {
        let blob = B64
            .decode(encrypted_base64.trim())
            .map_err(|e| KeyError::Blob { what: "EncryptedSessionKey", problem: e.to_string() })?;
        if blob.len() <= SIMPLE_BLOB_HEADER.len() || blob[..4] != SIMPLE_BLOB_HEADER[..4] {
            return Err(KeyError::Blob {
                what: "EncryptedSessionKey",
                problem: format!(
                    "expected a CAPI SIMPLEBLOB, got {} bytes starting {:02x?}",
                    blob.len(),
                    &blob[..blob.len().min(4)]
                ),
            });
        }
        let mut ciphertext = blob[SIMPLE_BLOB_HEADER.len()..].to_vec();
        ciphertext.reverse();
        let key = Zeroizing::new(
            self.private.decrypt(Pkcs1v15Encrypt, &ciphertext).map_err(|e| KeyError::Rsa(e.to_string()))?,
        );
        SessionKey::from_bytes(&key)
    }
}

/// Parses a base64 `PUBLICKEYBLOB` and encrypts `session_key` for it: the server's half, used by the in-memory
/// test server and available to anyone writing a peer.
pub fn encrypt_session_key(
    public_blob_base64: &str,
    session_key: &SessionKey,
    random: &mut dyn Random,
) -> Result<String, KeyError> {
    let bad = |problem: String| KeyError::Blob { what: "PublicKey", problem };
    let blob = B64.decode(public_blob_base64.trim()).map_err(|e| bad(e.to_string()))?;
    if blob.len() < 20 + 64 || blob[..8] != PUBLIC_BLOB_HEADER || blob[8..12] != RSA1 {
        return Err(bad(format!("expected a CAPI RSA1 PUBLICKEYBLOB, got {} bytes", blob.len())));
    }
    let bits = u32::from_le_bytes([blob[12], blob[13], blob[14], blob[15]]) as usize;
    let exponent = BigUint::from_bytes_le(&blob[16..20]);
    let modulus_bytes = &blob[20..];
    if bits / 8 != modulus_bytes.len() {
        return Err(bad(format!("bit length {bits} does not match a {}-byte modulus", modulus_bytes.len())));
    }
    let public =
        RsaPublicKey::new(BigUint::from_bytes_le(modulus_bytes), exponent).map_err(|e| KeyError::Rsa(e.to_string()))?;
    let mut ciphertext = public
        .encrypt(&mut Adapter(random), Pkcs1v15Encrypt, &session_key.key[..])
        .map_err(|e| KeyError::Rsa(e.to_string()))?;
    ciphertext.reverse();
    let mut out = SIMPLE_BLOB_HEADER.to_vec();
    out.extend_from_slice(&ciphertext);
    Ok(B64.encode(out))
}

/// The AES-256 session key both sides hold after the exchange.
#[derive(Clone)]
pub struct SessionKey {
    key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(..)")
    }
}

impl SessionKey {
    /// A random key (the server side generates one per session).
    pub fn random(random: &mut dyn Random) -> SessionKey {
        let mut key = Zeroizing::new([0u8; 32]);
        random.fill(&mut key[..]);
        SessionKey { key }
    }

    /// Wraps 32 raw key bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<SessionKey, KeyError> {
        let arr: [u8; 32] = bytes.try_into().map_err(|_| KeyError::KeyLength(bytes.len()))?;
        Ok(SessionKey { key: Zeroizing::new(arr) })
    }

    /// Encrypts a SecureString's text into the raw bytes whose base64 is the `<SS>` element's content.
    pub fn encrypt(&self, plain: &str) -> Vec<u8> {
        let mut utf16: Vec<u8> = plain.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let out = cbc::Encryptor::<Aes256>::new(&(*self.key).into(), &[0u8; 16].into())
            .encrypt_padded_vec_mut::<Pkcs7>(&utf16);
        utf16.zeroize();
        out
    }

    /// Decrypts the raw bytes of an `<SS>` element. Text that is not valid UTF-16 is refused rather than
    /// silently altered, since it is a credential.
    pub fn decrypt(&self, data: &[u8]) -> Result<String, KeyError> {
        if data.is_empty() || !data.len().is_multiple_of(16) {
            return Err(KeyError::Decrypt("length is not a positive multiple of the AES block size"));
        }
        let mut plain = cbc::Decryptor::<Aes256>::new(&(*self.key).into(), &[0u8; 16].into())
            .decrypt_padded_vec_mut::<Pkcs7>(data)
            .map_err(|_| KeyError::Decrypt("bad padding (wrong session key?)"))?;
        if plain.len() % 2 != 0 {
            plain.zeroize();
            return Err(KeyError::Decrypt("odd number of bytes for UTF-16"));
        }
        let mut units: Vec<u16> = plain.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        plain.zeroize();
        let text = String::from_utf16(&units).map_err(|_| KeyError::Decrypt("not valid UTF-16 text"));
        units.zeroize();
        text
    }
}

impl psvalue::clixml::SecureCipher for SessionKey {
    fn encrypt(&self, plain: &str) -> Result<Vec<u8>, psvalue::clixml::ClixmlError> {
        Ok(SessionKey::encrypt(self, plain))
    }

    fn decrypt(&self, data: &[u8]) -> Result<String, psvalue::clixml::ClixmlError> {
        SessionKey::decrypt(self, data).map_err(|e| psvalue::clixml::ClixmlError::Cipher(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_round_trip_and_blob_layout() {
        let client = ExchangeKey::generate(&mut crate::testing::seeded(1)).unwrap();
        let blob = B64.decode(client.public_blob_base64()).unwrap();
        assert_eq!(blob.len(), 20 + 256);
        assert_eq!(&blob[..16], b"\x06\x02\x00\x00\x00\xa4\x00\x00RSA1\x00\x08\x00\x00");
        assert_eq!(&blob[16..20], &65537u32.to_le_bytes());

        let server_key = SessionKey::from_bytes(&[7u8; 32]).unwrap();
        let encrypted =
            encrypt_session_key(&client.public_blob_base64(), &server_key, &mut crate::testing::seeded(2)).unwrap();
        let raw = B64.decode(&encrypted).unwrap();
        assert_eq!(&raw[..12], &SIMPLE_BLOB_HEADER);
        assert_eq!(raw.len(), 12 + 256);
        let got = client.decrypt_session_key(&encrypted).unwrap();
        assert_eq!(*got.key, [7u8; 32]);
    }

    #[test]
    fn secure_string_matches_capi_aes_cbc_zero_iv() {
        let key = SessionKey::from_bytes(&[0u8; 32]).unwrap();
        let enc = key.encrypt("P@ss");
        // 8 bytes of UTF-16LE pad to one block.
        assert_eq!(enc.len(), 16);
        assert_eq!(key.decrypt(&enc).unwrap(), "P@ss");
        let long = "ü".repeat(40);
        assert_eq!(key.decrypt(&key.encrypt(&long)).unwrap(), long);
        // With a zero IV the first CBC block is plain AES of the first 16 plain bytes: check against the raw
        // block cipher, and that a full block of text gets a whole padding block.
        use aes::cipher::{BlockEncrypt, KeyInit};
        let raw_key: Vec<u8> = (0u8..32).collect();
        let k = SessionKey::from_bytes(&raw_key).unwrap();
        let enc = k.encrypt("ABCDEFGH");
        assert_eq!(enc.len(), 32);
        let mut block =
            aes::Block::clone_from_slice(&"ABCDEFGH".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>());
        Aes256::new_from_slice(&raw_key).unwrap().encrypt_block(&mut block);
        assert_eq!(&enc[..16], block.as_slice());
    }

    #[test]
    fn refuses_bad_input() {
        let key = SessionKey::from_bytes(&[1u8; 32]).unwrap();
        assert_eq!(
            key.decrypt(&[0; 15]),
            Err(KeyError::Decrypt("length is not a positive multiple of the AES block size"))
        );
        let other = SessionKey::from_bytes(&[2u8; 32]).unwrap();
        assert!(other.decrypt(&key.encrypt("secret")).is_err());
        assert_eq!(SessionKey::from_bytes(&[0; 16]).unwrap_err(), KeyError::KeyLength(16));
        assert!(matches!(
            encrypt_session_key("AAAA", &key, &mut crate::testing::seeded(3)),
            Err(KeyError::Blob { what: "PublicKey", .. })
        ));
        let client = ExchangeKey::generate(&mut crate::testing::seeded(1)).unwrap();
        assert!(matches!(client.decrypt_session_key("AAAAAAAA"), Err(KeyError::Blob { .. })));
    }
}
