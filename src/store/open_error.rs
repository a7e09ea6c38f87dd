//! Why a database could not be opened, as the operator has to fix it: which server refused
//! or did not answer (host and port), which SQLite file cannot be created or written and why.
//! `cli::failure` words it in the operator's language; the English `Display` is for logs.

use std::path::Path;

/// A database that cannot be opened (or, for SQLite, written).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpenError {
    /// Nothing listens at that host and port (server down, wrong port).
    #[error("PostgreSQL at {place} refused the connection")]
    Refused { place: String },
    /// The server did not answer in time (wrong host, firewall dropping packets).
    #[error("PostgreSQL at {place} did not answer within {secs} s")]
    NoAnswer { place: String, secs: u64 },
    /// The host is unknown or the network unreachable.
    #[error("cannot reach PostgreSQL at {place}: {reason}")]
    Unreachable { place: String, reason: String },
    /// The server answered and said no (a wrong password, a database that does not exist).
    #[error("PostgreSQL at {place} answered: {reason}")]
    Rejected { place: String, reason: String },
    #[error("SQLite database {path}: {fault}")]
    Sqlite { path: String, fault: SqliteFault },
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SqliteFault {
    #[error("the folder {0} does not exist")]
    NoFolder(String),
    #[error("{0} is not a folder")]
    NotAFolder(String),
    #[error("it is a folder")]
    IsAFolder,
    #[error("the file is not a SQLite database")]
    NotADatabase,
    #[error("the file or its folder is read-only")]
    ReadOnly,
    #[error("it cannot be opened or created")]
    CannotOpen,
    #[error("{0}")]
    Other(String),
}

/// SQLite's primary result codes that say something about the file.
const SQLITE_READONLY: i64 = 8;
const SQLITE_CANTOPEN: i64 = 14;
const SQLITE_NOTADB: i64 = 26;
const SQLITE_IOERR: i64 = 10;
const SQLITE_FULL: i64 = 13;
const SQLITE_PERM: i64 = 3;

/// The primary result code of a SQLite error (`None` for other errors).
fn sqlite_code(e: &sqlx::Error) -> Option<i64> {
    match e {
        sqlx::Error::Database(d) => d.code()?.parse::<i64>().ok().map(|c| c & 0xff),
        _ => None,
    }
}

/// A SQLite error that is about the database file (it cannot be opened, created or written),
/// named with its path; `None` for any other error.
pub fn sqlite(path: &Path, e: &sqlx::Error) -> Option<OpenError> {
    let fault = match sqlite_code(e)? {
        SQLITE_CANTOPEN => cannot_open(path),
        SQLITE_NOTADB => SqliteFault::NotADatabase,
        SQLITE_READONLY | SQLITE_PERM => SqliteFault::ReadOnly,
        SQLITE_IOERR | SQLITE_FULL => SqliteFault::Other(database_message(e)),
        _ => return None,
    };
    Some(OpenError::Sqlite {
        path: path.display().to_string(),
        fault,
    })
}

/// Why SQLite could not open or create the file, from what is on disk.
fn cannot_open(path: &Path) -> SqliteFault {
    if path.is_dir() {
        return SqliteFault::IsAFolder;
    }
    // The nearest ancestor that exists tells a missing folder from a file in the way.
    let mut folder = path.parent();
    let mut missing = None;
    while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
        match std::fs::metadata(f) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => return SqliteFault::NotAFolder(f.display().to_string()),
            Err(_) => {
                missing = Some(f);
                folder = f.parent();
            }
        }
    }
    match missing {
        // The folder the operator named, not the first one missing above it.
        Some(_) => SqliteFault::NoFolder(
            path.parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        ),
        None => SqliteFault::CannotOpen,
    }
}

/// A PostgreSQL connection error, named with the server's host and port.
pub fn postgres(place: &str, e: &sqlx::Error) -> OpenError {
    let place = place.to_string();
    match e {
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            OpenError::Refused { place }
        }
        sqlx::Error::Io(io) => OpenError::Unreachable {
            place,
            reason: os_reason(io),
        },
        sqlx::Error::Database(_) => OpenError::Rejected {
            place,
            reason: database_message(e),
        },
        other => OpenError::Unreachable {
            place,
            reason: other.to_string(),
        },
    }
}

/// An I/O error's text without " (os error N)": "No such file or directory".
pub fn os_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    }
}

/// The server's own words, without sqlx's "error returned from database" around them.
fn database_message(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(d) => d.message().to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_and_a_file_in_the_way_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let file = dir.join("plain-file");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(
            cannot_open(&dir.join("nope/deeper/kesos.db")),
            SqliteFault::NoFolder(dir.join("nope/deeper").display().to_string())
        );
        assert_eq!(
            cannot_open(&file.join("kesos.db")),
            SqliteFault::NotAFolder(file.display().to_string())
        );
        assert_eq!(cannot_open(dir), SqliteFault::IsAFolder);
    }

    #[test]
    fn an_os_error_reads_without_its_number() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(os_reason(&e), "No such file or directory");
    }
}
