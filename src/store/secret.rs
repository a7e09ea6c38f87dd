//! The installation's secret key (`KESOS_SECRET`) for the keyed hashes of NIK and invite codes.
//! When not configured it is generated on first run and kept beside the data: in a file next to
//! a SQLite database (readable by the owner only), or in the `meta` table on PostgreSQL.

use super::{Backend, Db};
use rand::RngCore;

pub async fn load_or_create(db: &Db, configured: Option<&str>) -> anyhow::Result<Vec<u8>> {
    if let Some(s) = configured.filter(|s| !s.trim().is_empty()) {
        return Ok(s.trim().as_bytes().to_vec());
    }
    match (db.backend, &db.sqlite_path) {
        (Backend::Sqlite, Some(path)) => {
            let mut file = path.clone().into_os_string();
            file.push(".secret");
            let file = std::path::PathBuf::from(file);
            if let Ok(s) = std::fs::read_to_string(&file) {
                return Ok(s.trim().as_bytes().to_vec());
            }
            let fresh = generate();
            write_private(&file, &fresh)?;
            tracing::info!(file = %file.display(), "generated a new secret key beside the database");
            Ok(fresh.into_bytes())
        }
        _ => {
            let fresh = generate();
            sqlx::query(
                "INSERT INTO meta (key, value) VALUES ('secret', $1) ON CONFLICT (key) DO NOTHING",
            )
            .bind(&fresh)
            .execute(&db.pool)
            .await?;
            let (v,): (String,) = sqlx::query_as("SELECT value FROM meta WHERE key = 'secret'")
                .fetch_one(&db.pool)
                .await?;
            Ok(v.into_bytes())
        }
    }
}

fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
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
