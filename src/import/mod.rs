//! CSV imports under the rules of docs/product-rules.md: UTF-8 with or without a BOM, comma or semicolon
//! (detected), columns found by header name in any order and case, a bad row reported with its
//! line number and reason while the good rows still load, and re-importing changes nothing.

pub mod kpm;
pub mod kuota;
pub mod libur;
pub mod penyaluran;
pub mod table;
pub mod wilayah;

use crate::i18n::{Lang, targs};
use std::fmt::Write;

/// The program codes the database knows (for `kpm::program_index`); none when they cannot be
/// read (every row is then refused as naming an unknown program, and the error logged).
pub(crate) async fn program_codes(db: &crate::store::Db) -> Vec<String> {
    match sqlx::query_as::<_, (String,)>("SELECT code FROM programs ORDER BY code")
        .fetch_all(&db.pool)
        .await
    {
        Ok(rows) => rows.into_iter().map(|r| r.0).collect(),
        Err(e) => {
            tracing::error!(error = %e, "cannot read the programs");
            vec![]
        }
    }
}

/// A cell's value as a rejection may quote it: at most 40 characters, and any run of eight or
/// more digits masked as a NIK is (`3215**********01`), since a shifted column can put a NIK
/// or No. KK where a program or period was expected.
pub(crate) fn shown(value: &str) -> String {
    let cut: String = value.chars().take(40).collect();
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 8 {
            out.push_str(&run[..4]);
            out.push_str(&"*".repeat(run.len() - 6));
            out.push_str(&run[run.len() - 2..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in cut.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod shown_tests {
    #[test]
    fn long_digit_runs_are_masked_when_quoted() {
        assert_eq!(super::shown("3215011234567890"), "3215**********90");
        assert_eq!(super::shown("SEMBAKO"), "SEMBAKO");
        assert_eq!(super::shown("2019-13"), "2019-13");
    }
}

/// Why one row was refused: its line in the file and a reason (a locale message id + args).
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub line: u64,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ImportReport {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: Vec<Rejected>,
}

impl ImportReport {
    pub fn reject(&mut self, line: u64, reason: String) {
        self.rejected.push(Rejected { line, reason });
    }

    /// The report as the operator reads it.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for r in &self.rejected {
            let _ = writeln!(
                out,
                "{}",
                targs(
                    lang,
                    "import-row-rejected",
                    &[
                        ("line", r.line.to_string().into()),
                        ("reason", r.reason.clone().into())
                    ]
                )
            );
        }
        let _ = write!(
            out,
            "{}",
            targs(
                lang,
                "import-summary",
                &[
                    ("added", (self.added as i64).into()),
                    ("updated", (self.updated as i64).into()),
                    ("unchanged", (self.unchanged as i64).into()),
                    ("rejected", (self.rejected.len() as i64).into()),
                ]
            )
        );
        out
    }
}
