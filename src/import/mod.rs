//! CSV imports, under these rules:
//! - Files as operators bring them from Excel: UTF-8 (a BOM is fine) or Windows-1252 (read, and
//!   said so), comma, semicolon or tab (detected); columns found by header name in any order,
//!   under the names people write for them ("No. KK", "Desa/Kelurahan"); see `table`,
//!   `columns`.
//! - A bad row is reported with its line number and every reason it has, while the good rows
//!   still load; a long list is grouped by reason (`report`).
//! - An optional column never refuses a row: a value it does not know loads the row as if the
//!   cell were empty, with a note naming the line (`values`).
//! - Re-importing the same file changes nothing; a changed file updates in place.
//! - What the import guessed or left out is said in its report: nothing is skipped silently.

pub mod columns;
mod cp1252;
pub mod help;
pub mod kpm;
pub mod kuota;
pub mod libur;
pub mod penyaluran;
pub mod report;
pub mod table;
pub mod values;
pub mod wilayah;

pub use report::{ImportReport, Problems, Reason};

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
    // Masked first, then cut: a cut must not leave part of a long number unmasked.
    for c in value.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out.chars().take(40).collect()
}

#[cfg(test)]
mod shown_tests {
    #[test]
    fn long_digit_runs_are_masked_when_quoted() {
        assert_eq!(super::shown("3215011234567890"), "3215**********90");
        assert_eq!(super::shown("SEMBAKO"), "SEMBAKO");
        assert_eq!(super::shown("2019-13"), "2019-13");
        // Cut after masking: no part of a long number is shown beyond its first four digits.
        let long = format!("{}3215011234567890", "x".repeat(36));
        assert_eq!(super::shown(&long), format!("{}3215", "x".repeat(36)));
    }
}
