//! A resident's proposal (usulan) to be registered for aid: where it stands, and the rule that
//! decides its status after the verification visit.

use super::criteria::THRESHOLD;
use super::task::VisitResult;

/// Where a proposal stands, as stored in `proposals.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProposalStatus {
    /// Filed by the resident; no PSM has the visit yet.
    Submitted,
    /// A PSM has the verification visit.
    Verifying,
    /// Found, and the criteria the PSM confirmed reach the threshold.
    Eligible,
    /// Found, but below the threshold or now able.
    NotEligible,
    /// Moved, died or not found at the address.
    NotFound,
    /// Already registered under another record.
    Duplicate,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 6] = [
        ProposalStatus::Submitted,
        ProposalStatus::Verifying,
        ProposalStatus::Eligible,
        ProposalStatus::NotEligible,
        ProposalStatus::NotFound,
        ProposalStatus::Duplicate,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::Verifying => "verifying",
            ProposalStatus::Eligible => "eligible",
            ProposalStatus::NotEligible => "not_eligible",
            ProposalStatus::NotFound => "not_found",
            ProposalStatus::Duplicate => "duplicate",
        }
    }
    pub fn parse(code: &str) -> Option<ProposalStatus> {
        ProposalStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status after a verification visit: eligible only when the household was found and
    /// the criteria the PSM confirmed reach the threshold.
    pub fn after_visit(result: VisitResult, criteria_met: usize) -> ProposalStatus {
        match result {
            VisitResult::FoundEligible if criteria_met >= THRESHOLD => ProposalStatus::Eligible,
            VisitResult::FoundEligible | VisitResult::FoundAble => ProposalStatus::NotEligible,
            VisitResult::Moved | VisitResult::Died | VisitResult::Unknown => {
                ProposalStatus::NotFound
            }
            VisitResult::Duplicate => ProposalStatus::Duplicate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_is_eligible_only_when_found_and_nine_criteria_hold() {
        use ProposalStatus as S;
        assert_eq!(S::after_visit(VisitResult::FoundEligible, 9), S::Eligible);
        assert_eq!(
            S::after_visit(VisitResult::FoundEligible, 8),
            S::NotEligible
        );
        assert_eq!(S::after_visit(VisitResult::FoundAble, 12), S::NotEligible);
        assert_eq!(S::after_visit(VisitResult::Moved, 12), S::NotFound);
        assert_eq!(S::after_visit(VisitResult::Died, 12), S::NotFound);
        assert_eq!(S::after_visit(VisitResult::Duplicate, 12), S::Duplicate);
    }

    #[test]
    fn codes_round_trip() {
        for s in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::parse(s.code()), Some(s));
        }
        assert_eq!(ProposalStatus::parse("approved"), None);
    }
}
