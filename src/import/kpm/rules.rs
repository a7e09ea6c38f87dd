//! Where a KPM row is checked: the rules a row must meet, what a good row says ([`Parsed`]),
//! why a bad one is refused, and what a good one left out (both as [`Reason`]s: every problem
//! of a row, not only the first).
//!
//! The required columns refuse a row: a NIK or No. KK that is missing, impossible or turned
//! into `3.21501E+15` by Excel (its own explanation: the digits are lost, the column must be
//! formatted as Text), a missing or too long name, an unknown desa/kelurahan, a missing or
//! unknown program. The optional ones never do: an `aktif`, `status_kks`, `desil` or `rt_rw`
//! value not understood (see `import::values`) loads the row as if the cell were empty, with a
//! note naming the line. An empty `aktif` means active: the extract lists recipients.

use crate::domain::nik::{KkNumber, Nik};
use crate::i18n::{Lang, nik_why};
use crate::import::report::Reason;
use crate::import::table::Row;
use crate::import::{shown, values};
use crate::store::Db;
use crate::store::keyed::Keyed;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

const MAX_NAME: usize = 100;
const MAX_TEXT: usize = 200;

/// KKS card statuses as stored (by the index [`values::kks_status`] gives).
pub const KKS_STATUSES: [&str; 4] = [
    values::KKS_WORDS[0].0,
    values::KKS_WORDS[1].0,
    values::KKS_WORDS[2].0,
    values::KKS_WORDS[3].0,
];

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

/// A row refused because of an earlier row (`first`), named by its line.
pub(super) fn refusal_after(key: &'static str, first: impl ToString) -> Reason {
    Reason::new(key).arg("first", first.to_string())
}

/// A reason quoting the cell's value (masked where it holds a long number).
fn quoting(key: &'static str, value: &str) -> Reason {
    Reason::new(key).arg("value", shown(value))
}

/// What a row is checked against: the places and programs the database knows, and the key.
pub(super) struct Rules {
    pub(super) keyed: Keyed,
    pub(super) villages: Villages,
    pub(super) programs: Vec<String>,
    pub(super) lang: Lang,
}

impl Rules {
    /// The row's data and what it left out (values of optional columns not understood), or
    /// every reason to refuse it (and what it would have left out).
    pub(super) fn check<'a>(
        &self,
        row: &Row<'a>,
    ) -> Result<(Parsed<'a>, Vec<Reason>), Vec<Reason>> {
        let mut problems = vec![];
        let mut notes = vec![];
        let nik = match row.get("nik") {
            None => {
                problems.push(Reason::new("import-reason-nik-missing"));
                None
            }
            Some(v) if values::scientific(v) => {
                problems.push(quoting("import-reason-nik-scientific", v));
                None
            }
            Some(v) => match Nik::parse(v) {
                Ok(n) => Some(n),
                Err(e) => {
                    let why = nik_why(self.lang, e);
                    problems.push(Reason::new("import-reason-nik-invalid").arg("why", why));
                    None
                }
            },
        };
        let name = match row.get("nama") {
            None => {
                problems.push(Reason::new("import-reason-name-missing"));
                None
            }
            Some(n) if n.chars().count() > MAX_NAME => {
                problems.push(Reason::new("import-reason-name-too-long"));
                None
            }
            Some(n) => Some(n),
        };
        let kk = match row.get("no_kk") {
            Some(v) if values::scientific(v) => {
                problems.push(quoting("import-reason-kk-scientific", v));
                None
            }
            v => {
                let kk = v.and_then(KkNumber::parse);
                if kk.is_none() {
                    problems.push(Reason::new("import-reason-kk-invalid"));
                }
                kk
            }
        };
        let kelurahan = match row.get("kelurahan") {
            None => {
                problems.push(Reason::new("import-reason-kelurahan-missing"));
                None
            }
            Some(v) => {
                let found = self.villages.find(v);
                if found.is_none() {
                    problems.push(quoting("import-reason-unknown-kelurahan", v));
                }
                found
            }
        };
        let active = match row.get("aktif") {
            None => true,
            Some(v) => values::active(v).unwrap_or_else(|| {
                notes.push(quoting("import-reason-bad-active", v));
                true
            }),
        };
        let kks = row.get("status_kks").and_then(|v| {
            let k = values::kks_status(v);
            if k.is_none() {
                notes.push(quoting("import-reason-bad-kks", v));
            }
            k
        });
        let desil = row.get("desil").and_then(|v| {
            let d = values::desil(v);
            if d.is_none() {
                notes.push(quoting("import-reason-bad-desil", v));
            }
            d
        });
        let programs = match row.get("program") {
            None => {
                problems.push(Reason::new("import-reason-program-missing"));
                vec![]
            }
            Some(v) => self.program_entries(v, active, kks, &mut problems),
        };
        let (mut rt, mut rw) = (row.get("rt"), row.get("rw"));
        if let Some(v) = row.get("rt_rw")
            && (rt.is_none() || rw.is_none())
        {
            match split_rt_rw(v) {
                Some((t, w)) => {
                    rt = rt.or(Some(t));
                    rw = rw.or(Some(w));
                }
                None => notes.push(quoting("import-reason-bad-rt-rw", v)),
            }
        }
        let (Some(nik), Some(name), Some(kk), Some(kelurahan), true) =
            (nik, name, kk, kelurahan, problems.is_empty())
        else {
            problems.extend(notes);
            return Err(problems);
        };
        let address = row.get("alamat");
        let mut programs = programs;
        programs.sort_unstable();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (kk.digits(), name, kelurahan, &programs, active, kks, desil).hash(&mut hasher);
        (address, rt, rw).hash(&mut hasher);
        let parsed = Parsed {
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
        };
        Ok((parsed, notes))
    }

    /// The programs of a row's `program` cell (several joined with `|`, `,`, `/` or `;`), each
    /// once, all with the row's `aktif` and `status_kks`; each one unknown is a problem.
    fn program_entries(
        &self,
        value: &str,
        active: bool,
        kks: Option<u8>,
        problems: &mut Vec<Reason>,
    ) -> Vec<ProgramEntry> {
        let mut programs: Vec<ProgramEntry> = vec![];
        let mut unknown = false;
        for p in value
            .split(values::PROGRAM_SEPARATORS)
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match values::program_index(&self.programs, p) {
                Some(i) if programs.iter().any(|x| x.0 == i) => {}
                Some(i) => programs.push((i, active, kks)),
                None => {
                    unknown = true;
                    problems.push(quoting("import-reason-unknown-program", p));
                }
            }
        }
        if programs.is_empty() && !unknown {
            problems.push(Reason::new("import-reason-program-missing"));
        }
        programs
    }
}

/// `003/005` (or `3 / 5`, `003-005`) as RT and RW.
fn split_rt_rw(value: &str) -> Option<(&str, &str)> {
    let (rt, rw) = value.split_once(['/', '-'])?;
    let (rt, rw) = (rt.trim(), rw.trim());
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (digits(rt) && digits(rw)).then_some((rt, rw))
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
        let bare = ["kelurahan ", "kel. ", "kel ", "desa ", "ds. ", "ds "]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .unwrap_or(&lower)
            .trim();
        self.by_key.get(bare).copied().flatten()
    }
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
    fn rt_and_rw_in_one_cell_are_split() {
        assert_eq!(split_rt_rw("003/005"), Some(("003", "005")));
        assert_eq!(split_rt_rw(" 3 / 5 "), Some(("3", "5")));
        assert_eq!(split_rt_rw("003-005"), Some(("003", "005")));
        assert_eq!(split_rt_rw("3"), None);
        assert_eq!(split_rt_rw("a/b"), None);
    }

    #[test]
    fn stored_kks_statuses_follow_the_word_table() {
        assert_eq!(
            KKS_STATUSES,
            ["aktif", "belum_terdistribusi", "bermasalah", "tidak_ada"]
        );
    }
}
