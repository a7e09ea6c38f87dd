//! Broadcasts (siaran): a notice from Dinas Sosial or a TKSK to many people at once — its
//! audience, who may address it, and when it goes out.
//!
//! Rules (our own statement of the product's):
//! - Dinas Sosial operators may address all TKSK, all PSM, the workers of one kecamatan, or the
//!   residents of one desa/kelurahan (those who have used the bot and not opted out), always
//!   inside their own area.
//! - A TKSK may address the PSM of their own kecamatan, and no one else.
//! - The text is at most 4,096 characters (Telegram's limit for one message).
//! - A notice may be held for a later time (WIB), at most 60 days ahead, never in the past.

use super::region::{self, Level, RegionCode};
use super::role::Role;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// Telegram's limit for one message, and so for a broadcast's text.
pub const MAX_TEXT: usize = 4096;
/// How far ahead a broadcast may be scheduled.
pub const MAX_AHEAD_DAYS: i64 = 60;

/// Who a broadcast goes to. Kept (in a draft) by its code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Audience {
    /// Every enrolled TKSK (inside `within`, when given).
    Tksk { within: Option<RegionCode> },
    /// Every enrolled PSM (inside `within`, when given: a TKSK's own kecamatan).
    Psm { within: Option<RegionCode> },
    /// Every enrolled worker (PSM and TKSK) of a kecamatan.
    Workers(RegionCode),
    /// Residents of a desa/kelurahan who have used the bot and not opted out.
    Residents(RegionCode),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AudienceError {
    #[error("not an audience")]
    Unknown,
    #[error("not a region code of the right level")]
    BadArea,
}

impl Audience {
    /// As stored and as the command line takes it: `tksk`, `psm`, `psm:32.15.01`,
    /// `kecamatan:32.15.01`, `kelurahan:32.15.01.1001`.
    pub fn code(&self) -> String {
        match self {
            Audience::Tksk { within: None } => "tksk".into(),
            Audience::Tksk { within: Some(a) } => format!("tksk:{}", a.as_str()),
            Audience::Psm { within: None } => "psm".into(),
            Audience::Psm { within: Some(a) } => format!("psm:{}", a.as_str()),
            Audience::Workers(k) => format!("kecamatan:{}", k.as_str()),
            Audience::Residents(k) => format!("kelurahan:{}", k.as_str()),
        }
    }

    pub fn parse(s: &str) -> Result<Audience, AudienceError> {
        let s = s.trim();
        let (kind, raw) = match s.split_once(':') {
            Some((k, a)) => (k, Some(a)),
            None => (s, None),
        };
        let area = |levels: &[Level]| -> Result<RegionCode, AudienceError> {
            let code = RegionCode::parse(raw.unwrap_or("")).map_err(|_| AudienceError::BadArea)?;
            if levels.contains(&code.level()) {
                Ok(code)
            } else {
                Err(AudienceError::BadArea)
            }
        };
        let within = |levels: &[Level]| match raw {
            None => Ok(None),
            Some(_) => area(levels).map(Some),
        };
        Ok(match kind.to_ascii_lowercase().as_str() {
            "tksk" => Audience::Tksk {
                within: within(&Level::ALL)?,
            },
            "psm" => Audience::Psm {
                within: within(&Level::ALL)?,
            },
            "kecamatan" => Audience::Workers(area(&[Level::Kecamatan])?),
            "kelurahan" | "desa" => Audience::Residents(area(&Level::VILLAGE)?),
            _ => return Err(AudienceError::Unknown),
        })
    }

    /// The region the audience is limited to, if any.
    pub fn area(&self) -> Option<&RegionCode> {
        match self {
            Audience::Tksk { within } | Audience::Psm { within } => within.as_ref(),
            Audience::Workers(a) | Audience::Residents(a) => Some(a),
        }
    }

    /// Whether the notice goes to residents (who may opt out), not to workers.
    pub fn is_residents(&self) -> bool {
        matches!(self, Audience::Residents(_))
    }

    /// Whether someone with `role` covering `area` may address this audience. The same check
    /// runs when the audience is chosen and again when the notice is confirmed.
    pub fn allowed_for(&self, role: Role, area: Option<&str>) -> bool {
        let Some(mine) = area else {
            return false;
        };
        let inside = |a: &RegionCode| region::contains(mine, a.as_str());
        match (role, self) {
            // In the bot always inside the operator's area (a province's database holds
            // other regencies); only the command line addresses everyone.
            (Role::Dinsos, Audience::Tksk { within } | Audience::Psm { within }) => {
                within.as_ref().is_some_and(inside)
            }
            (Role::Dinsos, Audience::Workers(a) | Audience::Residents(a)) => inside(a),
            (Role::Tksk, Audience::Psm { within: Some(a) }) => {
                a.level() == Level::Kecamatan && a.as_str() == mine
            }
            _ => false,
        }
    }
}

impl From<Audience> for String {
    fn from(a: Audience) -> String {
        a.code()
    }
}

impl TryFrom<String> for Audience {
    type Error = AudienceError;
    fn try_from(s: String) -> Result<Audience, AudienceError> {
        Audience::parse(&s)
    }
}

/// Why a send time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenError {
    /// Not a date and time we read.
    Unreadable,
    /// Already past.
    Past,
    /// Further ahead than [`MAX_AHEAD_DAYS`].
    TooFar,
}

/// A send time typed in WIB: `HH:MM` (today), `DD/MM HH:MM`, `DD/MM/YYYY HH:MM`,
/// `DD-MM-YYYY HH:MM` or `YYYY-MM-DD HH:MM` (a `.` may stand for the `:`, as Indonesians write
/// 08.00). Returns the time as Unix seconds.
pub fn parse_when(typed: &str, now: DateTime<FixedOffset>) -> Result<i64, WhenError> {
    let wib = super::wib();
    let typed = typed.trim().to_lowercase().replace(" wib", "");
    let parts: Vec<&str> = typed.split_whitespace().collect();
    let (date, time) = match parts.as_slice() {
        [time] => (now.date_naive(), *time),
        [date, time] => (
            parse_date(date, now.date_naive()).ok_or(WhenError::Unreadable)?,
            *time,
        ),
        _ => return Err(WhenError::Unreadable),
    };
    let time = NaiveTime::parse_from_str(&time.replace('.', ":"), "%H:%M")
        .map_err(|_| WhenError::Unreadable)?;
    let at = wib
        .from_local_datetime(&NaiveDateTime::new(date, time))
        .single()
        .ok_or(WhenError::Unreadable)?;
    if at <= now {
        return Err(WhenError::Past);
    }
    if at - now > Duration::days(MAX_AHEAD_DAYS) {
        return Err(WhenError::TooFar);
    }
    Ok(at.timestamp())
}

fn parse_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    for f in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    // `DD/MM`: this year, or next year when that day has passed.
    let with_year = |y: i32| NaiveDate::parse_from_str(&format!("{s}/{y}"), "%d/%m/%Y").ok();
    let year = chrono::Datelike::year(&today);
    match with_year(year) {
        Some(d) if d >= today => Some(d),
        Some(_) => with_year(year + 1),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn audiences_read_back_from_their_codes() {
        for a in [
            Audience::Tksk { within: None },
            Audience::Psm { within: None },
            Audience::Psm {
                within: Some(code("32.15.01")),
            },
            Audience::Workers(code("32.15.01")),
            Audience::Residents(code("32.15.01.1001")),
        ] {
            assert_eq!(Audience::parse(&a.code()), Ok(a));
        }
        assert_eq!(
            Audience::parse("desa:32.15.02.2001"),
            Ok(Audience::Residents(code("32.15.02.2001")))
        );
        assert_eq!(Audience::parse("warga"), Err(AudienceError::Unknown));
        assert_eq!(
            Audience::parse("kecamatan:32.15.01.1001"),
            Err(AudienceError::BadArea)
        );
        assert_eq!(Audience::parse("kelurahan:"), Err(AudienceError::BadArea));
    }

    #[test]
    fn a_tksk_reaches_only_the_psm_of_their_own_kecamatan() {
        let own = Audience::Psm {
            within: Some(code("32.15.01")),
        };
        assert!(own.allowed_for(Role::Tksk, Some("32.15.01")));
        let other = Audience::Psm {
            within: Some(code("32.15.02")),
        };
        assert!(!other.allowed_for(Role::Tksk, Some("32.15.01")));
        for a in [
            Audience::Psm { within: None },
            Audience::Tksk { within: None },
            Audience::Workers(code("32.15.01")),
            Audience::Residents(code("32.15.01.1001")),
        ] {
            assert!(!a.allowed_for(Role::Tksk, Some("32.15.01")), "{a:?}");
        }
    }

    #[test]
    fn dinsos_reaches_anyone_inside_their_area_and_residents_only_from_dinsos() {
        let residents = Audience::Residents(code("32.15.01.1001"));
        assert!(residents.allowed_for(Role::Dinsos, Some("32.15")));
        assert!(!residents.allowed_for(Role::Dinsos, Some("32.16")));
        assert!(!residents.allowed_for(Role::Psm, Some("32.15.01.1001")));
        assert!(!residents.allowed_for(Role::Warga, Some("32.15")));
        let regency = Audience::Psm {
            within: Some(code("32.15")),
        };
        assert!(regency.allowed_for(Role::Dinsos, Some("32.15")));
        assert!(!regency.allowed_for(Role::Dinsos, Some("32.16")));
        assert!(!regency.allowed_for(Role::Dinsos, None));
        assert!(!Audience::Psm { within: None }.allowed_for(Role::Dinsos, Some("32.15")));
    }

    #[test]
    fn send_times_are_read_in_wib_and_must_lie_ahead() {
        let now = super::super::wib()
            .with_ymd_and_hms(2026, 12, 1, 10, 0, 0)
            .unwrap();
        let at = |y, m, d, h, min| {
            super::super::wib()
                .with_ymd_and_hms(y, m, d, h, min, 0)
                .unwrap()
                .timestamp()
        };
        assert_eq!(parse_when("14:30", now), Ok(at(2026, 12, 1, 14, 30)));
        assert_eq!(parse_when("14.30 WIB", now), Ok(at(2026, 12, 1, 14, 30)));
        assert_eq!(parse_when("2/12 08:00", now), Ok(at(2026, 12, 2, 8, 0)));
        assert_eq!(
            parse_when("02/12/2026 08.00", now),
            Ok(at(2026, 12, 2, 8, 0))
        );
        assert_eq!(
            parse_when("2026-12-24 07:00", now),
            Ok(at(2026, 12, 24, 7, 0))
        );
        assert_eq!(parse_when("5/1 08:00", now), Ok(at(2027, 1, 5, 8, 0)));
        assert_eq!(parse_when("09:00", now), Err(WhenError::Past));
        assert_eq!(parse_when("2027-06-01 08:00", now), Err(WhenError::TooFar));
        assert_eq!(parse_when("besok pagi", now), Err(WhenError::Unreadable));
        assert_eq!(
            parse_when("31/02/2027 08:00", now),
            Err(WhenError::Unreadable)
        );
    }
}
