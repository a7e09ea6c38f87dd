//! A home visit being logged, as a value: each step holds exactly what has been gathered, and
//! every transition is a pure function (tested below). The handlers in `visit` only read the
//! worker's input, call a transition, save the result and ask the next question.

use crate::domain::criteria::{self, Answers};
use crate::domain::task::{TaskKind, VisitResult};
use crate::store::visits::NewVisit;
use serde::{Deserialize, Serialize};

/// Longest notes accepted.
pub const MAX_NOTES: usize = 1000;
/// Longest reason for skipping the location.
pub const MAX_REASON: usize = 300;

/// The visit of one task, at one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub task: i64,
    pub step: Step,
}

/// Where the worker stood: a point from Telegram's location, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Spot {
    At { lat: f64, lon: f64 },
    Skipped { reason: String },
}

/// What the visit found: where, the result, and (proposals) the criteria as confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    pub spot: Spot,
    pub result: VisitResult,
    pub answers: Option<Answers>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Step {
    Location,
    SkipReason,
    Result {
        spot: Spot,
    },
    /// A proposal found at home: the resident's answers, confirmed or corrected one by one.
    Criteria {
        spot: Spot,
        result: VisitResult,
        answers: Answers,
    },
    Photo {
        found: Found,
    },
    Notes {
        found: Found,
        photo: Option<String>,
    },
    Confirm {
        found: Found,
        photo: Option<String>,
        notes: Option<String>,
    },
}

/// Whether a result takes the 14 criteria: a proposal whose household was found.
pub fn needs_criteria(kind: TaskKind, result: VisitResult) -> bool {
    kind == TaskKind::VerifyProposal
        && matches!(result, VisitResult::FoundEligible | VisitResult::FoundAble)
}

impl Visit {
    pub fn new(task: i64) -> Visit {
        Visit {
            task,
            step: Step::Location,
        }
    }

    fn to(self, step: Step) -> Visit {
        Visit { step, ..self }
    }

    /// A location shared at the location step; `None` when the step is another or the point
    /// is not on Earth.
    pub fn located(self, lat: f64, lon: f64) -> Option<Visit> {
        let valid = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
        (valid && self.step == Step::Location).then(|| {
            let spot = Spot::At { lat, lon };
            self.to(Step::Result { spot })
        })
    }

    /// "No location" at the location step: a reason is asked next.
    pub fn skip_location(self) -> Option<Visit> {
        (self.step == Step::Location).then(|| self.to(Step::SkipReason))
    }

    /// The reason for no location (1 to [`MAX_REASON`] characters).
    pub fn skip_reason(self, reason: &str) -> Option<Visit> {
        let reason = reason.trim();
        let ok = !reason.is_empty() && reason.chars().count() <= MAX_REASON;
        (ok && self.step == Step::SkipReason).then(|| {
            let spot = Spot::Skipped {
                reason: reason.to_string(),
            };
            self.to(Step::Result { spot })
        })
    }

    /// The result chosen. `criteria`: the resident's answers to confirm, given exactly when
    /// [`needs_criteria`] holds; the criteria step comes next then, else the photo.
    pub fn with_result(self, result: VisitResult, criteria: Option<Answers>) -> Option<Visit> {
        let Step::Result { spot } = self.step.clone() else {
            return None;
        };
        Some(match criteria {
            Some(mut answers) => {
                answers.0.resize(criteria::COUNT, false);
                self.to(Step::Criteria {
                    spot,
                    result,
                    answers,
                })
            }
            None => self.to(Step::Photo {
                found: Found {
                    spot,
                    result,
                    answers: None,
                },
            }),
        })
    }

    /// Criterion `n` (1-based) toggled on the criteria screen.
    pub fn toggle(self, n: usize) -> Option<Visit> {
        let Step::Criteria {
            spot,
            result,
            mut answers,
        } = self.step.clone()
        else {
            return None;
        };
        if !(1..=criteria::COUNT).contains(&n) {
            return None;
        }
        answers.toggle(n);
        Some(self.to(Step::Criteria {
            spot,
            result,
            answers,
        }))
    }

    /// The criteria confirmed: the photo next.
    pub fn criteria_done(self) -> Option<Visit> {
        let Step::Criteria {
            spot,
            result,
            answers,
        } = self.step.clone()
        else {
            return None;
        };
        let found = Found {
            spot,
            result,
            answers: Some(answers),
        };
        Some(self.to(Step::Photo { found }))
    }

    /// A photo (Telegram file id), or none where the kind allows it.
    pub fn photo(self, photo: Option<String>, kind: TaskKind) -> Option<Visit> {
        let Step::Photo { found } = self.step.clone() else {
            return None;
        };
        if photo.is_none() && kind.photo_required() {
            return None;
        }
        Some(self.to(Step::Notes { found, photo }))
    }

    /// Notes (none, or 1 to [`MAX_NOTES`] characters after trimming).
    pub fn notes(self, notes: Option<&str>) -> Option<Visit> {
        let Step::Notes { found, photo } = self.step.clone() else {
            return None;
        };
        let notes = match notes.map(str::trim) {
            Some(n) if n.is_empty() || n.chars().count() > MAX_NOTES => return None,
            n => n.map(str::to_string),
        };
        Some(self.to(Step::Confirm {
            found,
            photo,
            notes,
        }))
    }

    /// The visit to commit, once the summary is confirmed.
    pub fn to_commit(&self) -> Option<NewVisit> {
        let Step::Confirm {
            found,
            photo,
            notes,
        } = &self.step
        else {
            return None;
        };
        let (lat, lon, skip) = match &found.spot {
            Spot::At { lat, lon } => (Some(*lat), Some(*lon), None),
            Spot::Skipped { reason } => (None, None, Some(reason.clone())),
        };
        Some(NewVisit {
            task_id: self.task,
            lat,
            lon,
            location_skip: skip,
            result: found.result,
            answers: found.answers.clone(),
            photo: photo.clone(),
            notes: notes.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_visit_goes_through_the_criteria_and_commits_what_was_gathered() {
        let v = Visit::new(7).located(-6.3, 107.3).unwrap();
        let resident = Answers(vec![true; 9]);
        assert!(needs_criteria(
            TaskKind::VerifyProposal,
            VisitResult::FoundEligible
        ));
        let v = v
            .with_result(VisitResult::FoundEligible, Some(resident))
            .unwrap();
        let Step::Criteria { answers, .. } = &v.step else {
            panic!("{v:?}")
        };
        assert_eq!(
            answers.0.len(),
            14,
            "unanswered criteria are shown as not met"
        );
        let v = v.toggle(1).unwrap().toggle(14).unwrap();
        assert!(v.clone().toggle(15).is_none());
        let v = v.criteria_done().unwrap();
        assert!(
            v.clone().photo(None, TaskKind::VerifyProposal).is_none(),
            "a proposal needs its photo"
        );
        let v = v
            .photo(Some("file-1".into()), TaskKind::VerifyProposal)
            .unwrap();
        assert!(v.clone().notes(Some("  ")).is_none());
        assert!(v.clone().notes(Some(&"x".repeat(MAX_NOTES + 1))).is_none());
        let v = v.notes(Some(" rumah semi permanen ")).unwrap();
        let commit = v.to_commit().unwrap();
        assert_eq!((commit.task_id, commit.lat), (7, Some(-6.3)));
        assert_eq!(commit.answers.unwrap().met(), 9, "9 - #1 + #14");
        assert_eq!(commit.notes.as_deref(), Some("rumah semi permanen"));
    }

    #[test]
    fn a_reverification_without_location_skips_the_criteria_and_the_photo() {
        let v = Visit::new(3).skip_location().unwrap();
        assert!(v.clone().skip_reason(" ").is_none());
        let v = v.skip_reason("sinyal GPS hilang").unwrap();
        assert!(!needs_criteria(
            TaskKind::ReverifyKpm,
            VisitResult::FoundEligible
        ));
        let v = v.with_result(VisitResult::Moved, None).unwrap();
        let v = v
            .photo(None, TaskKind::ReverifyKpm)
            .unwrap()
            .notes(None)
            .unwrap();
        let c = v.to_commit().unwrap();
        assert_eq!(c.location_skip.as_deref(), Some("sinyal GPS hilang"));
        assert_eq!((c.lat, c.answers, c.photo), (None, None, None));
    }

    #[test]
    fn a_press_for_another_step_changes_nothing() {
        let v = Visit::new(1);
        assert!(v.clone().located(91.0, 0.0).is_none(), "not on Earth");
        assert!(v.clone().criteria_done().is_none());
        assert!(v.clone().with_result(VisitResult::Died, None).is_none());
        assert!(v.clone().notes(None).is_none());
        assert!(v.to_commit().is_none());
    }
}
