//! What a person is to be told later, as data: what happened, with which ids. A notice is queued
//! in the outbox inside the transaction of the change it announces, and put into words (in the
//! language the recipient uses at that moment) only when it is sent, by `crate::bot::notice`.
//! Kinds, results and statuses are stored by their codes (`domain::code`).

use super::complaint::{Category, Event};
use super::proposal::ProposalStatus;
use super::role::Role;
use super::task::{TaskKind, VisitResult};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A task a reminder names, so that the worker knows which house: sealed as JSON in
/// [`Notice::Reminder`]'s `tasks`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueTask {
    pub id: i64,
    #[serde(with = "super::code")]
    pub kind: TaskKind,
    pub due: Option<NaiveDate>,
    /// `store::tasks::Subject::label`.
    pub label: String,
}

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
        /// The household as the PSM finds it (`store::tasks::Subject::label`: names and
        /// address), sealed (`Place::Outbox`). Absent from notices queued by older versions.
        #[serde(default)]
        label: Option<String>,
    },
    /// A PSM logged a visit for a task in this TKSK's kecamatan.
    VisitLogged {
        task: i64,
        #[serde(with = "super::code")]
        kind: TaskKind,
        subject: String,
        /// As in `TaskAssigned`, sealed.
        #[serde(default)]
        label: Option<String>,
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
    /// The PSM found that the household of this resident's proposal moved away from the
    /// address given (its status is "not found", but "we could not find the address" would
    /// not be true).
    ProposalMoved { number: String },
    /// The proposal cannot go on (the visit found the proposed head of family died): said
    /// without naming the reason.
    ProposalClosed { number: String },
    /// A re-verification cycle gave this PSM `tasks` households to visit by `due`.
    CycleOpened { tasks: u64, due: NaiveDate },
    /// Open tasks of a revoked worker came back to this TKSK.
    TasksReturned { count: i64, worker: String },
    /// This worker's access ended.
    WorkerRevoked,
    /// The daily summary of a worker's tasks (and of the complaints overdue in their hands).
    Reminder {
        today: i64,
        overdue: i64,
        #[serde(default)]
        complaints: i64,
        /// The most urgent tasks ([`DueTask`] as JSON), sealed (`Place::Outbox`).
        #[serde(default)]
        tasks: Option<String>,
    },
    /// A complaint for this worker to handle: the TKSK of its kecamatan, a PSM it was handed
    /// to, or a Dinas Sosial operator where no TKSK is enrolled (`to` says which, for the
    /// buttons). `description` and `reporter` (the first name; `None` when anonymous) are
    /// sealed (`Place::Complaint`).
    ComplaintFiled {
        id: i64,
        ticket: String,
        #[serde(with = "super::code")]
        category: Category,
        place: String,
        description: String,
        reporter: Option<String>,
        photos: u8,
        location: bool,
        response_due: NaiveDate,
        resolve_due: NaiveDate,
        #[serde(with = "super::code")]
        to: Role,
    },
    /// Photo `n` of `of` of a complaint, re-sent by its Telegram file id.
    ComplaintPhoto {
        ticket: String,
        file_id: String,
        n: u8,
        of: u8,
    },
    /// The reporter's complaint moved on; `note` (sealed) is the handler's answer or reason.
    ComplaintUpdate {
        ticket: String,
        #[serde(with = "super::code")]
        event: Event,
        note: Option<String>,
    },
    /// The reporter reopened a complaint or added to it: for its handler. `note` sealed.
    ComplaintReply {
        id: i64,
        ticket: String,
        #[serde(with = "super::code")]
        event: Event,
        note: Option<String>,
        photo: Option<String>,
    },
    /// A complaint passed its resolution deadline: for Dinas Sosial.
    ComplaintEscalated {
        id: i64,
        ticket: String,
        resolve_due: NaiveDate,
    },
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
            label: Some("sealed".into()),
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
