//! Regions (wilayah) by Kemendagri code, and areas found by what people type.

use super::Db;
use crate::domain::region::{AreaName, Level, RegionCode};
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

/// Finds a region of one of `levels`, typed by an operator or a worker (see [`resolve`]); a
/// name that several regions answer to matches none: the code is needed then.
pub async fn find(db: &Db, typed: &str, levels: &[Level]) -> sqlx::Result<Option<Region>> {
    Ok(match resolve(db, typed, levels).await? {
        Resolved::One(r) => Some(r),
        _ => None,
    })
}

/// What a typed area turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    One(Region),
    /// Several regions of the levels wanted answer to the name.
    Ambiguous(Vec<Candidate>),
    /// Only regions of other levels answer to it (or the code is of another level).
    WrongLevel(Vec<Candidate>),
    NotFound,
}

/// A region that answers to a typed name, with the name of the kecamatan it lies in (for a
/// desa or kelurahan), to tell it from its namesakes.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub region: Region,
    pub kecamatan: Option<String>,
}

/// The one place areas are found: a Kemendagri code, or a name as people say it, with or
/// without its level word ("Karawang", "Kab. Karawang", "Kecamatan Klari", "Desa Ciptasari",
/// "Kel. Nagasari"; case, spaces and dots do not matter, see [`AreaName`]). A level word
/// narrows the search to that level (desa and kelurahan stand in for each other when nothing
/// else answers: people mix them up).
pub async fn resolve(db: &Db, typed: &str, levels: &[Level]) -> sqlx::Result<Resolved> {
    let typed = typed.trim();
    let found: Vec<Region> = if let Ok(code) = RegionCode::parse(typed) {
        get(db, code.as_str()).await?.into_iter().collect()
    } else {
        let wanted = AreaName::parse(typed);
        if wanted.key.is_empty() {
            return Ok(Resolved::NotFound);
        }
        // A coarse filter in SQL (the key appears in the name without spaces, dots, hyphens
        // and apostrophes), the exact comparison here.
        let rows: Vec<Region> = sqlx::query_as(
            "SELECT code, name, level, parent_code FROM wilayah
             WHERE REPLACE(REPLACE(REPLACE(REPLACE(LOWER(name), ' ', ''), '.', ''), '-', ''), '''', '')
                   LIKE $1
             ORDER BY code",
        )
        .bind(format!("%{}%", wanted.key))
        .fetch_all(&db.pool)
        .await?;
        let named: Vec<Region> = rows
            .into_iter()
            .filter(|r| AreaName::parse(&r.name).key == wanted.key)
            .collect();
        match wanted.level {
            None => named,
            Some(level) => {
                let (exact, rest): (Vec<Region>, Vec<Region>) =
                    named.into_iter().partition(|r| r.level == level);
                if exact.is_empty() && Level::VILLAGE.contains(&level) {
                    rest.into_iter()
                        .filter(|r| Level::VILLAGE.contains(&r.level))
                        .collect()
                } else {
                    exact
                }
            }
        }
    };
    let (fit, other): (Vec<Region>, Vec<Region>) =
        found.into_iter().partition(|r| levels.contains(&r.level));
    Ok(match (fit.len(), other.is_empty()) {
        (1, _) => Resolved::One(fit.into_iter().next().expect("one region")),
        (0, true) => Resolved::NotFound,
        (0, false) => Resolved::WrongLevel(candidates(db, other).await?),
        _ => Resolved::Ambiguous(candidates(db, fit).await?),
    })
}

async fn candidates(db: &Db, regions: Vec<Region>) -> sqlx::Result<Vec<Candidate>> {
    let village = |r: &Region| Level::VILLAGE.contains(&r.level);
    let parents: Vec<&str> = regions
        .iter()
        .filter(|r| village(r))
        .filter_map(|r| r.parent_code.as_deref())
        .collect();
    let names = names(db, &parents).await?;
    Ok(regions
        .into_iter()
        .map(|r| Candidate {
            kecamatan: village(&r)
                .then(|| r.parent_code.as_ref().and_then(|p| names.get(p).cloned()))
                .flatten(),
            region: r,
        })
        .collect())
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
