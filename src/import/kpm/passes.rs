//! The reading passes over a KPM file: every row checked, repeated NIKs and kelurahan conflicts
//! settled, then households and their members read again in key order and handed to the
//! writer (see [`read`]).

use super::Work;
use super::household::{Household, Member};
use super::rules::{Parsed, Rules, refusal_after};
use crate::i18n::t;
use crate::import::table::{RowPos, Table};
use crate::import::{ImportReport, Reason};
use std::collections::VecDeque;
use std::sync::mpsc::Receiver;
use tokio::sync::mpsc::Sender;

/// Households (or members) handed to the writer at a time.
const BATCH: usize = 4_000;

/// What the first pass keeps of a good row: 40 bytes, so a million rows take 40 MB.
#[derive(Clone, Copy)]
struct Seen {
    /// The first bytes of the keyed hash of the No. KK (grouping; 2^-128 odds of a clash).
    kk: [u8; 16],
    /// The first bytes of the keyed hash of the NIK, big-endian (sorts as the stored hex
    /// does); equal prefixes are compared in full.
    nik: u64,
    byte: u64,
    line: u32,
    /// After pass 2, the id of the household whose members are to be written (0: none);
    /// [`DROPPED`] for a row left out.
    group: u32,
}

/// The `group` of a row left out.
pub(super) const DROPPED: u32 = u32::MAX;

impl Seen {
    fn of(rules: &Rules, p: &Parsed<'_>, pos: RowPos) -> Seen {
        let nik = rules.keyed.nik_raw(&p.nik);
        let kk = rules.keyed.kk_raw(&p.kk);
        Seen {
            kk: kk[..16].try_into().expect("16 bytes"),
            nik: u64::from_be_bytes(nik[..8].try_into().expect("8 bytes")),
            byte: pos.byte,
            line: u32::try_from(pos.line).unwrap_or(u32::MAX - 1),
            group: p.kelurahan,
        }
    }

    fn same_row(&self, other: &Seen) -> bool {
        (self.kk, self.nik, self.byte, self.line) == (other.kk, other.nik, other.byte, other.line)
    }

    fn pos(&self) -> RowPos {
        RowPos {
            byte: self.byte,
            line: u64::from(self.line),
        }
    }
}

/// The passes over the file. Returns the refused rows, the rows loaded with a note (found in
/// pass 2, which reads each row that is loaded exactly once) and the notes on the file.
///
/// 1. [`first_pass`] checks each row in file order and keeps a [`Seen`] of the good ones.
/// 2. Households in the order of their keyed hash: written in that order, the database's index
///    on it grows at its end instead of being rewritten page by page all over.
/// 3. Members in the order of their keyed hash, for the same reason, of the households the
///    writer added or changed.
pub(super) fn read(
    mut table: Table,
    rules: &Rules,
    work: Sender<Work>,
    ids: Receiver<Vec<u32>>,
) -> std::io::Result<ImportReport> {
    let started = std::time::Instant::now();
    let phase = |name: &str| tracing::debug!(phase = name, ms = started.elapsed().as_millis());
    let mut report = ImportReport::default();
    let mut seen = first_pass(&mut table, rules, &mut report);
    if let Some(e) = table.failure() {
        return Err(e);
    }
    report.notes = table.notes();
    phase("checked");
    // Rows in file order decide: a family card's first row sets its kelurahan, a NIK's first
    // row stands.
    drop_kelurahan_conflicts(&mut seen, &mut report);
    drop_repeated_niks(&mut seen, &mut table, rules, &mut report)?;
    group_households(&mut seen);
    phase("grouped");
    if !households_pass(&mut seen, &mut table, rules, &work, &ids, &mut report)? {
        return Ok(report);
    }
    phase("households");
    if !members_pass(&mut seen, &mut table, rules, &work)? {
        return Ok(report);
    }
    phase("members");
    Ok(report)
}

/// Pass 2: the households, in the order of their key, handed to the writer in batches. False
/// when the writer stopped (the channels are closed).
fn households_pass(
    seen: &mut [Seen],
    table: &mut Table,
    rules: &Rules,
    work: &Sender<Work>,
    ids: &Receiver<Vec<u32>>,
    report: &mut ImportReport,
) -> std::io::Result<bool> {
    // `ranges[b]`: the rows (in `seen`) of each household of batch `b` not yet answered; each
    // answer puts the household's id (0: nothing to write) in `group`.
    let mut ranges: VecDeque<Vec<(usize, usize)>> = Default::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut batch_ranges = Vec::with_capacity(BATCH);
    let mut i = 0;
    while i < seen.len() {
        let start = i;
        let kk = seen[i].kk;
        let mut household: Option<Household> = None;
        while i < seen.len() && seen[i].kk == kk {
            seen[i].group = 0;
            let s = seen[i];
            i += 1;
            let (p, notes) = read_again(table, rules, s)?;
            let h = household.get_or_insert_with(|| Household::new(&p, &rules.keyed, s.line));
            if h.kelurahan != p.kelurahan {
                // Settled before (`drop_kelurahan_conflicts`) but for a NIK whose hash prefix
                // another NIK shares: checked again here, on the full row.
                let mut reasons = vec![refusal_after("import-reason-kk-conflict", h.line)];
                reasons.extend(notes);
                report.reject_all(u64::from(s.line), reasons);
                // Not a member: pass 3 leaves it out.
                seen[i - 1].group = DROPPED;
                continue;
            }
            if !notes.is_empty() {
                report.warn(u64::from(s.line), notes);
            }
            h.add(&p, &rules.keyed);
        }
        if let Some(mut h) = household {
            h.fingerprint = h.compute_fingerprint(&rules.villages.codes, &rules.programs);
            batch.push(h);
            batch_ranges.push((start, i));
        }
        if batch.len() == BATCH || (i == seen.len() && !batch.is_empty()) {
            if work
                .blocking_send(Work::Households(std::mem::take(&mut batch)))
                .is_err()
            {
                return Ok(false);
            }
            ranges.push_back(std::mem::take(&mut batch_ranges));
            while let Ok(got) = ids.try_recv() {
                let r = ranges.pop_front().expect("an answer per batch");
                answer(seen, got, &r);
            }
        }
    }
    while let Some(r) = ranges.pop_front() {
        let Ok(got) = ids.recv() else {
            return Ok(false);
        };
        answer(seen, got, &r);
    }
    Ok(true)
}

/// The writer's answer to a batch of households (`got`: an id for each, 0 when nothing is to
/// be written) put in the `group` of their rows (`ranges`: the rows of each, in `seen`).
fn answer(seen: &mut [Seen], got: Vec<u32>, ranges: &[(usize, usize)]) {
    for (&(a, b), id) in ranges.iter().zip(got) {
        // A row refused for its kelurahan stays out.
        for s in seen[a..b].iter_mut().filter(|s| s.group != DROPPED) {
            s.group = id;
        }
    }
}

/// Pass 3: the members of the households written, in the order of their key, handed to the
/// writer in batches. False when the writer stopped (the channel is closed).
fn members_pass(
    seen: &mut [Seen],
    table: &mut Table,
    rules: &Rules,
    work: &Sender<Work>,
) -> std::io::Result<bool> {
    seen.sort_unstable_by_key(|s| (s.nik, s.line));
    let mut batch = Vec::with_capacity(BATCH);
    for s in seen.iter() {
        if s.group == 0 || s.group == DROPPED {
            continue;
        }
        let (p, _) = read_again(table, rules, *s)?;
        batch.push((s.group, Member::of(&p, &rules.keyed)));
        if batch.len() == BATCH
            && work
                .blocking_send(Work::Members(std::mem::take(&mut batch)))
                .is_err()
        {
            return Ok(false);
        }
    }
    if !batch.is_empty() {
        let _ = work.blocking_send(Work::Members(batch));
    }
    Ok(true)
}

/// A row of the first pass, read and checked again, with what it leaves out. An error when it
/// no longer reads as it did (the file changed during the import, or could not be read): the
/// import then stops and changes nothing, since what pass 2 wrote counts on what pass 3 reads.
fn read_again<'t>(
    table: &'t mut Table,
    rules: &Rules,
    s: Seen,
) -> std::io::Result<(Parsed<'t>, Vec<Reason>)> {
    let changed = || std::io::Error::other(t(rules.lang, "import-file-changed"));
    let Some(Ok(row)) = table.row_at(s.pos()) else {
        return Err(changed());
    };
    match rules.check(&row) {
        Ok((p, notes)) if Seen::of(rules, &p, row.pos()).same_row(&s) => Ok((p, notes)),
        _ => Err(changed()),
    }
}

/// Checks every row; keeps 40 bytes of each good one (`group` holds its kelurahan for now).
fn first_pass(table: &mut Table, rules: &Rules, report: &mut ImportReport) -> Vec<Seen> {
    let mut seen = Vec::new();
    while let Some(row) = table.next_row() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                report.reject(e.line, e.reason());
                continue;
            }
        };
        match rules.check(&row) {
            Err(reasons) => report.reject_all(row.line, reasons),
            // What it leaves out is said in pass 2, if it is loaded.
            Ok((p, _)) => seen.push(Seen::of(rules, &p, row.pos())),
        }
    }
    seen
}

/// The same NIK twice: a repeated row is harmless and left out, a contradicting one is refused
/// (the first row stands). Rows sharing a hash prefix are read again and compared in full.
fn drop_repeated_niks(
    seen: &mut Vec<Seen>,
    table: &mut Table,
    rules: &Rules,
    report: &mut ImportReport,
) -> std::io::Result<()> {
    seen.sort_unstable_by_key(|s| (s.nik, s.line));
    for run in seen.chunk_by_mut(|a, b| a.nik == b.nik) {
        if run.len() == 1 {
            continue;
        }
        // (full NIK hash, digest, line) of each row kept in this run.
        let mut kept: Vec<([u8; 32], u64, u32)> = vec![];
        for s in run {
            let (p, notes) = read_again(table, rules, *s)?;
            let (hash, digest) = (rules.keyed.nik_raw(&p.nik), p.digest);
            match kept.iter().find(|k| k.0 == hash) {
                None => kept.push((hash, digest, s.line)),
                Some(k) if k.1 == digest => s.group = DROPPED,
                Some(k) => {
                    let mut reasons = vec![refusal_after("import-reason-duplicate-nik", k.2)];
                    reasons.extend(notes);
                    report.reject_all(u64::from(s.line), reasons);
                    s.group = DROPPED;
                }
            }
        }
    }
    seen.retain(|s| s.group != DROPPED);
    Ok(())
}

/// A family card's rows in another kelurahan than its first row's are refused. Only the first
/// row of each NIK takes part (a later one is settled as a repeated NIK; pass 2 checks again).
/// Reads `group` as the kelurahan (pass 1) and leaves it 0.
fn drop_kelurahan_conflicts(seen: &mut Vec<Seen>, report: &mut ImportReport) {
    const LATER: u32 = 1 << 31;
    seen.sort_unstable_by_key(|s| (s.nik, s.line));
    for i in 1..seen.len() {
        if seen[i].nik == seen[i - 1].nik {
            seen[i].group |= LATER;
        }
    }
    group_households(seen);
    for card in seen.chunk_by_mut(|a, b| a.kk == b.kk) {
        // (kelurahan, line) of the card's first row.
        let mut first: Option<(u32, u32)> = None;
        for s in card {
            let kelurahan = s.group;
            s.group = 0;
            if kelurahan & LATER != 0 {
                continue;
            }
            match first {
                None => first = Some((kelurahan, s.line)),
                Some((k, _)) if k == kelurahan => {}
                Some((_, line)) => {
                    let refusal = refusal_after("import-reason-kk-conflict", line);
                    report.reject(u64::from(s.line), refusal);
                    s.group = DROPPED;
                }
            }
        }
    }
    seen.retain(|s| s.group != DROPPED);
}

/// Orders the rows household by household (by the key of the No. KK), rows of a household in
/// file order.
fn group_households(seen: &mut [Seen]) {
    seen.sort_unstable_by_key(|s| (s.kk, s.line));
}
