//! Regions (wilayah) by Kemendagri code.

use super::Db;
use crate::domain::region::{Level, RegionCode};
use sqlx::AssertSqlSafe;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Region {
    pub code: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub level: Level,
    pub parent_code: Option<String>,
}

pub async fn get(db: &Db, code: &str) -> sqlx::Result<Option<Region>> {
    sqlx::query_as("SELECT code, name, level, parent_code FROM wilayah WHERE code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await
}

/// The `LIKE` pattern of what lies under `area` (with `= area`, the rule of
/// `domain::region::contains`).
pub fn inside(area: &str) -> String {
    format!("{area}.%")
}

/// The names of regions by code, in one query; unknown codes are absent.
pub async fn names(db: &Db, codes: &[&str]) -> sqlx::Result<HashMap<String, String>> {
    if codes.is_empty() {
        return Ok(HashMap::new());
    }
    let params: Vec<String> = (1..=codes.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT code, name FROM wilayah WHERE code IN ({})",
        params.join(", ")
    );
    let mut q = sqlx::query_as::<_, (String, String)>(AssertSqlSafe(sql));
    for c in codes {
        q = q.bind(*c);
    }
    Ok(q.fetch_all(&db.pool).await?.into_iter().collect())
}

pub async fn children(db: &Db, parent: &str) -> sqlx::Result<Vec<Region>> {
    sqlx::query_as(
        "SELECT code, name, level, parent_code FROM wilayah WHERE parent_code = $1 ORDER BY name",
    )
    .bind(parent)
    .fetch_all(&db.pool)
    .await
}

/// Finds a region of one of `levels`, typed by an operator or a worker: its Kemendagri code,
/// or its name (case-insensitive). A name shared by several regions (villages of the same name
/// in two kecamatan) matches none: the code is needed then. The one place areas are found.
pub async fn find(db: &Db, typed: &str, levels: &[Level]) -> sqlx::Result<Option<Region>> {
    let typed = typed.trim();
    if let Ok(code) = RegionCode::parse(typed) {
        return Ok(get(db, code.as_str())
            .await?
            .filter(|r| levels.contains(&r.level)));
    }
    let list: Vec<String> = levels.iter().map(|l| format!("'{}'", l.code())).collect();
    let mut found: Vec<Region> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT code, name, level, parent_code FROM wilayah
         WHERE LOWER(name) = LOWER($1) AND level IN ({}) LIMIT 2",
        list.join(", ")
    )))
    .bind(typed)
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
