//! Every `--area` of the command line (worker invite, cycle open, report, export, broadcast
//! audiences) goes through [`resolve`]: a code or a name as people say it, and when that is not
//! one region of the level wanted, the line that says why (the candidates with their codes).

use crate::domain::region::Level;
use crate::i18n::{Lang, t, targs};
use crate::store::Db;
use crate::store::regions::{self, Candidate, Region, Resolved};

/// The kind of area a command needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// A desa or kelurahan (a PSM's area, a residents' broadcast).
    Village,
    Kecamatan,
    Kabupaten,
    /// What a re-verification cycle is opened for: a kecamatan, desa or kelurahan.
    Cycle,
    /// Any region (report and export filters).
    Any,
}

impl Want {
    pub fn levels(self) -> &'static [Level] {
        match self {
            Want::Village => &Level::VILLAGE,
            Want::Kecamatan => &[Level::Kecamatan],
            Want::Kabupaten => &[Level::Kabupaten],
            Want::Cycle => &Level::CYCLE,
            Want::Any => &Level::ALL,
        }
    }

    /// The kind wanted, as the wrong-level message names it.
    fn described(self, lang: Lang) -> String {
        t(
            lang,
            match self {
                Want::Village => "cli-area-want-village",
                Want::Kecamatan => "cli-area-want-kecamatan",
                Want::Kabupaten => "cli-area-want-kabupaten",
                Want::Cycle => "cli-area-want-cycle",
                Want::Any => "cli-area-want-any",
            },
        )
    }
}

/// The region `typed` names at the level wanted, or the message that says why not.
pub async fn resolve(
    db: &Db,
    lang: Lang,
    typed: &str,
    want: Want,
) -> sqlx::Result<Result<Region, String>> {
    Ok(match regions::resolve(db, typed, want.levels()).await? {
        Resolved::One(region) => Ok(region),
        other => Err(explain(lang, typed, want, &other)),
    })
}

/// At most this many candidates are listed.
const SHOWN: usize = 10;

/// Why `typed` is not one region of the kind wanted: not found, several candidates (with their
/// codes and kecamatan), or only regions of another level.
pub fn explain(lang: Lang, typed: &str, want: Want, found: &Resolved) -> String {
    let area: String = typed.trim().chars().take(60).collect();
    let (head, list) = match found {
        Resolved::One(_) => return String::new(),
        Resolved::NotFound => {
            return targs(lang, "cli-area-not-found", &[("area", area.into())]);
        }
        Resolved::Ambiguous(list) => (
            targs(
                lang,
                "cli-area-ambiguous",
                &[("area", area.into()), ("count", (list.len() as i64).into())],
            ),
            list,
        ),
        Resolved::WrongLevel(list) => (
            targs(
                lang,
                "cli-area-wrong-level",
                &[
                    ("area", area.into()),
                    ("wanted", want.described(lang).into()),
                ],
            ),
            list,
        ),
    };
    let mut lines = vec![head];
    lines.extend(list.iter().take(SHOWN).map(|c| candidate(lang, c)));
    if list.len() > SHOWN {
        let more = (list.len() - SHOWN) as i64;
        lines.push(targs(lang, "cli-area-more", &[("count", more.into())]));
    }
    lines.join("\n")
}

fn candidate(lang: Lang, c: &Candidate) -> String {
    let r = &c.region;
    let mut args = vec![
        ("code", r.code.clone().into()),
        ("name", r.name.clone().into()),
        ("level", r.level.code().into()),
    ];
    match &c.kecamatan {
        Some(k) => {
            args.push(("kecamatan", k.clone().into()));
            targs(lang, "cli-area-candidate-in", &args)
        }
        None => targs(lang, "cli-area-candidate", &args),
    }
}
