//! Where field work meets residents' data: what a home visit changes on a KPM household or a
//! proposal, which households a re-verification cycle covers, and the notices a resident gets
//! when their proposal moves. The field workers' flows call these; the residents' side owns the
//! tables they touch.

use super::{now, outbox};
use crate::domain::task::VisitResult;
use crate::i18n::{Lang, targs};
use sqlx::AnyConnection;

/// Active KPM households in an area (a kelurahan, or every kelurahan under a kecamatan or
/// kabupaten code), as `(household id, kelurahan code)`, ordered by kelurahan then id.
pub async fn active_households(
    conn: &mut AnyConnection,
    area: &str,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT id, kelurahan FROM households
         WHERE active = 1 AND (kelurahan = $1 OR kelurahan LIKE $2)
         ORDER BY kelurahan, id",
    )
    .bind(area)
    .bind(format!("{area}.%"))
    .fetch_all(conn)
    .await
}

/// Records a re-verification visit on a household (`subject` of a `reverify_kpm` task is the
/// household id). The household keeps its programs: Dinas Sosial decides on removal; the
/// result is what reports and the next cycle read.
pub async fn household_visited(
    conn: &mut AnyConnection,
    household_id: i64,
    result: VisitResult,
) -> sqlx::Result<bool> {
    let t = now();
    let r = sqlx::query(
        "UPDATE households SET verification = $2, verified_at = $3, updated_at = $3 WHERE id = $1",
    )
    .bind(household_id)
    .bind(result.code())
    .bind(t)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The status a proposal takes after a verification visit: eligible only when the household
/// was found, and the criteria the PSM confirmed reach the threshold.
pub fn proposal_status_after(result: VisitResult, criteria_met: usize) -> &'static str {
    match result {
        VisitResult::FoundEligible if criteria_met >= crate::domain::criteria::THRESHOLD => {
            "eligible"
        }
        VisitResult::FoundEligible | VisitResult::FoundAble => "not_eligible",
        VisitResult::Moved | VisitResult::Died | VisitResult::Unknown => "not_found",
        VisitResult::Duplicate => "duplicate",
    }
}

/// Records a verification visit on a proposal (`subject` of a `verify_proposal` task is its
/// number): the corrected answers, the new status, and a notice to the resident, all in the
/// caller's transaction.
pub async fn proposal_visited(
    conn: &mut AnyConnection,
    number: &str,
    result: VisitResult,
    answers: &crate::domain::criteria::Answers,
) -> sqlx::Result<bool> {
    let status = proposal_status_after(result, answers.met());
    let r = sqlx::query(
        "UPDATE proposals SET status = $2, answers = $3, criteria_met = $4, updated_at = $5
         WHERE number = $1",
    )
    .bind(number)
    .bind(status)
    .bind(answers.encode())
    .bind(answers.met() as i64)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    if r.rows_affected() == 0 {
        return Ok(false);
    }
    notify_proposer(conn, number, status).await?;
    Ok(true)
}

/// Marks a proposal as being verified (a PSM got the task) and tells the resident.
pub async fn proposal_assigned(conn: &mut AnyConnection, number: &str) -> sqlx::Result<()> {
    let r = sqlx::query(
        "UPDATE proposals SET status = 'verifying', updated_at = $2
         WHERE number = $1 AND status = 'submitted'",
    )
    .bind(number)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    if r.rows_affected() == 1 {
        notify_proposer(conn, number, "verifying").await?;
    }
    Ok(())
}

/// Queues the notice of a proposal's new status for the resident who filed it, in their
/// language. Nothing is sent when they erased their data.
async fn notify_proposer(conn: &mut AnyConnection, number: &str, status: &str) -> sqlx::Result<()> {
    let row: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT u.chat_id, u.language FROM proposals p JOIN users u ON u.tg_id = p.tg_id
         WHERE p.number = $1",
    )
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((chat_id, language)) = row else {
        return Ok(());
    };
    let lang = language.as_deref().map(Lang::from_code).unwrap_or_default();
    let key = format!("proposal-notice-{}", status.replace('_', "-"));
    let body = targs(lang, &key, &[("number", number.to_string().into())]);
    outbox::enqueue(
        &mut *conn,
        chat_id,
        &body,
        None,
        Some(&format!("proposal:{number}:{status}")),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_is_eligible_only_when_found_and_nine_criteria_hold() {
        assert_eq!(
            proposal_status_after(VisitResult::FoundEligible, 9),
            "eligible"
        );
        assert_eq!(
            proposal_status_after(VisitResult::FoundEligible, 8),
            "not_eligible"
        );
        assert_eq!(
            proposal_status_after(VisitResult::FoundAble, 12),
            "not_eligible"
        );
        assert_eq!(proposal_status_after(VisitResult::Moved, 12), "not_found");
        assert_eq!(
            proposal_status_after(VisitResult::Duplicate, 12),
            "duplicate"
        );
    }
}
