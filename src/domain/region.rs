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
        self.0 == other.0 || self.0.starts_with(&format!("{}.", other.0))
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
