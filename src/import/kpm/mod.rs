//! `kesos-bot import kpm FILE`: KPM (beneficiary families) from the DTKS extract.
//!
//! Columns: `nik`, `nama`, `no_kk`, `kelurahan` (name or Kemendagri code), `program` (several
//! joined with `|`, `,`, `/` or `;`); optional `alamat`, `rt`, `rw` (or `rt_rw`), `status_kks`,
//! `aktif`, `desil`; each also under the names operators write (`import::columns`). One row
//! per person; households are grouped by `no_kk`. NIK and No. KK are kept only as keyed hashes
//! and masked forms. What refuses a row and what only leaves a value out: `rules`.
//!
//! Memory stays small whatever the file's size: the file is streamed, never held, and read in
//! three passes (see `passes::read`).
//! 1. Every row is checked; of a good row only 40 bytes are kept (`Seen`: prefixes of its keyed
//!    hashes and where it starts). Sorting those finds a NIK given twice and groups the rows of
//!    each household.
//! 2. Households are read again in the order of their keyed hash and handed in batches to a
//!    writer that runs beside the reader: it skips those whose data did not change (a
//!    fingerprint) and writes the others.
//! 3. Members of the households written are read again in the order of their keyed hash.
//!
//! Writing in key order lets the indexes on the hashes grow at their end. Everything is one
//! transaction: an import lands whole or not at all.
//!
//! Counts are of rows: a row is `added`, `updated` or `unchanged` as its household is.
//!
//! Where things are: `rules` checks a row (and explains why one is refused), `household`
//! gathers a household's rows, `passes` reads the file, `writer` writes households and members
//! to the database, `synthetic` makes files for benches and trials.

mod household;
mod passes;
mod rules;
mod synthetic;
mod writer;

pub(crate) use crate::import::values::program_index;
pub use rules::KKS_STATUSES;
pub use synthetic::{
    synthetic_name, synthetic_nik, write_synthetic, write_synthetic_distributions,
};

use super::ImportReport;
use super::columns::{self as c, Column};
use super::table::Table;
use crate::i18n::{Lang, t};
use crate::store::Db;
use crate::store::keyed::Keyed;
use household::{Household, Member};
use rules::{Rules, Villages};
use writer::Writer;

pub const REQUIRED: [&Column; 5] = [
    &c::NIK,
    &c::PERSON_NAME,
    &c::NO_KK,
    &c::KELURAHAN,
    &c::PROGRAM,
];
/// Read when present.
pub const OPTIONAL: [&Column; 7] = [
    &c::ADDRESS,
    &c::RT,
    &c::RW,
    &c::RT_RW,
    &c::KKS_STATUS,
    &c::ACTIVE,
    &c::DESIL,
];

/// Imports the file. Fails only when it cannot be read at all (missing, not text, a required
/// column absent or a column named twice, a header too long) or the database cannot
/// be written; bad rows are reported. The whole import is one transaction: it lands entirely or
/// not at all, and a crash midway leaves the data as it was.
pub async fn import(
    db: &Db,
    path: &std::path::Path,
    secret: &[u8],
    lang: Lang,
) -> anyhow::Result<ImportReport> {
    let table = Table::open(path, &REQUIRED, &OPTIONAL, lang)?;
    let villages = Villages::load(db).await?;
    let programs: Vec<String> = sqlx::query_as::<_, (String,)>("SELECT code FROM programs")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(c,)| c)
        .collect();
    let rules = Rules {
        keyed: Keyed::new(secret),
        villages,
        programs,
        lang,
    };
    let mut writer = Writer::new(db, &rules).await?;

    // The reader runs on its own thread and hands work over as it goes; the writer answers
    // each batch of households with the ids it gave them.
    let (work_tx, mut work_rx) = tokio::sync::mpsc::channel::<Work>(1);
    let (ids_tx, ids_rx) = std::sync::mpsc::channel::<Vec<u32>>();
    let reader = tokio::task::spawn_blocking(move || passes::read(table, &rules, work_tx, ids_rx));
    let mut written = ImportReport::default();
    let mut failure = None;
    while let Some(work) = work_rx.recv().await {
        let done = match work {
            Work::Households(batch) => match writer.households(batch, &mut written).await {
                Ok(ids) => ids_tx.send(ids).map_err(anyhow::Error::from),
                Err(e) => Err(e),
            },
            Work::Members(batch) => writer.members(batch).await.map_err(Into::into),
        };
        if let Err(e) = done {
            // The database refused: stop reading (the reader sees the channels closed).
            failure = Some(e);
            break;
        }
    }
    drop((work_rx, ids_tx));
    // The reader's error first: the writer's is often only the channel it closed.
    let read = reader.await?.map_err(anyhow::Error::new);
    let mut report = match read.and_then(|report| failure.map_or(Ok(report), Err)) {
        Ok(report) => report,
        Err(e) => return Err(e.context(t(lang, "import-failed-nothing-changed"))),
    };
    writer.finish().await?;
    tracing::debug!(phase = "committed");
    report.added = written.added;
    report.updated = written.updated;
    report.unchanged = written.unchanged;
    Ok(report)
}

/// What the reader hands to the writer.
enum Work {
    /// Households in the order of their key, to be added or updated (members aside).
    Households(Vec<Household>),
    /// Members in the order of their key, with the id of their household.
    Members(Vec<(u32, Member)>),
}
