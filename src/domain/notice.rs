//! What a person is to be told later, as data: what happened, with which ids. A notice is queued
//! in the outbox inside the transaction of the change it announces, and put into words (in the
//! language the recipient uses at that moment) only when it is sent, by `crate::bot::notice`.
//! Kinds, results and statuses are stored by their codes (`domain::code`).

use super::proposal::ProposalStatus;
use super::task::{TaskKind, VisitResult};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// A TKSK handed a task to this PSM.
    TaskAssigned {
        task: i64,
        #[serde(with = "super::code")]
        kind: TaskKind,
        subject: String,
        due: Option<NaiveDate>,
    },
    /// A PSM logged a visit for a task in this TKSK's kecamatan.
    VisitLogged {
        task: i64,
        #[serde(with = "super::code")]
        kind: TaskKind,
        subject: String,
        /// The PSM who visited, by the name Dinas Sosial gave them.
        worker: String,
        #[serde(with = "super::code")]
        result: VisitResult,
    },
    /// A resident's proposal moved to `status`.
    ProposalStatus {
        number: String,
        #[serde(with = "super::code")]
        status: ProposalStatus,
    },
    /// A re-verification cycle gave this PSM `tasks` households to visit by `due`.
    CycleOpened { tasks: u64, due: NaiveDate },
    /// Open tasks of a revoked worker came back to this TKSK.
    TasksReturned { count: i64, worker: String },
    /// This worker's access ended.
    WorkerRevoked,
    /// The daily summary of a worker's tasks.
    Reminder { today: i64, overdue: i64 },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_survives_the_queue_as_json() {
        let n = Notice::TaskAssigned {
            task: 7,
            kind: TaskKind::VerifyProposal,
            subject: "USL-2026-000001".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 15),
        };
        let json = serde_json::to_string(&n).unwrap();
        assert!(json.contains(r#""notice":"task_assigned""#), "{json}");
        assert!(
            json.contains(r#""kind":"verify_proposal""#),
            "stored by its code: {json}"
        );
        assert_eq!(serde_json::from_str::<Notice>(&json).unwrap(), n);
        assert!(serde_json::from_str::<Notice>(r#"{"notice":"unheard_of"}"#).is_err());
    }
}
