//! A household as the file gives it: its rows gathered under one No. KK, with its members, and
//! the fingerprint that tells whether it changed since the last import.

use super::rules::{Parsed, ProgramEntry, text_cell};
use crate::store::keyed::Keyed;
use sha2::{Digest, Sha256};

pub(super) struct Member {
    pub(super) nik_hash: [u8; 32],
    pub(super) masked: String,
    pub(super) name: Box<str>,
}

impl Member {
    pub(super) fn of(p: &Parsed<'_>, keyed: &Keyed) -> Member {
        Member {
            nik_hash: keyed.nik_raw(&p.nik),
            masked: p.nik.masked(),
            name: p.name.into(),
        }
    }
}

pub(super) struct Household {
    pub(super) kk_key: [u8; 32],
    pub(super) kk_masked: String,
    /// The line of its first row (for a conflicting later row's reason).
    pub(super) line: u64,
    pub(super) kelurahan: u32,
    pub(super) address: Option<Box<str>>,
    pub(super) rt: Option<Box<str>>,
    pub(super) rw: Option<Box<str>>,
    pub(super) desil: Option<i64>,
    pub(super) programs: Vec<ProgramEntry>,
    members: Vec<Member>,
    pub(super) rows: u64,
    pub(super) fingerprint: u64,
}

impl Household {
    pub(super) fn new(p: &Parsed<'_>, keyed: &Keyed, line: u32) -> Household {
        Household {
            kk_key: keyed.kk_raw(&p.kk),
            kk_masked: p.kk.masked(),
            line: u64::from(line),
            kelurahan: p.kelurahan,
            address: None,
            rt: None,
            rw: None,
            desil: None,
            programs: vec![],
            members: vec![],
            rows: 0,
            fingerprint: 0,
        }
    }

    /// Adds a row of this household: the first value given wins for the address fields.
    pub(super) fn add(&mut self, p: &Parsed<'_>, keyed: &Keyed) {
        self.address = self.address.take().or_else(|| text_cell(p.address));
        self.rt = self.rt.take().or_else(|| text_cell(p.rt));
        self.rw = self.rw.take().or_else(|| text_cell(p.rw));
        self.desil = self.desil.or(p.desil);
        for &prog in &p.programs {
            match self.programs.iter_mut().find(|x| x.0 == prog.0) {
                // A program listed on several rows is active when any row says so.
                Some(x) => {
                    x.1 |= prog.1;
                    x.2 = x.2.or(prog.2);
                }
                None => self.programs.push(prog),
            }
        }
        self.members.push(Member::of(p, keyed));
        self.rows += 1;
    }

    /// Active while any of its programs is.
    pub(super) fn active(&self) -> bool {
        self.programs.iter().any(|p| p.1)
    }

    /// A digest of everything stored of the household, to skip it when nothing changed.
    pub(super) fn compute_fingerprint(&self, villages: &[String], programs: &[String]) -> u64 {
        let mut h = Sha256::new();
        let mut field = |b: &[u8]| {
            h.update((b.len() as u32).to_le_bytes());
            h.update(b);
        };
        field(self.kk_masked.as_bytes());
        field(villages[self.kelurahan as usize].as_bytes());
        for o in [&self.address, &self.rt, &self.rw] {
            field(o.as_deref().unwrap_or("\u{0}").as_bytes());
        }
        field(&self.desil.unwrap_or(-1).to_le_bytes());
        let mut progs = self.programs.clone();
        progs.sort();
        for (p, a, k) in progs {
            field(programs[p as usize].as_bytes());
            field(&[a as u8, k.map_or(255, |k| k)]);
        }
        let mut members: Vec<&Member> = self.members.iter().collect();
        members.sort_by_key(|m| m.nik_hash);
        for m in members {
            field(&m.nik_hash);
            field(m.name.as_bytes());
        }
        let d = h.finalize();
        u64::from_le_bytes(d[..8].try_into().expect("8 bytes"))
    }
}
