//! Reports for Dinas Sosial: quota against realisation (kuota, realisasi) per desa/kelurahan,
//! with totals computed from the rows and the kecamatan's official quota when it differs from
//! their sum, and the month-by-month series of households who received.
//!
//! Realisasi is the number of distinct KPM households that received the program at least once
//! in the period (`store::reports`). A kelurahan's kuota for a period is its yearly quota for the
//! period's first year, else its largest monthly quota inside the period.

pub mod chart;

use crate::domain::period::Month;
use crate::domain::region::{Level, RegionCode};
use crate::i18n::{Lang, number, t, targs};
use crate::store::{Db, regions, reports};
use std::collections::BTreeMap;

/// One desa/kelurahan of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub code: String,
    pub name: String,
    pub kuota: Option<i64>,
    pub realisasi: i64,
}

/// A kecamatan whose official quota differs from the sum of its kelurahan.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub name: String,
    pub official: i64,
    pub sum: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Realisasi {
    pub program: String,
    pub period: (Month, Month),
    pub lines: Vec<Line>,
    pub mismatches: Vec<Mismatch>,
    pub series: Vec<(Month, i64)>,
}

impl Realisasi {
    pub fn total_kuota(&self) -> i64 {
        self.lines.iter().filter_map(|l| l.kuota).sum()
    }
    pub fn total_realisasi(&self) -> i64 {
        self.lines.iter().map(|l| l.realisasi).sum()
    }
}

/// Computes the report of `program` for `period`, inside `area` (a region code) or everywhere.
pub async fn realisasi(
    db: &Db,
    program: &str,
    period: (Month, Month),
    area: Option<&str>,
) -> anyhow::Result<Realisasi> {
    let done = reports::realisasi(db, program, period, area).await?;
    let quotas = reports::quotas(db, program, period).await?;
    let inside = |code: &str| area.is_none_or(|a| crate::domain::region::contains(a, code));
    let village =
        |code: &str| RegionCode::parse(code).is_ok_and(|c| Level::VILLAGE.contains(&c.level()));
    // The villages of the area (when it is a kecamatan or smaller), and any with data.
    let mut codes: Vec<String> = done.keys().cloned().collect();
    codes.extend(quotas.keys().filter(|c| village(c) && inside(c)).cloned());
    if let Some(a) = area {
        let level = RegionCode::parse(a).map(|c| c.level()).ok();
        if level == Some(Level::Kecamatan) {
            codes.extend(regions::children(db, a).await?.into_iter().map(|r| r.code));
        } else if level.is_some_and(|l| Level::VILLAGE.contains(&l)) {
            codes.push(a.to_string());
        }
    }
    codes.sort();
    codes.dedup();
    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    let names = regions::names(db, &refs).await?;
    let mut lines: Vec<Line> = codes
        .iter()
        .map(|c| Line {
            code: c.clone(),
            name: names.get(c).cloned().unwrap_or_else(|| c.clone()),
            kuota: quotas.get(c).copied(),
            realisasi: done.get(c).copied().unwrap_or(0),
        })
        .collect();
    // Above a kecamatan (a regency, everywhere), one line per kecamatan: three hundred desa do
    // not fit a phone or a chart.
    let wide = area.is_none_or(|a| {
        RegionCode::parse(a).is_ok_and(|c| matches!(c.level(), Level::Kabupaten | Level::Provinsi))
    });
    if wide {
        let mut by_kec: BTreeMap<String, (Option<i64>, i64)> = BTreeMap::new();
        for l in &lines {
            let Some(parent) = RegionCode::parse(&l.code).ok().and_then(|c| c.parent()) else {
                continue;
            };
            let e = by_kec.entry(parent.as_str().to_string()).or_default();
            if let Some(k) = l.kuota {
                e.0 = Some(e.0.unwrap_or(0) + k);
            }
            e.1 += l.realisasi;
        }
        let kec: Vec<&str> = by_kec.keys().map(String::as_str).collect();
        let kec_names = regions::names(db, &kec).await?;
        lines = by_kec
            .iter()
            .map(|(code, (kuota, done))| Line {
                code: code.clone(),
                name: kec_names.get(code).cloned().unwrap_or_else(|| code.clone()),
                kuota: *kuota,
                realisasi: *done,
            })
            .collect();
    }
    lines.sort_by(|a, b| a.name.cmp(&b.name));
    // Official kecamatan quotas against the sum of all their desa/kelurahan quotas (not only
    // the lines shown: a report of one kelurahan still names its kecamatan's difference
    // correctly), for the kecamatan the report covers.
    let shown: std::collections::BTreeSet<String> = lines
        .iter()
        .filter_map(|l| {
            let c = RegionCode::parse(&l.code).ok()?;
            if c.level() == Level::Kecamatan {
                Some(c)
            } else {
                c.parent()
            }
        })
        .map(|p| p.as_str().to_string())
        .collect();
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for (code, k) in &quotas {
        if let Ok(c) = RegionCode::parse(code)
            && Level::VILLAGE.contains(&c.level())
            && let Some(parent) = c.parent()
            && shown.contains(parent.as_str())
        {
            *sums.entry(parent.as_str().to_string()).or_default() += k;
        }
    }
    let kec_codes: Vec<&str> = sums.keys().map(String::as_str).collect();
    let kec_names = regions::names(db, &kec_codes).await?;
    let mismatches = sums
        .iter()
        .filter_map(|(kec, sum)| {
            let official = *quotas.get(kec)?;
            (official != *sum).then(|| Mismatch {
                name: kec_names.get(kec).cloned().unwrap_or_else(|| kec.clone()),
                official,
                sum: *sum,
            })
        })
        .collect();
    let series = reports::monthly(db, program, period, area).await?;
    Ok(Realisasi {
        program: program.to_string(),
        period,
        lines,
        mismatches,
        series,
    })
}

/// `73,5%` in Indonesian, `73.5%` in English; `-` without a quota.
pub fn percent(lang: Lang, part: i64, whole: Option<i64>) -> String {
    match whole {
        Some(w) if w > 0 => {
            let p = format!("{:.1}", part as f64 * 100.0 / w as f64);
            match lang {
                Lang::Id => format!("{}%", p.replace('.', ",")),
                Lang::En => format!("{p}%"),
            }
        }
        _ => "-".into(),
    }
}

/// `April 2018`.
pub fn month_label(lang: Lang, (y, m): Month) -> String {
    format!("{} {y}", t(lang, &format!("month-{m}")))
}

/// `April–Agustus 2018`, `November 2018–Februari 2019`, `April 2018`.
pub fn period_label(lang: Lang, (from, to): (Month, Month)) -> String {
    let name = |m: u32| t(lang, &format!("month-{m}"));
    if from == to {
        month_label(lang, from)
    } else if from.0 == to.0 {
        format!("{}–{} {}", name(from.1), name(to.1), to.0)
    } else {
        format!("{}–{}", month_label(lang, from), month_label(lang, to))
    }
}

/// The report as a text table for the terminal (and the chat): one line per desa/kelurahan,
/// the total, the notes, and the monthly series.
/// The notes where a kecamatan's official quota differs from the sum of its desa/kelurahan,
/// each on a line of its own (the table and `/rekap` alike).
pub fn push_mismatches(lang: Lang, r: &Realisasi, out: &mut String) {
    for m in &r.mismatches {
        out.push('\n');
        out.push_str(&targs(
            lang,
            "report-official-differs",
            &[
                ("kecamatan", m.name.clone().into()),
                ("official", number(lang, m.official).into()),
                ("sum", number(lang, m.sum).into()),
            ],
        ));
    }
}

pub fn table(lang: Lang, r: &Realisasi, area_name: &str) -> String {
    let mut rows: Vec<[String; 5]> = vec![[
        t(lang, "report-col-kelurahan"),
        t(lang, "report-col-kuota"),
        t(lang, "report-col-realisasi"),
        t(lang, "report-col-percent"),
        t(lang, "report-col-gap"),
    ]];
    let fmt_row = |name: &str, kuota: Option<i64>, done: i64| {
        [
            name.to_string(),
            kuota.map(|k| number(lang, k)).unwrap_or_else(|| "-".into()),
            number(lang, done),
            percent(lang, done, kuota),
            kuota
                .map(|k| number(lang, k - done))
                .unwrap_or_else(|| "-".into()),
        ]
    };
    for l in &r.lines {
        rows.push(fmt_row(&l.name, l.kuota, l.realisasi));
    }
    let total_kuota = r
        .lines
        .iter()
        .any(|l| l.kuota.is_some())
        .then(|| r.total_kuota());
    rows.push(fmt_row(
        &t(lang, "report-total"),
        total_kuota,
        r.total_realisasi(),
    ));
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .map(|row| row[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = targs(
        lang,
        "report-title",
        &[
            ("program", r.program.clone().into()),
            ("area", area_name.to_string().into()),
            ("period", period_label(lang, r.period).into()),
        ],
    );
    out.push('\n');
    for (n, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if i == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        if n == rows.len() - 1 {
            out.push_str(&"-".repeat(line.chars().count()));
            out.push('\n');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    push_mismatches(lang, r, &mut out);
    if r.series.len() > 1 {
        out.push_str("\n\n");
        out.push_str(&t(lang, "report-series-title"));
        for (month, n) in &r.series {
            out.push_str(&format!(
                "\n{}: {}",
                month_label(lang, *month),
                number(lang, *n)
            ));
        }
    }
    out
}

/// The report as CSV: the desa/kelurahan and the total (plain numbers, for spreadsheets).
pub fn csv(r: &Realisasi, out: impl std::io::Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "kelurahan_code",
        "kelurahan",
        "kuota",
        "realisasi",
        "persen",
        "selisih",
    ])?;
    let pct = |done: i64, k: Option<i64>| match k {
        Some(k) if k > 0 => format!("{:.1}", done as f64 * 100.0 / k as f64),
        _ => String::new(),
    };
    for l in &r.lines {
        w.write_record([
            l.code.clone(),
            l.name.clone(),
            l.kuota.map(|k| k.to_string()).unwrap_or_default(),
            l.realisasi.to_string(),
            pct(l.realisasi, l.kuota),
            l.kuota
                .map(|k| (k - l.realisasi).to_string())
                .unwrap_or_default(),
        ])?;
    }
    // Without any quota loaded the total's quota cells stay empty, as in the table.
    let k = r
        .lines
        .iter()
        .any(|l| l.kuota.is_some())
        .then(|| r.total_kuota());
    let d = r.total_realisasi();
    w.write_record([
        String::new(),
        "TOTAL".into(),
        k.map(|k| k.to_string()).unwrap_or_default(),
        d.to_string(),
        pct(d, k),
        k.map(|k| (k - d).to_string()).unwrap_or_default(),
    ])?;
    w.flush()?;
    Ok(())
}
