//! Kemendagri region codes (kode wilayah): `32` province, `32.15` kabupaten, `32.15.01`
//! kecamatan, `32.15.01.1001` kelurahan (fourth part 1xxx) or desa (2xxx).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Provinsi,
    Kabupaten,
    Kecamatan,
    /// An urban ward; the study's unit (Karawang Barat has eight).
    Kelurahan,
    /// A village; the rural counterpart of a kelurahan.
    Desa,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Provinsi,
        Level::Kabupaten,
        Level::Kecamatan,
        Level::Kelurahan,
        Level::Desa,
    ];
    /// The levels a kelurahan-sized place has: kelurahan or desa.
    pub const VILLAGE: [Level; 2] = [Level::Kelurahan, Level::Desa];
    /// The levels a re-verification cycle can be opened for.
    pub const CYCLE: [Level; 3] = [Level::Kecamatan, Level::Kelurahan, Level::Desa];

    pub fn parse(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }
    pub fn code(self) -> &'static str {
        match self {
            Level::Provinsi => "provinsi",
            Level::Kabupaten => "kabupaten",
            Level::Kecamatan => "kecamatan",
            Level::Kelurahan => "kelurahan",
            Level::Desa => "desa",
        }
    }
    pub fn depth(self) -> usize {
        match self {
            Level::Provinsi => 1,
            Level::Kabupaten => 2,
            Level::Kecamatan => 3,
            Level::Kelurahan | Level::Desa => 4,
        }
    }
}

impl TryFrom<String> for Level {
    type Error = super::task::UnknownCode;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Level::parse(&code).ok_or(super::task::UnknownCode("region level", code))
    }
}

/// A well-formed region code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionCodeError {
    #[error("empty")]
    Empty,
    #[error("malformed")]
    Malformed,
}

impl RegionCode {
    pub fn parse(s: &str) -> Result<RegionCode, RegionCodeError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(RegionCodeError::Empty);
        }
        let parts: Vec<&str> = s.split('.').collect();
        let widths = [2, 2, 2, 4];
        if parts.len() > 4 {
            return Err(RegionCodeError::Malformed);
        }
        for (p, w) in parts.iter().zip(widths) {
            if p.len() != w || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(RegionCodeError::Malformed);
            }
        }
        if parts.len() == 4 && !matches!(parts[3].as_bytes()[0], b'1' | b'2') {
            return Err(RegionCodeError::Malformed);
        }
        Ok(RegionCode(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> Level {
        let parts: Vec<&str> = self.0.split('.').collect();
        match parts.len() {
            1 => Level::Provinsi,
            2 => Level::Kabupaten,
            3 => Level::Kecamatan,
            _ if parts[3].starts_with('2') => Level::Desa,
            _ => Level::Kelurahan,
        }
    }

    pub fn parent(&self) -> Option<RegionCode> {
        self.0
            .rsplit_once('.')
            .map(|(p, _)| RegionCode(p.to_string()))
    }

    /// True when `self` is `other` or lies inside it.
    pub fn is_within(&self, other: &RegionCode) -> bool {
        contains(&other.0, &self.0)
    }
}

/// The one rule of containment, on codes as stored: `code` is `area` or lies inside it
/// (`32.15.01.1001` is in `32.15.01` and in `32.15`, not in `32.15.1`). In SQL the same rule is
/// `code = area OR code LIKE 'area.%'` (`store::regions::inside`).
pub fn contains(area: &str, code: &str) -> bool {
    code == area
        || code
            .strip_prefix(area)
            .is_some_and(|rest| rest.starts_with('.'))
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An area as people name it, reduced to what the resolver compares: the level a leading word
/// names ("Kab.", "Kabupaten", "Kec.", "Kecamatan", "Desa", "Kel.", "Kelurahan"…), when there is
/// one, and the name's key (lower case, letters and digits only: "Tanjung Pura" and
/// "Tanjungpura" are one key). Stored names go through the same reduction ("Kabupaten
/// Karawang" has the key "karawang").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaName {
    pub level: Option<Level>,
    pub key: String,
}

/// The leading words that name a level, full and abbreviated. "Kota" is not among them: it is
/// part of a city's name ("Kota Bekasi" is not "Kabupaten Bekasi") and of kecamatan names
/// ("Kotabaru").
const LEVEL_WORDS: [(&str, Level); 11] = [
    ("kabupaten", Level::Kabupaten),
    ("kab", Level::Kabupaten),
    ("kecamatan", Level::Kecamatan),
    ("kec", Level::Kecamatan),
    ("kelurahan", Level::Kelurahan),
    ("kel", Level::Kelurahan),
    ("desa", Level::Desa),
    ("ds", Level::Desa),
    ("provinsi", Level::Provinsi),
    ("prov", Level::Provinsi),
    ("propinsi", Level::Provinsi),
];

impl AreaName {
    pub fn parse(typed: &str) -> AreaName {
        let lower = typed.trim().to_lowercase();
        for (word, level) in LEVEL_WORDS {
            // A level word is a word of its own: "Kel. Nagasari", "Kec Klari", not "Kelapa".
            let Some(rest) = lower.strip_prefix(word) else {
                continue;
            };
            if !rest.starts_with(|c: char| c == '.' || c.is_whitespace()) {
                continue;
            }
            let key = name_key(rest);
            if !key.is_empty() {
                return AreaName {
                    level: Some(level),
                    key,
                };
            }
        }
        AreaName {
            level: None,
            key: name_key(&lower),
        }
    }
}

/// A name's key: its letters and digits, lower case.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_contains_itself_and_what_lies_under_it() {
        assert!(contains("32.15.01", "32.15.01.1001"));
        assert!(contains("32.15.01", "32.15.01"));
        assert!(!contains("32.15.0", "32.15.01"));
        assert!(!contains("32.15.01.1001", "32.15.01"));
    }

    #[test]
    fn levels_follow_from_the_code() {
        assert_eq!(RegionCode::parse("32").unwrap().level(), Level::Provinsi);
        assert_eq!(
            RegionCode::parse("32.15").unwrap().level(),
            Level::Kabupaten
        );
        assert_eq!(
            RegionCode::parse("32.15.01").unwrap().level(),
            Level::Kecamatan
        );
        assert_eq!(
            RegionCode::parse("32.15.01.1001").unwrap().level(),
            Level::Kelurahan
        );
        assert_eq!(
            RegionCode::parse("32.15.02.2001").unwrap().level(),
            Level::Desa
        );
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in [
            "",
            "3",
            "32.1",
            "32.15.1",
            "32.15.01.101",
            "32.15.01.3001",
            "ab.15",
            "32.15.01.1001.1",
        ] {
            assert!(RegionCode::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn parent_and_containment() {
        let kel = RegionCode::parse("32.15.01.1001").unwrap();
        let kec = RegionCode::parse("32.15.01").unwrap();
        assert_eq!(kel.parent(), Some(kec.clone()));
        assert!(kel.is_within(&kec));
        assert!(!kec.is_within(&kel));
        assert!(!RegionCode::parse("32.15.011").is_ok_and(|c| c.is_within(&kec)));
    }
    #[test]
    fn an_area_is_named_with_or_without_its_level_word() {
        let karawang = |level| AreaName {
            level,
            key: "karawang".into(),
        };
        assert_eq!(AreaName::parse("Karawang"), karawang(None));
        assert_eq!(
            AreaName::parse(" Kab. Karawang"),
            karawang(Some(Level::Kabupaten))
        );
        assert_eq!(
            AreaName::parse("KABUPATEN  karawang"),
            karawang(Some(Level::Kabupaten))
        );
        assert_eq!(
            AreaName::parse("Kab.Karawang"),
            karawang(Some(Level::Kabupaten))
        );
        assert_eq!(
            AreaName::parse("Kec. Karawang Barat").level,
            Some(Level::Kecamatan)
        );
        assert_eq!(AreaName::parse("Kecamatan Klari").key, "klari");
        assert_eq!(AreaName::parse("Desa Ciptasari").level, Some(Level::Desa));
        assert_eq!(
            AreaName::parse("Kel. Nagasari").level,
            Some(Level::Kelurahan)
        );
        assert_eq!(
            AreaName::parse("Kelurahan Tanjung Pura"),
            AreaName {
                level: Some(Level::Kelurahan),
                key: "tanjungpura".into()
            }
        );
    }

    #[test]
    fn a_name_that_only_starts_like_a_level_word_is_a_name() {
        assert_eq!(
            AreaName::parse("Kelapa Nunggal"),
            AreaName {
                level: None,
                key: "kelapanunggal".into()
            }
        );
        assert_eq!(AreaName::parse("Kotabaru").key, "kotabaru");
        assert_eq!(AreaName::parse("Kota Baru").level, None);
        assert_eq!(
            AreaName::parse("Desa").key,
            "desa",
            "a level word alone is a name"
        );
    }
}
