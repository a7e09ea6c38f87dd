//! Windows-1252, the code page Excel writes plain "CSV" in on Windows: its bytes below 0x80 are
//! ASCII, 0x80–0x9F its own characters (curly quotes, the euro sign…), 0xA0 and up Latin-1 (the
//! code point of the same number). Five bytes are left undefined: text with one is not
//! Windows-1252.

/// Windows-1252's characters for the bytes 0x80–0x9F (`None`: the five it leaves undefined).
/// The bytes from 0xA0 up are Latin-1: the code point of the same number.
const HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Appends the Windows-1252 text of `bytes` to `out`; false when a byte is one the code page
/// leaves undefined (the text is then not Windows-1252 either).
pub fn decode(bytes: &[u8], out: &mut String) -> bool {
    for &b in bytes {
        let c = match b {
            0x80..=0x9F => match HIGH[usize::from(b - 0x80)] {
                Some(c) => c,
                None => return false,
            },
            _ => char::from(b),
        };
        out.push(c);
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn bytes_decode_as_the_code_page_says() {
        let mut out = String::new();
        assert!(super::decode(
            b"Ren\xe9 \x80 Ma\x92ruf \x93a\x94 \xa0\xff",
            &mut out
        ));
        assert_eq!(out, "René € Ma’ruf “a” \u{a0}ÿ");
        for undefined in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            assert!(!super::decode(&[b'a', undefined], &mut String::new()));
        }
    }
}
