//! Encryption at rest of what users typed: the stored Telegram updates (`inbox.payload`), the
//! dialogue drafts (`dialogues.state`), replies kept for later (`outbox.body`) and the texts of
//! broadcasts (`broadcasts.body`).
//!
//! Why: blanking or deleting a row does not erase it. Old versions stay in SQLite's `-wal` and
//! in free pages, and in PostgreSQL's dead rows and WAL, until something overwrites them. A NIK
//! or a name that is only ever written encrypted cannot linger in plain text anywhere.
//!
//! XChaCha20-Poly1305 (an AEAD: tampering is detected) with a key derived from the
//! installation's secret, a random 24-byte nonce per value, and the table's name as associated
//! data, so that a value moved to another table does not open. Stored as text:
//! `s1:` + base64(nonce ‖ ciphertext).

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const PREFIX: &str = "s1:";
const NONCE: usize = 24;

/// Where a sealed value lives; part of what is authenticated.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    Inbox,
    Dialogue,
    Outbox,
    /// A broadcast's text (`broadcasts.body`).
    Broadcast,
    /// What a complaint's reporter and handlers typed (`complaints`, `complaint_events`, and
    /// the notices that quote them).
    Complaint,
}

impl Place {
    fn label(self) -> &'static [u8] {
        match self {
            Place::Inbox => b"inbox",
            Place::Dialogue => b"dialogue",
            Place::Outbox => b"outbox",
            Place::Broadcast => b"broadcasts",
            Place::Complaint => b"complaints",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the stored value is not sealed")]
    NotSealed,
    #[error("the stored value does not open with this key (another key, or damaged)")]
    DoesNotOpen,
}

/// The at-rest key, cheap to clone.
#[derive(Clone)]
pub struct Seal {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Seal(..)")
    }
}

impl Seal {
    /// Derives the at-rest key from the installation's secret (a different key from the one of
    /// the keyed hashes, so that neither use weakens the other).
    pub fn from_secret(secret: &[u8]) -> Seal {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(b"kesos-bot at-rest encryption v1");
        let key = mac.finalize().into_bytes();
        Seal {
            cipher: XChaCha20Poly1305::new(&key),
        }
    }

    pub fn seal(&self, place: Place, plain: &[u8]) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plain,
                    aad: place.label(),
                },
            )
            .expect("XChaCha20-Poly1305 encrypts any length we store");
        let mut raw = Vec::with_capacity(NONCE + sealed.len());
        raw.extend_from_slice(&nonce);
        raw.extend_from_slice(&sealed);
        let mut out = String::with_capacity(PREFIX.len() + raw.len() * 4 / 3 + 4);
        out.push_str(PREFIX);
        B64.encode_string(&raw, &mut out);
        out
    }

    pub fn seal_str(&self, place: Place, plain: &str) -> String {
        self.seal(place, plain.as_bytes())
    }

    pub fn open(&self, place: Place, stored: &str) -> Result<Vec<u8>, SealError> {
        let body = stored.strip_prefix(PREFIX).ok_or(SealError::NotSealed)?;
        let raw = B64.decode(body).map_err(|_| SealError::DoesNotOpen)?;
        if raw.len() < NONCE {
            return Err(SealError::DoesNotOpen);
        }
        let (nonce, sealed) = raw.split_at(NONCE);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: place.label(),
                },
            )
            .map_err(|_| SealError::DoesNotOpen)
    }

    pub fn open_string(&self, place: Place, stored: &str) -> Result<String, SealError> {
        String::from_utf8(self.open(place, stored)?).map_err(|_| SealError::DoesNotOpen)
    }
}

/// Whether a stored value is sealed (as opposed to plain text written by an earlier version).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_hides_its_text_and_opens_only_with_its_key_and_place() {
        let a = Seal::from_secret(b"key-a");
        let b = Seal::from_secret(b"key-b");
        let text = "{\"nik\":\"3215015203880001\",\"name\":\"SITI AMINAH\"}";
        let s = a.seal_str(Place::Dialogue, text);
        assert!(is_sealed(&s));
        assert!(!s.contains("3215015203880001") && !s.contains("SITI"));
        assert_eq!(a.open_string(Place::Dialogue, &s).unwrap(), text);
        assert!(b.open(Place::Dialogue, &s).is_err());
        assert!(a.open(Place::Inbox, &s).is_err());
        // A fresh nonce each time: the same text never looks the same twice.
        assert_ne!(s, a.seal_str(Place::Dialogue, text));
        let mut tampered = s.clone();
        tampered.pop();
        tampered.push(if s.ends_with('A') { 'B' } else { 'A' });
        assert!(a.open(Place::Dialogue, &tampered).is_err());
        assert!(matches!(
            a.open(Place::Dialogue, text),
            Err(SealError::NotSealed)
        ));
    }
}
