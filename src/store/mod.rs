//! Storage: one pool over SQLite or PostgreSQL (sqlx's Any driver), the migrations of each, and
//! one module per aggregate with the SQL written once for both dialects.
//!
//! Conventions that keep one query valid on both backends: integers are `i64` (BIGINT on
//! PostgreSQL), times are Unix seconds, placeholders are `$1…`, upserts use `ON CONFLICT`.

pub mod audit;
pub mod broadcasts;
pub mod complaints;
pub mod cycles;
pub mod dialogue;
pub mod inbox;
pub mod keyed;
pub mod meta;
pub mod open_error;
pub mod outbox;
pub mod pace;
pub mod regions;
pub mod reports;
pub mod residents;
pub mod seal;
pub mod secret;
pub mod tasks;
pub mod users;
pub mod verification;
pub mod visits;
pub mod workers;

pub use open_error::OpenError;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use std::str::FromStr;
use std::time::Duration;

/// A `DATABASE_URL` that names neither backend; holds the URL with any password hidden.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "DATABASE_URL is not understood ({0}): use sqlite://kesos.db or postgres://user@host:5432/dbname"
)]
pub struct BadDatabaseUrl(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Backend, BadDatabaseUrl> {
        let bad = || BadDatabaseUrl(redact_url(url));
        let scheme = url.split_once("://").map(|(s, _)| s).ok_or_else(bad)?;
        match scheme {
            "sqlite" => {
                let rest = &url["sqlite://".len()..];
                if rest.is_empty() || rest.starts_with('?') {
                    return Err(bad());
                }
                Ok(Backend::Sqlite)
            }
            "postgres" | "postgresql" => {
                url::Url::parse(url).map_err(|_| bad())?;
                Ok(Backend::Postgres)
            }
            _ => Err(bad()),
        }
    }
}

/// A URL with any password replaced, fit for an error message or a log line.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => url.chars().take(40).collect(),
    }
}

/// Page cache of each SQLite connection, in KiB.
pub const SQLITE_CACHE_KIB: i64 = 32 * 1024;

/// The project's database handle: cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Where a SQLite database lives on disk (for the secret kept beside it).
    pub sqlite_path: Option<std::path::PathBuf>,
}

/// How long a PostgreSQL server has to answer the first connection before the start is given
/// up with [`OpenError::NoAnswer`] (a refused connection is reported at once).
pub const CONNECT_WAIT: Duration = Duration::from_secs(10);

/// Sets up a SQLite connection. A writer waits up to 30 s for the lock: a KPM import holds it
/// for its whole run (about 13 s per million rows). The wait is set first. Switching to WAL can
/// still answer "database is locked" at once, without waiting, while another connection (the
/// bot beside an import, a second instance) is switching it or reading: WAL is a setting of the
/// file, so the connection that could not set it uses it all the same, and that answer is not
/// a failure.
async fn sqlite_setup(conn: &mut AnyConnection) -> sqlx::Result<()> {
    conn.execute("PRAGMA busy_timeout=30000").await?;
    match conn.execute("PRAGMA journal_mode=WAL").await {
        Ok(_) => {}
        Err(e) if is_busy(&e) => {}
        Err(e) => return Err(e),
    }
    conn.execute(sqlx::AssertSqlSafe(format!(
        "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; \
         PRAGMA cache_size=-{SQLITE_CACHE_KIB};"
    )))
    .await?;
    Ok(())
}

/// SQLite's "database is locked" (SQLITE_BUSY and its extended codes).
fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => d
            .code()
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| c & 0xff == 5),
        _ => false,
    }
}

impl Db {
    /// Opens (and for SQLite creates) the database. Does not migrate.
    ///
    /// One connection is made first, alone, and its failure is reported as it is
    /// ([`OpenError`]: a refused connection, a server that does not answer, a SQLite file that
    /// cannot be created): the pool would retry a refused connection or a failing SQLite file
    /// until its 30 s acquire timeout, logging each attempt, and end with "pool timed out".
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        install_default_drivers();
        let backend = Backend::of_url(url)?;
        match backend {
            Backend::Sqlite => {
                let opts =
                    sqlx::sqlite::SqliteConnectOptions::from_str(url)?.create_if_missing(true);
                let path = opts.get_filename().to_path_buf();
                // Any driver URLs cannot carry create_if_missing; make sure the file exists.
                let url = format!("sqlite://{}?mode=rwc", path.display());
                let fail = |e: sqlx::Error| -> anyhow::Error {
                    match open_error::sqlite(&path, &e) {
                        Some(open) => open.into(),
                        None => anyhow::Error::new(e)
                            .context(format!("SQLite database {}", path.display())),
                    }
                };
                let mut first = AnyConnection::connect(&url).await.map_err(fail)?;
                sqlite_setup(&mut first).await.map_err(fail)?;
                first.close().await.map_err(fail)?;
                let pool = AnyPoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .min_connections(1)
                    .acquire_timeout(Duration::from_secs(30))
                    .after_connect(|conn, _| Box::pin(async move { sqlite_setup(conn).await }))
                    .connect(&url)
                    .await
                    .map_err(fail)?;
                Ok(Db {
                    pool,
                    backend,
                    sqlite_path: Some(path),
                })
            }
            Backend::Postgres => {
                let opts = sqlx::postgres::PgConnectOptions::from_str(url)?;
                let place = format!("{}:{}", opts.get_host(), opts.get_port());
                match tokio::time::timeout(CONNECT_WAIT, AnyConnection::connect(url)).await {
                    Err(_) => {
                        return Err(OpenError::NoAnswer {
                            place,
                            secs: CONNECT_WAIT.as_secs(),
                        }
                        .into());
                    }
                    Ok(Err(e)) => return Err(open_error::postgres(&place, &e).into()),
                    Ok(Ok(first)) => {
                        let _ = first.close().await;
                    }
                }
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .test_before_acquire(false)
                    .acquire_timeout(Duration::from_secs(30))
                    .connect(url)
                    .await
                    .map_err(|e| open_error::postgres(&place, &e))?;
                Ok(Db {
                    pool,
                    backend,
                    sqlite_path: None,
                })
            }
        }
    }

    /// Applies the migrations of this backend. A SQLite file that cannot be written (read-only)
    /// is reported as such, with its path.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        match migrator.run(&self.pool).await {
            Ok(()) => Ok(()),
            Err(e) => {
                let sql = match &e {
                    sqlx::migrate::MigrateError::Execute(s)
                    | sqlx::migrate::MigrateError::ExecuteMigration(s, _) => Some(s),
                    _ => None,
                };
                let on_file = self
                    .sqlite_path
                    .as_deref()
                    .zip(sql)
                    .and_then(|(path, s)| open_error::sqlite(path, s));
                Err(match on_file {
                    Some(open) => open.into(),
                    None => e.into(),
                })
            }
        }
    }

    /// Opens a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads first cannot upgrade its lock
    /// while another writer holds it, and fails with "database is locked" without waiting
    /// (`busy_timeout` does not apply to an upgrade). Every transaction here that writes starts
    /// with this.
    pub async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub async fn connect_and_migrate(url: &str) -> anyhow::Result<Db> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }
}

/// An online, consistent copy of a SQLite database into a new file (`VACUUM INTO`: writers go
/// on meanwhile, and free pages, which may hold erased data, are not copied).
pub async fn backup_sqlite(db: &Db, file: &std::path::Path) -> sqlx::Result<()> {
    sqlx::query("VACUUM INTO $1")
        .bind(file.display().to_string())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
