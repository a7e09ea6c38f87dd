//! Field-work tasks: one model serves proposal verification, KPM re-verification (verivali),
//! complaint follow-up and surveys, so that PSM see one list whatever the work is.

use serde::{Deserialize, Serialize};

/// What a task asks a field worker to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskKind {
    /// Verify a resident's proposal (usulan) by a home visit.
    VerifyProposal,
    /// Re-verify a KPM household in a two-monthly cycle (verifikasi dan validasi).
    ReverifyKpm,
    /// Follow up a complaint (aduan).
    FollowUpComplaint,
    /// Survey for a recommendation letter (rekomendasi, e.g. health-cost relief).
    SurveyRecommendation,
    /// Survey for the uninhabitable-house program (Rutilahu).
    SurveyRutilahu,
}

impl TaskKind {
    pub const ALL: [TaskKind; 5] = [
        TaskKind::VerifyProposal,
        TaskKind::ReverifyKpm,
        TaskKind::FollowUpComplaint,
        TaskKind::SurveyRecommendation,
        TaskKind::SurveyRutilahu,
    ];
    /// The code stored in `tasks.kind` and used in CSV exports.
    pub fn code(self) -> &'static str {
        match self {
            TaskKind::VerifyProposal => "verify_proposal",
            TaskKind::ReverifyKpm => "reverify_kpm",
            TaskKind::FollowUpComplaint => "complaint",
            TaskKind::SurveyRecommendation => "survey_recommendation",
            TaskKind::SurveyRutilahu => "survey_rutilahu",
        }
    }
    pub fn parse(code: &str) -> Option<TaskKind> {
        TaskKind::ALL.into_iter().find(|k| k.code() == code)
    }
    /// Whether the visit must include a photo of the house.
    pub fn photo_required(self) -> bool {
        matches!(
            self,
            TaskKind::VerifyProposal | TaskKind::SurveyRecommendation | TaskKind::SurveyRutilahu
        )
    }
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskStatus {
    New,
    Assigned,
    InProgress,
    Done,
    Cancelled,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 5] = [
        TaskStatus::New,
        TaskStatus::Assigned,
        TaskStatus::InProgress,
        TaskStatus::Done,
        TaskStatus::Cancelled,
    ];
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::New => "new",
            TaskStatus::Assigned => "assigned",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::Cancelled => "cancelled",
        }
    }
    pub fn parse(code: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|s| s.code() == code)
    }
    /// The statuses of a task still to be done: the one rule for "open", in lists, counts,
    /// reminders and checks alike.
    pub const OPEN: [TaskStatus; 3] = [
        TaskStatus::New,
        TaskStatus::Assigned,
        TaskStatus::InProgress,
    ];
    /// The statuses in which a TKSK may still hand a task to a PSM (nobody is visiting yet).
    pub const HANDOUT: [TaskStatus; 2] = [TaskStatus::New, TaskStatus::Assigned];

    pub fn is_open(self) -> bool {
        TaskStatus::OPEN.contains(&self)
    }
    pub fn can_hand_out(self) -> bool {
        TaskStatus::HANDOUT.contains(&self)
    }
}

impl TryFrom<String> for TaskStatus {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Self, UnknownCode> {
        TaskStatus::parse(&code).ok_or(UnknownCode("task status", code))
    }
}

impl TryFrom<String> for TaskKind {
    type Error = UnknownCode;
    fn try_from(code: String) -> Result<Self, UnknownCode> {
        TaskKind::parse(&code).ok_or(UnknownCode("task kind", code))
    }
}

/// A stored code this version does not know (what it is, and the code).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("unknown {0} {1:?}")]
pub struct UnknownCode(pub &'static str, pub String);

/// The result of a home visit, as the SIKS-NG verification form records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitResult {
    /// Ditemukan, masih layak: found and still eligible.
    FoundEligible,
    /// Ditemukan, sudah mampu: found and now able (graduates or resigns).
    FoundAble,
    /// Tidak ditemukan, pindah: moved away.
    Moved,
    /// Tidak ditemukan, meninggal: died.
    Died,
    /// Tidak ditemukan, tidak diketahui: not found, whereabouts unknown.
    Unknown,
    /// Data ganda: a duplicate record.
    Duplicate,
}

impl VisitResult {
    pub const ALL: [VisitResult; 6] = [
        VisitResult::FoundEligible,
        VisitResult::FoundAble,
        VisitResult::Moved,
        VisitResult::Died,
        VisitResult::Unknown,
        VisitResult::Duplicate,
    ];
    pub fn code(self) -> &'static str {
        match self {
            VisitResult::FoundEligible => "eligible",
            VisitResult::FoundAble => "able",
            VisitResult::Moved => "moved",
            VisitResult::Died => "died",
            VisitResult::Unknown => "unknown",
            VisitResult::Duplicate => "duplicate",
        }
    }
    pub fn parse(code: &str) -> Option<VisitResult> {
        VisitResult::ALL.into_iter().find(|r| r.code() == code)
    }
    /// Locale message naming this result (`visit-result-eligible`, …).
    pub fn message_id(self) -> String {
        format!("visit-result-{}", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in TaskKind::ALL {
            assert_eq!(TaskKind::parse(k.code()), Some(k));
        }
        for s in TaskStatus::ALL {
            assert_eq!(TaskStatus::parse(s.code()), Some(s));
        }
        for r in VisitResult::ALL {
            assert_eq!(VisitResult::parse(r.code()), Some(r));
        }
        assert_eq!(TaskKind::parse("nonsense"), None);
        assert!(TaskStatus::try_from("archived".to_string()).is_err());
    }

    #[test]
    fn open_tasks_are_new_assigned_or_being_visited() {
        let open: Vec<_> = TaskStatus::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open, TaskStatus::OPEN);
        assert!(TaskStatus::Assigned.can_hand_out() && !TaskStatus::InProgress.can_hand_out());
    }

    #[test]
    fn photos_are_required_where_the_decision_rests_on_the_house() {
        assert!(TaskKind::VerifyProposal.photo_required());
        assert!(TaskKind::SurveyRutilahu.photo_required());
        assert!(!TaskKind::ReverifyKpm.photo_required());
    }
}
