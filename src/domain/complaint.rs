//! Complaints (aduan) and objections (sanggahan): their categories, where one stands, what
//! happened to it, and the rules of the lifecycle.
//!
//! Rules (our own statement of the product's):
//! - A description is 10 to 2,000 characters; up to three photos and one location go with it.
//! - Only an objection may be filed anonymously; an anonymous reporter's identity is never shown
//!   to a worker, in a notice, a summary or an export, and the reporter is still told of every
//!   change.
//! - new → in progress → resolved or rejected; a resolved complaint is reopened when its
//!   reporter says, within 14 days, that it is not solved (with a reason).
//! - First response within `KESOS_COMPLAINT_RESPONSE_DAYS` (3) working days, resolution within
//!   `KESOS_COMPLAINT_RESOLVE_DAYS` (10), counted from the day it was filed (WIB); past the
//!   resolution deadline Dinas Sosial is told once and the complaint is marked escalated.

use super::task::TaskKind;
use serde::{Deserialize, Serialize};

pub const MIN_DESCRIPTION: usize = 10;
pub const MAX_DESCRIPTION: usize = 2000;
pub const MAX_PHOTOS: usize = 3;
/// Days after its resolution within which a reporter may reopen a complaint.
pub const REOPEN_DAYS: i64 = 14;

/// What a complaint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Category {
    /// Registered, but the aid never came.
    NotReceived,
    /// The KKS card (Kartu Keluarga Sejahtera) not received, lost or broken.
    Kks,
    /// Aid not credited, or less than it should be.
    Short,
    /// e-Warong: goods short or poor, prices, illegal levies.
    Ewarong,
    /// Objection (sanggahan): someone receives aid who should not, or someone in need is left out.
    Objection,
    /// Personal data wrong (name, address, family members).
    Data,
    /// A recommendation letter (health-cost relief, SKTM).
    Recommendation,
    /// The uninhabitable-house program (Rutilahu).
    Rutilahu,
    Other,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::NotReceived,
        Category::Kks,
        Category::Short,
        Category::Ewarong,
        Category::Objection,
        Category::Data,
        Category::Recommendation,
        Category::Rutilahu,
        Category::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Category::NotReceived => "not_received",
            Category::Kks => "kks",
            Category::Short => "short",
            Category::Ewarong => "ewarong",
            Category::Objection => "objection",
            Category::Data => "data",
            Category::Recommendation => "recommendation",
            Category::Rutilahu => "rutilahu",
            Category::Other => "other",
        }
    }
    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
    /// Only an objection may be filed without the reporter's identity.
    pub fn may_be_anonymous(self) -> bool {
        self == Category::Objection
    }
    /// The survey a request opens beside the follow-up task.
    pub fn survey(self) -> Option<TaskKind> {
        match self {
            Category::Recommendation => Some(TaskKind::SurveyRecommendation),
            Category::Rutilahu => Some(TaskKind::SurveyRutilahu),
            _ => None,
        }
    }
    /// Its name's message id (`complaint-category-not_received`, …).
    pub fn message_id(self) -> String {
        format!("complaint-category-{}", self.code())
    }
}

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    New,
    InProgress,
    Resolved,
    Rejected,
    /// Resolved, then reported as not solved: open again.
    Reopened,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::InProgress,
        Status::Resolved,
        Status::Rejected,
        Status::Reopened,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InProgress => "in_progress",
            Status::Resolved => "resolved",
            Status::Rejected => "rejected",
            Status::Reopened => "reopened",
        }
    }
    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
    /// Still waiting for an answer: a handler may act, the reporter may add to it.
    pub fn is_open(self) -> bool {
        matches!(self, Status::New | Status::InProgress | Status::Reopened)
    }
    pub fn message_id(self) -> String {
        format!("complaint-status-{}", self.code())
    }
}

impl TryFrom<String> for Status {
    type Error = super::task::UnknownCode;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Status::parse(&code).ok_or(super::task::UnknownCode("complaint status", code))
    }
}

impl TryFrom<String> for Category {
    type Error = super::task::UnknownCode;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Category::parse(&code).ok_or(super::task::UnknownCode("complaint category", code))
    }
}

/// What happened to a complaint (one row of its history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Filed,
    /// The TKSK took it in hand.
    Taken,
    /// Handed to a PSM of the kelurahan.
    Assigned,
    /// Answered with a note: resolved.
    Resolved,
    /// Rejected with a reason.
    Rejected,
    /// The reporter said it is not solved.
    Reopened,
    /// The reporter added text or a photo.
    Added,
    /// Past its resolution deadline: Dinas Sosial told.
    Escalated,
}

impl Event {
    pub const ALL: [Event; 8] = [
        Event::Filed,
        Event::Taken,
        Event::Assigned,
        Event::Resolved,
        Event::Rejected,
        Event::Reopened,
        Event::Added,
        Event::Escalated,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Event::Filed => "filed",
            Event::Taken => "taken",
            Event::Assigned => "assigned",
            Event::Resolved => "resolved",
            Event::Rejected => "rejected",
            Event::Reopened => "reopened",
            Event::Added => "added",
            Event::Escalated => "escalated",
        }
    }
    pub fn parse(code: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.code() == code)
    }
    pub fn message_id(self) -> String {
        format!("complaint-event-{}", self.code())
    }
    /// The status a complaint has after this event (`None`: unchanged).
    pub fn status_after(self) -> Option<Status> {
        match self {
            Event::Filed => Some(Status::New),
            Event::Taken | Event::Assigned => Some(Status::InProgress),
            Event::Resolved => Some(Status::Resolved),
            Event::Rejected => Some(Status::Rejected),
            Event::Reopened => Some(Status::Reopened),
            Event::Added | Event::Escalated => None,
        }
    }
    /// Whether a handler's event may happen to a complaint in `status`.
    pub fn allowed_from(self, status: Status) -> bool {
        match self {
            Event::Taken | Event::Assigned | Event::Resolved | Event::Rejected | Event::Added => {
                status.is_open()
            }
            Event::Reopened => status == Status::Resolved,
            Event::Escalated => status.is_open(),
            Event::Filed => false,
        }
    }
    /// Whether the reporter is told of it.
    pub fn tells_reporter(self) -> bool {
        matches!(
            self,
            Event::Taken | Event::Assigned | Event::Resolved | Event::Rejected
        )
    }
}

/// Why a description is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DescriptionError {
    TooShort,
    TooLong,
}

pub fn check_description(text: &str) -> Result<(), DescriptionError> {
    let n = text.trim().chars().count();
    if n < MIN_DESCRIPTION {
        Err(DescriptionError::TooShort)
    } else if n > MAX_DESCRIPTION {
        Err(DescriptionError::TooLong)
    } else {
        Ok(())
    }
}

/// `ADU-2026-000123`.
pub fn ticket(year: i32, id: i64) -> String {
    format!("ADU-{year}-{id:06}")
}

/// A ticket as a resident may type it (`adu-2026-123`, `ADU 2026 000123`), read back.
pub fn parse_ticket(typed: &str) -> Option<(i32, i64)> {
    let t = typed.trim().to_ascii_uppercase().replace([' ', '_'], "-");
    let rest = t.strip_prefix("ADU-")?;
    let (year, id) = rest.split_once('-')?;
    Some((
        year.parse().ok()?,
        id.parse().ok().filter(|n: &i64| *n > 0)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.code()), Some(c));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        for e in Event::ALL {
            assert_eq!(Event::parse(e.code()), Some(e));
        }
    }

    #[test]
    fn only_an_objection_may_be_anonymous_and_requests_open_a_survey() {
        let anonymous: Vec<_> = Category::ALL
            .into_iter()
            .filter(|c| c.may_be_anonymous())
            .collect();
        assert_eq!(anonymous, vec![Category::Objection]);
        assert_eq!(Category::Rutilahu.survey(), Some(TaskKind::SurveyRutilahu));
        assert_eq!(Category::Kks.survey(), None);
    }

    #[test]
    fn the_lifecycle_allows_what_it_says() {
        assert!(Event::Resolved.allowed_from(Status::New));
        assert!(Event::Resolved.allowed_from(Status::Reopened));
        assert!(!Event::Resolved.allowed_from(Status::Rejected));
        assert!(Event::Reopened.allowed_from(Status::Resolved));
        assert!(!Event::Reopened.allowed_from(Status::Rejected));
        assert!(!Event::Taken.allowed_from(Status::Resolved));
        assert_eq!(Event::Reopened.status_after(), Some(Status::Reopened));
        assert!(Status::Reopened.is_open());
    }

    #[test]
    fn descriptions_have_a_floor_and_a_ceiling() {
        assert_eq!(check_description("tolong"), Err(DescriptionError::TooShort));
        assert_eq!(
            check_description("   sepuluh!    "),
            Err(DescriptionError::TooShort)
        );
        assert_eq!(check_description("Bantuan belum masuk"), Ok(()));
        assert_eq!(
            check_description(&"a".repeat(2001)),
            Err(DescriptionError::TooLong)
        );
        assert_eq!(check_description(&"é".repeat(2000)), Ok(()));
    }

    #[test]
    fn tickets_read_as_residents_type_them() {
        assert_eq!(ticket(2026, 12), "ADU-2026-000012");
        assert_eq!(parse_ticket("ADU-2026-000012"), Some((2026, 12)));
        assert_eq!(parse_ticket(" adu 2026 12 "), Some((2026, 12)));
        assert_eq!(parse_ticket("USL-2026-000012"), None);
        assert_eq!(parse_ticket("ADU-2026-0"), None);
    }
}
