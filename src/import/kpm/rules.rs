//! Where a KPM row is checked: the rules a row must meet, what a good row says ([`Parsed`]) and
//! why a bad one is refused ([`Refusal`]).

use crate::domain::nik::{KkNumber, Nik};
use crate::i18n::{Lang, nik_why, targs};
use crate::import::ImportReport;
use crate::import::table::Row;
use crate::store::Db;
use crate::store::keyed::Keyed;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

const MAX_NAME: usize = 100;
const MAX_TEXT: usize = 200;

/// KKS card statuses as stored; the import accepts a few spellings of each.
pub const KKS_STATUSES: [&str; 4] = ["aktif", "belum_terdistribusi", "bermasalah", "tidak_ada"];

/// (program index, active, KKS status index)
pub(super) type ProgramEntry = (u8, bool, Option<u8>);

/// A row that passed every check, borrowing its cells.
pub(super) struct Parsed<'a> {
    pub(super) nik: Nik,
    pub(super) kk: KkNumber,
    pub(super) name: &'a str,
    pub(super) kelurahan: u32,
    pub(super) programs: Vec<ProgramEntry>,
    pub(super) address: Option<&'a str>,
    pub(super) rt: Option<&'a str>,
    pub(super) rw: Option<&'a str>,
    pub(super) desil: Option<i64>,
    /// Of everything the row says: tells a repeated row from a contradicting one.
    pub(super) digest: u64,
}

/// Why a row is refused: a locale message id and its arguments.
pub(super) struct Refusal {
    key: &'static str,
    args: Vec<(&'static str, String)>,
}

fn refusal(key: &'static str) -> Refusal {
    Refusal { key, args: vec![] }
}

/// A row refused because of an earlier row (`first`), named by its line.
pub(super) fn refusal_after(key: &'static str, first: impl ToString) -> Refusal {
    Refusal {
        key,
        args: vec![("first", first.to_string())],
    }
}

fn refusal_with(key: &'static str, name: &'static str, value: &str) -> Refusal {
    Refusal {
        key,
        args: vec![(name, value.chars().take(60).collect())],
    }
}

/// What a row is checked against: the places and programs the database knows, and the key.
pub(super) struct Rules {
    pub(super) keyed: Keyed,
    pub(super) villages: Villages,
    pub(super) programs: Vec<String>,
    pub(super) lang: Lang,
}

impl Rules {
    pub(super) fn refuse(&self, report: &mut ImportReport, line: u64, r: Refusal) {
        let args: Vec<_> = r.args.into_iter().map(|(k, v)| (k, v.into())).collect();
        report.reject(line, targs(self.lang, r.key, &args));
    }

    pub(super) fn check<'a>(&self, row: &Row<'a>) -> Result<Parsed<'a>, Refusal> {
        let nik = match row.get("nik").map(Nik::parse) {
            None => return Err(refusal("import-reason-nik-missing")),
            Some(Err(e)) => {
                let why = nik_why(self.lang, e);
                return Err(Refusal {
                    key: "import-reason-nik-invalid",
                    args: vec![("why", why)],
                });
            }
            Some(Ok(n)) => n,
        };
        let name = row
            .get("nama")
            .ok_or_else(|| refusal("import-reason-name-missing"))?;
        if name.chars().count() > MAX_NAME {
            return Err(refusal("import-reason-name-too-long"));
        }
        let kk = row
            .get("no_kk")
            .and_then(KkNumber::parse)
            .ok_or_else(|| refusal("import-reason-kk-invalid"))?;
        let kel_value = row
            .get("kelurahan")
            .ok_or_else(|| refusal("import-reason-kelurahan-missing"))?;
        let kelurahan = self
            .villages
            .find(kel_value)
            .ok_or_else(|| refusal_with("import-reason-unknown-kelurahan", "value", kel_value))?;
        let prog_value = row
            .get("program")
            .ok_or_else(|| refusal("import-reason-program-missing"))?;
        let active = parse_active(row.get("aktif")).ok_or_else(|| {
            refusal_with(
                "import-reason-bad-active",
                "value",
                row.get("aktif").unwrap_or(""),
            )
        })?;
        let kks = match row.get("status_kks") {
            None => None,
            Some(v) => Some(
                parse_kks(v).ok_or_else(|| refusal_with("import-reason-bad-kks", "value", v))?,
            ),
        };
        let desil = match row.get("desil") {
            None => None,
            Some(v) => match v.parse::<i64>() {
                Ok(d) if (1..=10).contains(&d) => Some(d),
                _ => return Err(refusal_with("import-reason-bad-desil", "value", v)),
            },
        };
        let programs = self.program_entries(prog_value, active, kks)?;
        let (address, rt, rw) = (row.get("alamat"), row.get("rt"), row.get("rw"));
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (kk.digits(), name, kelurahan, prog_value, active, kks, desil).hash(&mut hasher);
        (address, rt, rw).hash(&mut hasher);
        Ok(Parsed {
            nik,
            kk,
            name,
            kelurahan,
            programs,
            address,
            rt,
            rw,
            desil,
            digest: hasher.finish(),
        })
    }

    /// The programs of a row's `program` cell (several joined with `|`), each once, all with
    /// the row's `aktif` and `status_kks`.
    fn program_entries(
        &self,
        value: &str,
        active: bool,
        kks: Option<u8>,
    ) -> Result<Vec<ProgramEntry>, Refusal> {
        let mut programs: Vec<ProgramEntry> = vec![];
        for p in value.split('|').map(str::trim).filter(|p| !p.is_empty()) {
            match program_index(&self.programs, p) {
                Some(i) if programs.iter().any(|x| x.0 == i) => {}
                Some(i) => programs.push((i, active, kks)),
                None => return Err(refusal_with("import-reason-unknown-program", "value", p)),
            }
        }
        if programs.is_empty() {
            return Err(refusal("import-reason-program-missing"));
        }
        Ok(programs)
    }
}

/// Village names and codes → index into the list of codes. A name two villages share maps to
/// `None`: the file must use the code.
pub(super) struct Villages {
    /// Kemendagri codes, by index.
    pub(super) codes: Vec<String>,
    by_key: HashMap<String, Option<u32>>,
}

impl Villages {
    pub(super) async fn load(db: &Db) -> sqlx::Result<Villages> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT code, name FROM wilayah WHERE level IN ('kelurahan', 'desa') ORDER BY code",
        )
        .fetch_all(&db.pool)
        .await?;
        let mut v = Villages {
            codes: vec![],
            by_key: HashMap::new(),
        };
        for (i, (code, name)) in rows.into_iter().enumerate() {
            v.by_key.insert(code.clone(), Some(i as u32));
            v.by_key
                .entry(name.to_lowercase())
                .and_modify(|e| *e = None)
                .or_insert(Some(i as u32));
            v.codes.push(code);
        }
        Ok(v)
    }

    fn find(&self, value: &str) -> Option<u32> {
        let lower = value.trim().to_lowercase();
        let bare = lower
            .strip_prefix("kelurahan ")
            .or_else(|| lower.strip_prefix("kel. "))
            .or_else(|| lower.strip_prefix("desa "))
            .unwrap_or(&lower)
            .trim();
        self.by_key.get(bare).copied().flatten()
    }
}

pub(crate) fn program_index(codes: &[String], value: &str) -> Option<u8> {
    let mut v: String = value
        .trim()
        .to_uppercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    v = match v.as_str() {
        "BPNT" | "SEMBAKO" | "PROGRAMSEMBAKO" => "SEMBAKO".into(),
        "PBIJK" | "PBIJKN" | "PBI" => "PBI".into(),
        _ => v,
    };
    codes.iter().position(|c| *c == v).map(|i| i as u8)
}

fn parse_active(value: Option<&str>) -> Option<bool> {
    match value.map(|v| v.trim().to_lowercase()) {
        None => Some(true),
        Some(v) => match v.as_str() {
            "ya" | "y" | "1" | "true" | "aktif" | "yes" => Some(true),
            "tidak" | "t" | "0" | "false" | "nonaktif" | "tidak aktif" | "no" => Some(false),
            _ => None,
        },
    }
}

fn parse_kks(value: &str) -> Option<u8> {
    let v: String = value
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let code = match v.as_str() {
        "aktif" | "active" | "baik" => "aktif",
        "belum_terdistribusi" | "belum_didistribusikan" | "belum" | "belum_diterima" => {
            "belum_terdistribusi"
        }
        "bermasalah" | "rusak" | "hilang" | "terblokir" | "diblokir" => "bermasalah",
        "tidak_ada" | "belum_punya" | "tidak_punya" => "tidak_ada",
        _ => return None,
    };
    KKS_STATUSES
        .iter()
        .position(|s| *s == code)
        .map(|i| i as u8)
}

pub(super) fn text_cell(v: Option<&str>) -> Option<Box<str>> {
    v.map(|s| {
        s.chars()
            .take(MAX_TEXT)
            .collect::<String>()
            .into_boxed_str()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_card_statuses_accept_common_spellings() {
        assert_eq!(parse_active(None), Some(true));
        assert_eq!(parse_active(Some("Tidak")), Some(false));
        assert_eq!(parse_active(Some("mungkin")), None);
        assert_eq!(parse_kks("Belum Terdistribusi"), Some(1));
        assert_eq!(parse_kks("rusak"), Some(2));
        assert_eq!(parse_kks("???"), None);
        let codes = vec!["SEMBAKO".to_string(), "PKH".into(), "PBI".into()];
        assert_eq!(program_index(&codes, "bpnt"), Some(0));
        assert_eq!(program_index(&codes, "PBI-JK"), Some(2));
        assert_eq!(program_index(&codes, "BLT"), None);
    }
}
