//! One-time invite codes for field workers (`/daftar KODE`): ten characters from an alphabet
//! without look-alikes (no 0/O, 1/I/L), shown as `ABCDE-FGH23`, kept only as a keyed hash.

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

/// Characters that cannot be mistaken for one another when read aloud or typed on a phone.
pub const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Characters in a code (without the dash): 31^10 ≈ 8·10^14 possibilities.
pub const LEN: usize = 10;
/// How long a code stays valid.
pub const VALID_SECS: i64 = 72 * 3600;

/// A fresh random code, formatted `ABCDE-FGH23`.
pub fn generate() -> String {
    let mut rng = rand::thread_rng();
    let raw: String = (0..LEN)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{}-{}", &raw[..5], &raw[5..])
}

/// What the user typed, as the code it stands for: upper case, without spaces or dashes.
/// `None` when it cannot be a code at all (wrong length or characters).
pub fn normalize(typed: &str) -> Option<String> {
    let s: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (s.len() == LEN && s.bytes().all(|b| ALPHABET.contains(&b))).then_some(s)
}

/// The keyed hash (HMAC-SHA256) a code is stored as.
pub fn hash(secret: &[u8], normalized: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"invite:");
    mac.update(normalized.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_normalize_to_themselves_and_avoid_look_alikes() {
        for _ in 0..200 {
            let c = generate();
            assert_eq!(c.len(), LEN + 1);
            let n = normalize(&c).expect("a generated code is valid");
            assert_eq!(n, c.replace('-', ""));
            assert!(!n.contains(['0', 'O', '1', 'I', 'L']));
        }
    }

    #[test]
    fn typing_is_forgiving_but_garbage_is_not_a_code() {
        assert_eq!(normalize("abcde fgh23"), Some("ABCDEFGH23".into()));
        assert_eq!(normalize(" ABCDE-FGH23 "), Some("ABCDEFGH23".into()));
        assert_eq!(normalize("ABCDE"), None);
        assert_eq!(normalize("ABCDE-FGH20"), None);
        assert_ne!(hash(b"k1", "ABCDEFGH23"), hash(b"k2", "ABCDEFGH23"));
    }
}
