//! Every text a user reads, from `locales/<lang>/*.ftl` (Fluent). Indonesian is the default and
//! the fallback. Also the formats users expect: `Rp200.000`, `28 November 2026`, `14.30 WIB`.

use crate::domain::nik::NikError;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "id",
        customise: |bundle| {
            // Telegram shows Unicode isolation marks as stray characters.
            bundle.set_use_isolating(false);
            let _ = bundle.add_function("RUPIAH", |args, _named| match args.first() {
                Some(FluentValue::Number(n)) => FluentValue::from(rupiah(n.value as i64)),
                Some(FluentValue::String(s)) => match s.parse::<i64>() {
                    Ok(v) => FluentValue::from(rupiah(v)),
                    Err(_) => FluentValue::Error,
                },
                _ => FluentValue::Error,
            });
        },
    };
}

static ID: LanguageIdentifier = langid!("id");
static EN: LanguageIdentifier = langid!("en");

pub use crate::domain::lang::Lang;

fn langid(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}

/// A message without arguments.
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.lookup(langid(lang), key)
}

/// A message with arguments.
pub fn targs(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
        .collect();
    LOCALES.lookup_with_args(langid(lang), key, &map)
}

/// The short reason a NIK is impossible, in the operator's or resident's language (the
/// explanation chosen by [`NikError::explanation`]).
pub fn nik_why(lang: Lang, e: NikError) -> String {
    let (key, args) = e.explanation();
    if args.is_empty() {
        t(lang, key)
    } else {
        let args: Vec<_> = args.into_iter().map(|(k, v)| (k, v.into())).collect();
        targs(lang, key, &args)
    }
}

/// The language of operators' reports and help: Indonesian under `LANG=id_ID…`, English
/// otherwise.
pub fn operator_language() -> Lang {
    let lang = std::env::var("LANG").unwrap_or_default();
    if lang.starts_with("id") {
        Lang::Id
    } else {
        Lang::En
    }
}

/// Whether a message exists in a locale (without falling back).
pub fn has(lang: Lang, key: &str) -> bool {
    LOCALES.try_lookup(langid(lang), key).is_some()
}

/// A place as people name it: "Desa Ciptasari", "Kelurahan Nagasari", "Kecamatan Karawang
/// Barat". Whether a village is a desa or a kelurahan follows from its Kemendagri code (fourth
/// part 1xxx kelurahan, 2xxx desa), never from a guess; a code that does not parse is shown as
/// its name alone.
pub fn place(lang: Lang, code: &str, name: &str) -> String {
    let Ok(code) = crate::domain::region::RegionCode::parse(code) else {
        return name.to_string();
    };
    // A kabupaten-level code from 71 up is a kota (32.73 Kota Bandung).
    let level = match code.level() {
        crate::domain::region::Level::Kabupaten
            if code.as_str().split('.').nth(1).is_some_and(|p| p >= "71") =>
        {
            "kota"
        }
        other => other.code(),
    };
    let named = targs(
        lang,
        "place",
        &[("level", level.into()), ("name", name.to_string().into())],
    );
    // A name that already carries its word ("Kabupaten Karawang") keeps it once.
    let word = named.split(' ').next().unwrap_or_default();
    let first = name.split(' ').next().unwrap_or_default();
    if first.eq_ignore_ascii_case(word) && name.len() > word.len() {
        name.to_string()
    } else {
        named
    }
}

/// Rupiah the Indonesian way: `Rp200.000`, `-Rp5.000`.
pub fn rupiah(amount: i64) -> String {
    let grouped = group_digits(amount.unsigned_abs(), '.');
    format!("{}Rp{grouped}", if amount < 0 { "-" } else { "" })
}

/// A count as people write it: `8.240` in Indonesian, `8,240` in English.
pub fn number(lang: Lang, n: i64) -> String {
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let grouped = group_digits(n.unsigned_abs(), sep);
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

fn group_digits(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(ch);
    }
    grouped
}

pub use crate::domain::wib;

/// A Unix time as a WIB date-time.
pub fn to_wib(unix: i64) -> DateTime<FixedOffset> {
    Utc.timestamp_opt(unix, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&wib())
}

/// Today's date in WIB.
pub fn today_wib() -> NaiveDate {
    Utc::now().with_timezone(&wib()).date_naive()
}

/// `28 November 2026` (Indonesian month names; English ones in English).
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let month = t(lang, &format!("month-{}", d.month()));
    format!("{} {} {}", d.day(), month, d.year())
}

/// `28 November 2026, 14.30 WIB`.
pub fn datetime_wib(lang: Lang, unix: i64) -> String {
    let dt = to_wib(unix);
    targs(
        lang,
        "datetime-wib",
        &[
            ("date", date(lang, dt.date_naive()).into()),
            ("time", time_wib(lang, unix).into()),
        ],
    )
}

/// `14.30 WIB` (Indonesian uses a dot), `14:30 WIB` in English.
pub fn time_wib(lang: Lang, unix: i64) -> String {
    let dt = to_wib(unix);
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ':',
    };
    format!("{:02}{sep}{:02} WIB", dt.hour(), dt.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_named_by_the_level_its_code_gives() {
        assert_eq!(
            place(Lang::Id, "32.15.02.2001", "Ciptasari"),
            "Desa Ciptasari"
        );
        assert_eq!(
            place(Lang::Id, "32.15.01.1001", "Karawang Kulon"),
            "Kelurahan Karawang Kulon"
        );
        assert_eq!(
            place(Lang::En, "32.15.01", "Karawang Barat"),
            "Kecamatan Karawang Barat"
        );
        assert_eq!(
            place(Lang::Id, "32.15", "Kabupaten Karawang"),
            "Kabupaten Karawang"
        );
        assert_eq!(place(Lang::Id, "32.73", "Bandung"), "Kota Bandung");
        assert_eq!(place(Lang::Id, "not a code", "Somewhere"), "Somewhere");
    }

    #[test]
    fn rupiah_groups_thousands_with_dots() {
        assert_eq!(rupiah(200_000), "Rp200.000");
        assert_eq!(rupiah(150_000), "Rp150.000");
        assert_eq!(rupiah(0), "Rp0");
        assert_eq!(rupiah(999), "Rp999");
        assert_eq!(rupiah(1_000), "Rp1.000");
        assert_eq!(rupiah(2_400_000), "Rp2.400.000");
        assert_eq!(rupiah(-5_000), "-Rp5.000");
        assert_eq!(number(Lang::Id, 8_240), "8.240");
        assert_eq!(number(Lang::En, 1_000_000), "1,000,000");
        assert_eq!(number(Lang::Id, 999), "999");
    }

    #[test]
    fn dates_read_as_in_indonesia() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(date(Lang::Id, d), "28 November 2026");
        assert_eq!(
            date(Lang::Id, NaiveDate::from_ymd_opt(2026, 8, 17).unwrap()),
            "17 Agustus 2026"
        );
        assert_eq!(
            date(Lang::En, NaiveDate::from_ymd_opt(2026, 8, 17).unwrap()),
            "17 August 2026"
        );
    }

    #[test]
    fn times_are_shown_in_wib() {
        // 2026-11-28 07:30 UTC is 14.30 WIB.
        let unix = Utc
            .with_ymd_and_hms(2026, 11, 28, 7, 30, 0)
            .unwrap()
            .timestamp();
        assert_eq!(time_wib(Lang::Id, unix), "14.30 WIB");
        assert_eq!(
            datetime_wib(Lang::Id, unix),
            "28 November 2026, pukul 14.30 WIB"
        );
        // 20:00 UTC is already the next day in WIB.
        let late = Utc
            .with_ymd_and_hms(2026, 11, 28, 20, 0, 0)
            .unwrap()
            .timestamp();
        assert_eq!(
            date(Lang::Id, to_wib(late).date_naive()),
            "29 November 2026"
        );
    }

    #[test]
    fn fluent_output_has_no_isolation_marks_and_formats_money() {
        let s = targs(Lang::Id, "test-rupiah", &[("amount", 200_000i64.into())]);
        assert_eq!(s, "Bantuan Rp200.000 per bulan");
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'));
    }

    #[test]
    fn a_nik_explanation_reads_with_its_count() {
        assert_eq!(
            nik_why(Lang::En, NikError::WrongLength(12)),
            "a NIK has 16 digits, and you typed 12"
        );
        assert_eq!(
            nik_why(Lang::En, NikError::Serial),
            "the last four digits cannot be 0000"
        );
    }

    #[test]
    fn language_of_a_new_user_follows_telegram() {
        assert_eq!(Lang::from_telegram(Some("en")), Lang::En);
        assert_eq!(Lang::from_telegram(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_telegram(Some("id")), Lang::Id);
        assert_eq!(Lang::from_telegram(Some("jv")), Lang::Id);
        assert_eq!(Lang::from_telegram(None), Lang::Id);
    }
}
