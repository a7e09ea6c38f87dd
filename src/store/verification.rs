//! Where field work meets residents' data: what a home visit changes on a KPM household or a
//! proposal, which households a re-verification cycle covers, and the notices a resident gets
//! when their proposal moves. The field workers' flows call these; the residents' side owns the
//! tables they touch.

use super::{now, outbox};
use crate::domain::notice::Notice;
use crate::domain::proposal::ProposalStatus;
use crate::domain::task::VisitResult;
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
    .bind(super::regions::inside(area))
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

/// Records a verification visit on a proposal (`subject` of a `verify_proposal` task is its
/// number): the corrected answers, the new status, and a notice to the resident, all in the
/// caller's transaction.
pub async fn proposal_visited(
    conn: &mut AnyConnection,
    number: &str,
    result: VisitResult,
    answers: &crate::domain::criteria::Answers,
) -> sqlx::Result<bool> {
    let status = ProposalStatus::after_visit(result, answers.met());
    let r = sqlx::query(
        "UPDATE proposals SET status = $2, answers = $3, criteria_met = $4, updated_at = $5
         WHERE number = $1",
    )
    .bind(number)
    .bind(status.code())
    .bind(answers.encode())
    .bind(answers.met() as i64)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    if r.rows_affected() == 0 {
        return Ok(false);
    }
    match result {
        // "The address could not be found" would not be true: the household was found gone.
        VisitResult::Moved => notify_moved(conn, number).await?,
        // Neither "not found" nor the death itself: a neutral word that the proposal ends.
        VisitResult::Died => {
            tracing::info!(proposal = %number, "proposal visited with result 'died': the proposer is told it cannot go on");
            let notice = Notice::ProposalClosed {
                number: number.to_string(),
            };
            notify(conn, number, &notice, &format!("proposal:{number}:closed")).await?
        }
        _ => notify_proposer(conn, number, status).await?,
    }
    Ok(true)
}

/// Marks a proposal as being verified (a PSM got the task) and tells the resident.
pub async fn proposal_assigned(conn: &mut AnyConnection, number: &str) -> sqlx::Result<()> {
    let r = sqlx::query(
        "UPDATE proposals SET status = $2, updated_at = $3 WHERE number = $1 AND status = $4",
    )
    .bind(number)
    .bind(ProposalStatus::Verifying.code())
    .bind(now())
    .bind(ProposalStatus::Submitted.code())
    .execute(&mut *conn)
    .await?;
    if r.rows_affected() == 1 {
        notify_proposer(conn, number, ProposalStatus::Verifying).await?;
    }
    Ok(())
}

/// Queues the notice of a proposal's new status for the resident who filed it. Nothing is
/// sent when they erased their data.
async fn notify_proposer(
    conn: &mut AnyConnection,
    number: &str,
    status: ProposalStatus,
) -> sqlx::Result<()> {
    let notice = Notice::ProposalStatus {
        number: number.to_string(),
        status,
    };
    let key = format!("proposal:{number}:{}", status.code());
    notify(conn, number, &notice, &key).await
}

/// Tells the proposer that the PSM found the household moved away from the address given.
async fn notify_moved(conn: &mut AnyConnection, number: &str) -> sqlx::Result<()> {
    let notice = Notice::ProposalMoved {
        number: number.to_string(),
    };
    notify(conn, number, &notice, &format!("proposal:{number}:moved")).await
}

async fn notify(
    conn: &mut AnyConnection,
    number: &str,
    notice: &Notice,
    key: &str,
) -> sqlx::Result<()> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT u.chat_id FROM proposals p JOIN users u ON u.tg_id = p.tg_id WHERE p.number = $1",
    )
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((chat_id,)) = row else {
        return Ok(());
    };
    outbox::enqueue(&mut *conn, chat_id, notice, Some(key)).await?;
    Ok(())
}
