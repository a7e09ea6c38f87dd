//! Keyed hashes (HMAC-SHA256 with `KESOS_SECRET`) of NIK and No. KK: what the database keeps
//! instead of the numbers. Without the key, the stored hash cannot be turned back into a NIK by
//! trying all plausible numbers.

use crate::domain::nik::{KkNumber, Nik};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// A hasher keyed once, cheap to use for many numbers (an import hashes millions).
#[derive(Clone)]
pub struct Keyed {
    mac: HmacSha256,
}

impl Keyed {
    pub fn new(secret: &[u8]) -> Keyed {
        Keyed {
            mac: HmacSha256::new_from_slice(secret).expect("HMAC takes a key of any length"),
        }
    }

    fn raw(&self, domain: &[u8], digits: &[u8]) -> [u8; 32] {
        let mut m = self.mac.clone();
        m.update(domain);
        m.update(digits);
        m.finalize().into_bytes().into()
    }

    /// The look-up key of a NIK, as stored (64 hex digits).
    pub fn nik(&self, nik: &Nik) -> String {
        hex::encode(self.nik_raw(nik))
    }
    pub fn nik_raw(&self, nik: &Nik) -> [u8; 32] {
        self.raw(b"nik:", nik.digits())
    }

    /// The look-up key of a No. KK, as stored (64 hex digits).
    pub fn kk(&self, kk: &KkNumber) -> String {
        hex::encode(self.kk_raw(kk))
    }
    pub fn kk_raw(&self, kk: &KkNumber) -> [u8; 32] {
        self.raw(b"kk:", kk.digits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_depend_on_the_key_and_on_the_kind_of_number() {
        let nik = Nik::parse("3215015203880001").unwrap();
        let kk = KkNumber::parse("3215015203880001").unwrap();
        let a = Keyed::new(b"key-a");
        let b = Keyed::new(b"key-b");
        assert_eq!(a.nik(&nik), a.nik(&nik));
        assert_ne!(a.nik(&nik), b.nik(&nik));
        assert_ne!(a.nik(&nik), a.kk(&kk));
        assert_eq!(a.nik(&nik).len(), 64);
        assert!(!a.nik(&nik).contains("3215015203880001"));
    }
}
