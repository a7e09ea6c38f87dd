//! How a command that failed says so: a database that cannot be opened ([`OpenError`]) in the
//! operator's language, naming the server (host:port) or the SQLite file; a closed pipe not
//! at all.

use crate::i18n::{Lang, targs};
use crate::store::open_error::{OpenError, SqliteFault};

pub fn message(lang: Lang, e: &OpenError) -> String {
    match e {
        OpenError::Refused { place } => {
            targs(lang, "db-pg-refused", &[("place", place.clone().into())])
        }
        OpenError::NoAnswer { place, secs } => targs(
            lang,
            "db-pg-no-answer",
            &[
                ("place", place.clone().into()),
                ("secs", (*secs as i64).into()),
            ],
        ),
        OpenError::Unreachable { place, reason } => targs(
            lang,
            "db-pg-unreachable",
            &[
                ("place", place.clone().into()),
                ("reason", reason.clone().into()),
            ],
        ),
        OpenError::Rejected { place, reason } => targs(
            lang,
            "db-pg-rejected",
            &[
                ("place", place.clone().into()),
                ("reason", reason.clone().into()),
            ],
        ),
        OpenError::Sqlite { path, fault } => {
            let path = ("path", path.clone().into());
            match fault {
                SqliteFault::NoFolder(folder) => targs(
                    lang,
                    "db-sqlite-no-folder",
                    &[path, ("folder", folder.clone().into())],
                ),
                SqliteFault::NotAFolder(folder) => targs(
                    lang,
                    "db-sqlite-not-a-folder",
                    &[path, ("folder", folder.clone().into())],
                ),
                SqliteFault::IsAFolder => targs(lang, "db-sqlite-is-a-folder", &[path]),
                SqliteFault::NotADatabase => targs(lang, "db-sqlite-not-a-database", &[path]),
                SqliteFault::ReadOnly => targs(lang, "db-sqlite-read-only", &[path]),
                SqliteFault::CannotOpen => targs(lang, "db-sqlite-cannot-open", &[path]),
                SqliteFault::Other(reason) => targs(
                    lang,
                    "db-sqlite-other",
                    &[path, ("reason", reason.clone().into())],
                ),
            }
        }
    }
}

/// The line `main` prints for an error that ended a command: a database that cannot be opened
/// in the operator's words, anything else as its chain of causes.
pub fn explain(lang: Lang, e: &anyhow::Error) -> String {
    match e.downcast_ref::<OpenError>() {
        Some(open) => message(lang, open),
        None => format!("{e:#}"),
    }
}

/// Whether an error is a closed stdout (`export … | head`): not worth a word.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
