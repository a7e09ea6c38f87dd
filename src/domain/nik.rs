//! NIK (Nomor Induk Kependudukan), the 16-digit national ID number: digits 1–6 the region
//! (province, regency, kecamatan), 7–12 the birth date DDMMYY (day + 40 for women), 13–16 a
//! serial. A [`Nik`] exists only when all of that is plausible; each failure has its own
//! plain-language explanation (locale message [`NikError::message_id`]).
//!
//! The full NIK never leaves this type except through [`Nik::digits`], which only the keyed
//! hash reads: display uses [`Nik::masked`] (`3215**********01`).

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Province codes of Kemendagri (Papua's new provinces included).
const PROVINCES: [u8; 38] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

/// A plausible NIK. Debug and Display show only the masked form.
#[derive(Clone, PartialEq, Eq)]
pub struct Nik([u8; 16]);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    #[error("empty")]
    Empty,
    #[error("not digits")]
    NotDigits,
    #[error("wrong length")]
    WrongLength(usize),
    #[error("unknown province")]
    Province,
    #[error("impossible region")]
    Region,
    #[error("impossible birth date")]
    BirthDate,
    #[error("impossible serial")]
    Serial,
}

impl NikError {
    /// The locale message explaining this failure to a resident (`nik-why-*`).
    pub fn message_id(self) -> &'static str {
        match self {
            NikError::Empty => "nik-why-empty",
            NikError::NotDigits => "nik-why-not-digits",
            NikError::WrongLength(_) => "nik-why-length",
            NikError::Province => "nik-why-province",
            NikError::Region => "nik-why-region",
            NikError::BirthDate => "nik-why-birth-date",
            NikError::Serial => "nik-why-serial",
        }
    }

    /// The explanation of this failure: its locale message ([`NikError::message_id`]) and the
    /// message's arguments (numbers: a wrong length gives the `count` of digits typed).
    pub fn explanation(self) -> (&'static str, Vec<(&'static str, i64)>) {
        match self {
            NikError::WrongLength(n) => (self.message_id(), vec![("count", n as i64)]),
            _ => (self.message_id(), vec![]),
        }
    }
}

impl Nik {
    /// Parses what a person typed: spaces, dots and dashes between digits are allowed.
    pub fn parse(input: &str) -> Result<Nik, NikError> {
        Nik::parse_with_today(input, chrono::Utc::now().date_naive())
    }

    pub fn parse_with_today(input: &str, today: NaiveDate) -> Result<Nik, NikError> {
        let mut digits = [0u8; 16];
        let mut n = 0usize;
        let mut any = false;
        for c in input.trim().chars() {
            any = true;
            match c {
                '0'..='9' => {
                    if n < 16 {
                        digits[n] = c as u8;
                    }
                    n += 1;
                }
                ' ' | '.' | '-' | '\u{a0}' => {}
                _ => return Err(NikError::NotDigits),
            }
        }
        if !any {
            return Err(NikError::Empty);
        }
        if n != 16 {
            return Err(NikError::WrongLength(n));
        }
        let num = |a: usize, b: usize| -> u32 {
            digits[a..b]
                .iter()
                .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
        };
        if !PROVINCES.contains(&(num(0, 2) as u8)) {
            return Err(NikError::Province);
        }
        if num(2, 4) == 0 || num(4, 6) == 0 {
            return Err(NikError::Region);
        }
        let mut day = num(6, 8);
        if day > 40 {
            day -= 40;
        }
        let month = num(8, 10);
        let yy = num(10, 12) as i32;
        let current = today.year();
        let mut year = 2000 + yy;
        if year > current {
            year -= 100;
        }
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(d) if d <= today => {}
            _ => return Err(NikError::BirthDate),
        }
        if num(12, 16) == 0 {
            return Err(NikError::Serial);
        }
        Ok(Nik(digits))
    }

    /// The 16 digits, for the keyed hash only. Never log, store or send them.
    pub fn digits(&self) -> &[u8; 16] {
        &self.0
    }

    /// `3215**********01`: the first four and last two digits.
    pub fn masked(&self) -> String {
        mask16(&self.0)
    }
}

/// Masks any 16-digit number (NIK or No. KK) the same way.
pub fn mask16(digits: &[u8; 16]) -> String {
    let mut s = String::with_capacity(16);
    for (i, d) in digits.iter().enumerate() {
        s.push(if !(4..14).contains(&i) {
            *d as char
        } else {
            '*'
        });
    }
    s
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A No. KK (family card number): 16 digits, masked like a NIK for display.
#[derive(Clone, PartialEq, Eq)]
pub struct KkNumber([u8; 16]);

impl KkNumber {
    pub fn parse(input: &str) -> Option<KkNumber> {
        let mut digits = [0u8; 16];
        let mut n = 0;
        for c in input.trim().chars() {
            match c {
                '0'..='9' if n < 16 => {
                    digits[n] = c as u8;
                    n += 1;
                }
                ' ' | '.' | '-' => {}
                _ => return None,
            }
        }
        (n == 16 && digits[..2] != *b"00").then_some(KkNumber(digits))
    }
    pub fn digits(&self) -> &[u8; 16] {
        &self.0
    }
    pub fn masked(&self) -> String {
        mask16(&self.0)
    }
}

impl fmt::Debug for KkNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KkNumber({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    #[test]
    fn a_plausible_nik_parses_and_masks() {
        let n = Nik::parse_with_today("3215015203880001", today()).unwrap();
        assert_eq!(n.masked(), "3215**********01");
        assert_eq!(format!("{n:?}"), "Nik(3215**********01)");
        // Spaces and dots as people type them.
        assert!(Nik::parse_with_today(" 3215 0152 0388 0001 ", today()).is_ok());
        // Women: day + 40.
        assert!(Nik::parse_with_today("3215015503880001", today()).is_ok()); // 15th, man
        assert!(Nik::parse_with_today("3215017103880001", today()).is_ok()); // 31st, woman
    }

    #[test]
    fn each_failure_has_its_own_reason() {
        let p = |s| Nik::parse_with_today(s, today()).unwrap_err();
        assert_eq!(p(""), NikError::Empty);
        assert_eq!(p("32150152O3880001"), NikError::NotDigits);
        assert_eq!(p("321501520388"), NikError::WrongLength(12));
        assert_eq!(p("99150152038800011"), NikError::WrongLength(17));
        assert_eq!(p("9915015203880001"), NikError::Province);
        assert_eq!(p("3200015203880001"), NikError::Region);
        assert_eq!(p("3215013203880001"), NikError::BirthDate); // day 32
        assert_eq!(p("3215017203880001"), NikError::BirthDate); // day 72 - 40 = 32
        assert_eq!(p("3215013002880001"), NikError::BirthDate); // 30 February
        assert_eq!(p("3215010113880001"), NikError::BirthDate); // month 13
        assert_eq!(p("3215015203880000"), NikError::Serial);
        for e in [NikError::Empty, NikError::WrongLength(3), NikError::Serial] {
            assert!(e.message_id().starts_with("nik-why-"));
        }
    }

    #[test]
    fn a_wrong_length_is_explained_with_the_count_typed() {
        assert_eq!(
            NikError::WrongLength(12).explanation(),
            ("nik-why-length", vec![("count", 12)])
        );
        assert_eq!(
            NikError::Province.explanation(),
            ("nik-why-province", vec![])
        );
        assert_eq!(NikError::Empty.explanation(), ("nik-why-empty", vec![]));
    }

    #[test]
    fn no_kk_is_sixteen_digits() {
        assert!(KkNumber::parse("3215010101200001").is_some());
        assert!(KkNumber::parse("32150101012").is_none());
        assert_eq!(
            KkNumber::parse("3215010101200001").unwrap().masked(),
            "3215**********01"
        );
    }
}
