//! Regions (wilayah) by Kemendagri code.

use super::Db;
use crate::domain::region::{Level, RegionCode};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: Option<String>,
}

pub async fn get(db: &Db, code: &str) -> sqlx::Result<Option<Region>> {
    sqlx::query_as("SELECT code, name, level, parent_code FROM wilayah WHERE code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await
}

pub async fn children(db: &Db, parent: &str) -> sqlx::Result<Vec<Region>> {
    sqlx::query_as(
        "SELECT code, name, level, parent_code FROM wilayah WHERE parent_code = $1 ORDER BY name",
    )
    .bind(parent)
    .fetch_all(&db.pool)
    .await
}

/// Finds a kelurahan or desa by Kemendagri code or by name (case-insensitive). A name shared by
/// several villages (it happens across kecamatan) matches none: the caller must use the code.
pub async fn find_village(db: &Db, code_or_name: &str) -> sqlx::Result<Option<Region>> {
    if let Ok(code) = RegionCode::parse(code_or_name) {
        return Ok(get(db, code.as_str())
            .await?
            .filter(|r| r.level == Level::Kelurahan.code() || r.level == Level::Desa.code()));
    }
    let mut found: Vec<Region> = sqlx::query_as(
        "SELECT code, name, level, parent_code FROM wilayah
         WHERE LOWER(name) = LOWER($1) AND level IN ('kelurahan', 'desa') LIMIT 2",
    )
    .bind(code_or_name.trim())
    .fetch_all(&db.pool)
    .await?;
    Ok(if found.len() == 1 { found.pop() } else { None })
}

pub enum Upsert {
    Added,
    Updated,
    Unchanged,
}

pub async fn upsert(db: &Db, code: &RegionCode, name: &str) -> sqlx::Result<Upsert> {
    let existing = get(db, code.as_str()).await?;
    match existing {
        Some(r) if r.name == name => Ok(Upsert::Unchanged),
        Some(_) => {
            sqlx::query("UPDATE wilayah SET name = $2 WHERE code = $1")
                .bind(code.as_str())
                .bind(name)
                .execute(&db.pool)
                .await?;
            Ok(Upsert::Updated)
        }
        None => {
            sqlx::query(
                "INSERT INTO wilayah (code, name, level, parent_code) VALUES ($1, $2, $3, $4)",
            )
            .bind(code.as_str())
            .bind(name)
            .bind(code.level().code())
            .bind(code.parent().map(|p| p.to_string()))
            .execute(&db.pool)
            .await?;
            Ok(Upsert::Added)
        }
    }
}

pub async fn count(db: &Db) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM wilayah")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}
