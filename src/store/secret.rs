//! The installation's secret key (`KESOS_SECRET`): it keys the hashes of NIK, No. KK and invite
//! codes, and the encryption at rest (see [`super::seal`]). Losing it, or silently replacing it,
//! makes every stored hash unfindable, so the rules are strict:
//!
//! - The key comes from `KESOS_SECRET`, or from the file `KESOS_SECRET_FILE` names. On SQLite,
//!   when neither is set, from the file beside the database (`kesos.db.secret`, owner-only).
//! - A key is generated only for an empty database (SQLite only). A database with data whose
//!   key file is missing is refused: a new key would split the data in two.
//! - The database keeps a check value of its key (an HMAC of a fixed text, from which the key
//!   cannot be recovered) in `meta.key_check`; another key is refused before anything changes.
//! - On PostgreSQL the key never lives in the database: a dump would carry both the hashes and
//!   their key, and NIKs are few enough to try them all. Earlier versions kept it in
//!   `meta.secret`; `kesos-bot secret move-out FILE` moves it out once.

use super::{Backend, Db};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::path::{Path, PathBuf};

/// Where the operator said the key is. Its `Debug` never shows the key.
#[derive(Clone, Default)]
pub struct KeyConfig {
    /// `KESOS_SECRET`.
    pub value: Option<String>,
    /// `KESOS_SECRET_FILE`.
    pub file: Option<PathBuf>,
}

impl std::fmt::Debug for KeyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyConfig")
            .field("value", &self.value.as_ref().map(|_| "***"))
            .field("file", &self.file)
            .finish()
    }
}

impl KeyConfig {
    pub fn value(v: &str) -> KeyConfig {
        KeyConfig {
            value: Some(v.to_string()),
            file: None,
        }
    }
}

/// Why the key cannot be used; each says in one line what is wrong and what to do.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "the database holds data made with a secret key, but the key file {0} is missing: restore it from the backup of the database, or give the key with KESOS_SECRET or KESOS_SECRET_FILE (a new key would make the stored data unfindable; nothing was changed)"
    )]
    MissingBesideDatabase(String),
    #[error(
        "the secret key given ({0}) is not the key this database was made with: give the right key (nothing was changed)"
    )]
    Mismatch(&'static str),
    #[error(
        "on PostgreSQL the secret key must be given with KESOS_SECRET or KESOS_SECRET_FILE (a file holding it); it is never kept in the database"
    )]
    RequiredOnPostgres,
    #[error(
        "this database still keeps its secret key in table meta (earlier versions did), where any dump exposes it: run `kesos-bot secret move-out FILE` once, then give KESOS_SECRET_FILE=FILE"
    )]
    KeptInDatabase,
    #[error(
        "this database holds data but no check value of its secret key (it was made by an earlier version): if the key given ({0}) is surely its key, record it once with `kesos-bot secret adopt` (nothing was changed)"
    )]
    Unconfirmed(&'static str),
    #[error("give the secret key once: KESOS_SECRET or KESOS_SECRET_FILE, not both")]
    GivenTwice,
    #[error("the key file {0} did not read back as it was written; the key stays in the database")]
    ReadBack(String),
    #[error("cannot read the key file {0}: {1}")]
    Unreadable(String, std::io::Error),
    #[error("the secret key is empty ({0})")]
    Empty(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("cannot write the key file {0}: {1}")]
    Unwritable(String, std::io::Error),
}

/// The file a SQLite database keeps its key in when none is configured.
pub fn beside(db_file: &Path) -> PathBuf {
    let mut file = db_file.to_path_buf().into_os_string();
    file.push(".secret");
    PathBuf::from(file)
}

/// The key of this database, checked against the check value it keeps; see the module doc.
pub async fn load(db: &Db, cfg: &KeyConfig) -> Result<Vec<u8>, KeyError> {
    load_checked(db, cfg, false).await
}

/// `kesos-bot secret adopt`: records the check value of the key given for a database from an
/// earlier version that has data but none yet. Returns false when it had one already.
pub async fn adopt(db: &Db, cfg: &KeyConfig) -> Result<bool, KeyError> {
    let had = meta(db, "key_check").await?.is_some();
    load_checked(db, cfg, true).await?;
    Ok(!had)
}

async fn load_checked(db: &Db, cfg: &KeyConfig, adopting: bool) -> Result<Vec<u8>, KeyError> {
    let legacy = meta(db, "secret").await?;
    // Whether this key is known to be the data's own even without a check value: the file
    // kept beside the database, or the copy an earlier version kept in it.
    let mut authoritative = adopting;
    let (key, source) = match configured(cfg)? {
        Some(given) => given,
        None => match (db.backend, &db.sqlite_path) {
            (Backend::Sqlite, Some(path)) => {
                authoritative = true;
                (from_file_beside(db, path).await?, "key file")
            }
            _ if legacy.is_some() => return Err(KeyError::KeptInDatabase),
            _ => return Err(KeyError::RequiredOnPostgres),
        },
    };
    if let Some(old) = legacy {
        authoritative = true;
        // Earlier versions kept the key here. The operator now holds it outside: the copy in
        // the database only exposes it.
        if old.trim().as_bytes() != key.as_slice() {
            return Err(KeyError::Mismatch(source));
        }
        sqlx::query("DELETE FROM meta WHERE key = 'secret'")
            .execute(&db.pool)
            .await?;
        tracing::warn!(
            "removed the copy of the secret key that earlier versions kept in the database"
        );
    }
    check(db, &key, source, authoritative).await?;
    Ok(key)
}

/// `KESOS_SECRET`, else the file of `KESOS_SECRET_FILE`, else nothing.
fn configured(cfg: &KeyConfig) -> Result<Option<(Vec<u8>, &'static str)>, KeyError> {
    let value = cfg.value.as_deref().filter(|s| !s.trim().is_empty());
    if value.is_some() && cfg.file.is_some() {
        return Err(KeyError::GivenTwice);
    }
    if let Some(v) = cfg.value.as_deref().filter(|s| !s.trim().is_empty()) {
        return Ok(Some((v.trim().as_bytes().to_vec(), "KESOS_SECRET")));
    }
    if let Some(file) = &cfg.file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| KeyError::Unreadable(file.display().to_string(), e))?;
        if text.trim().is_empty() {
            return Err(KeyError::Empty("KESOS_SECRET_FILE"));
        }
        return Ok(Some((text.trim().as_bytes().to_vec(), "KESOS_SECRET_FILE")));
    }
    Ok(None)
}

/// The key kept beside a SQLite database; made only when the database is empty.
async fn from_file_beside(db: &Db, db_file: &Path) -> Result<Vec<u8>, KeyError> {
    let file = beside(db_file);
    match std::fs::read_to_string(&file) {
        Ok(s) if !s.trim().is_empty() => return Ok(s.trim().as_bytes().to_vec()),
        Ok(_) => return Err(KeyError::Empty("key file")),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(KeyError::Unreadable(file.display().to_string(), e));
        }
        Err(_) => {}
    }
    if meta(db, "key_check").await?.is_some() || holds_keyed_data(db).await? {
        return Err(KeyError::MissingBesideDatabase(file.display().to_string()));
    }
    let fresh = generate();
    write_private(&file, &fresh)
        .map_err(|e| KeyError::Unwritable(file.display().to_string(), e))?;
    tracing::info!(file = %file.display(), "generated a new secret key for this new database; back it up with the database");
    Ok(fresh.into_bytes())
}

/// Compares the key with the check value the database keeps, or records it the first time:
/// for a database without data, or with data when the key is known to be its own.
async fn check(
    db: &Db,
    key: &[u8],
    source: &'static str,
    authoritative: bool,
) -> Result<(), KeyError> {
    let mine = check_value(key);
    let stored = match meta(db, "key_check").await? {
        Some(v) => v,
        None => {
            if holds_keyed_data(db).await? {
                // A database from a version that kept no check value. A key typed wrong now
                // would be taken for its key from then on: only one known to be its own.
                if !authoritative {
                    return Err(KeyError::Unconfirmed(source));
                }
                tracing::warn!(
                    "this database had no check value of its secret key yet; recording it now"
                );
            }
            sqlx::query(
                "INSERT INTO meta (key, value) VALUES ('key_check', $1) ON CONFLICT (key) DO NOTHING",
            )
            .bind(&mine)
            .execute(&db.pool)
            .await?;
            // Another process may have recorded its key in the same moment.
            meta(db, "key_check").await?.unwrap_or_default()
        }
    };
    if stored != mine {
        return Err(KeyError::Mismatch(source));
    }
    Ok(())
}

/// An HMAC of a fixed text under the key: equal keys give equal values, and the key cannot be
/// found from it.
fn check_value(key: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"kesos-bot key check v1");
    hex::encode(mac.finalize().into_bytes())
}

async fn meta(db: &Db, key: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT value FROM meta WHERE key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.0))
}

/// Whether any table holds a keyed hash or a sealed value (what a new key would orphan).
async fn holds_keyed_data(db: &Db) -> sqlx::Result<bool> {
    for sql in [
        "SELECT 1 FROM households LIMIT 1",
        "SELECT 1 FROM members LIMIT 1",
        "SELECT 1 FROM proposals LIMIT 1",
        "SELECT 1 FROM invites LIMIT 1",
        "SELECT 1 FROM dialogues LIMIT 1",
        "SELECT 1 FROM inbox WHERE done_at IS NULL LIMIT 1",
        "SELECT 1 FROM outbox WHERE sent_at IS NULL LIMIT 1",
    ] {
        let row: Option<(i32,)> = sqlx::query_as(sql).fetch_optional(&db.pool).await?;
        if row.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `kesos-bot secret move-out FILE`: writes the key that earlier versions kept in `meta` to a
/// new owner-only file, and removes it from the database once the file reads back. Returns
/// false when the database keeps no key (nothing to do).
pub async fn move_out(db: &Db, file: &Path) -> Result<bool, KeyError> {
    let Some(key) = meta(db, "secret").await? else {
        return Ok(false);
    };
    let name = file.display().to_string();
    write_private(file, key.trim()).map_err(|e| KeyError::Unwritable(name.clone(), e))?;
    let back = std::fs::read_to_string(file).map_err(|e| KeyError::Unreadable(name.clone(), e))?;
    if back.trim() != key.trim() {
        return Err(KeyError::ReadBack(name));
    }
    check(db, key.trim().as_bytes(), "KESOS_SECRET_FILE", true).await?;
    sqlx::query("DELETE FROM meta WHERE key = 'secret'")
        .execute(&db.pool)
        .await?;
    Ok(true)
}

fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Writes a new file readable by its owner only; never overwrites one.
pub fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(content.as_bytes())?;
    f.sync_all()
}
