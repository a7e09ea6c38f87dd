//! The 14 criteria of a poor household of BPS (Badan Pusat Statistik, the statistics bureau):
//! meeting 9 or more marks a household as poor. Used by the residents' self-screening
//! (`/skrining`) and confirmed or corrected by the PSM on the home visit.
//! The questions are locale messages `criterion-1` … `criterion-14`. They are not yes/no
//! questions: a resident with little schooling answers "Ya" to a question asked in the negative
//! ("does the house lack a toilet?") meaning the opposite. So each is asked as an open question
//! and answered with two buttons that say the answer (`criterion-N-met`, `criterion-N-unmet`:
//! "Tidak punya, menumpang" / "Punya WC sendiri"). What is stored is still whether the criterion
//! is met, so a count of answers is a count of criteria met. `criterion-N-short` labels the
//! criterion on the PSM's visit screen, short enough for a button.

/// How many criteria there are.
pub const COUNT: usize = 14;
/// Criteria met from which a household counts as poor.
pub const THRESHOLD: usize = 9;

/// The locale message of criterion `n` (1-based).
pub fn message_id(n: usize) -> String {
    debug_assert!((1..=COUNT).contains(&n));
    format!("criterion-{n}")
}

/// The locale message of the answer to criterion `n` that says it is met (or not).
pub fn answer_id(n: usize, met: bool) -> String {
    debug_assert!((1..=COUNT).contains(&n));
    let which = if met { "met" } else { "unmet" };
    format!("criterion-{n}-{which}")
}

/// The locale message of criterion `n`'s short label.
pub fn short_id(n: usize) -> String {
    debug_assert!((1..=COUNT).contains(&n));
    format!("criterion-{n}-short")
}

/// Answers to the 14 questions, `true` = the criterion is met. Stored as 14 characters of
/// `y`/`n` so that a partial answer (fewer characters) survives in a dialogue state.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Answers(pub Vec<bool>);

impl TryFrom<String> for Answers {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Answers::decode(&s).ok_or_else(|| format!("not criteria answers: {} characters", s.len()))
    }
}

impl From<Answers> for String {
    fn from(a: Answers) -> String {
        a.encode()
    }
}

impl Answers {
    pub fn met(&self) -> usize {
        self.0.iter().filter(|a| **a).count()
    }
    pub fn is_complete(&self) -> bool {
        self.0.len() == COUNT
    }
    pub fn meets_threshold(&self) -> bool {
        self.met() >= THRESHOLD
    }
    pub fn encode(&self) -> String {
        self.0.iter().map(|a| if *a { 'y' } else { 'n' }).collect()
    }
    /// Toggles criterion `n` (1-based) of a full set of answers.
    pub fn toggle(&mut self, n: usize) {
        self.0.resize(COUNT, false);
        if (1..=COUNT).contains(&n) {
            self.0[n - 1] = !self.0[n - 1];
        }
    }
    /// Whether criterion `n` (1-based) is met; unanswered counts as not met.
    pub fn is_met(&self, n: usize) -> bool {
        n >= 1 && self.0.get(n - 1).copied().unwrap_or(false)
    }
    pub fn decode(s: &str) -> Option<Answers> {
        if s.len() > COUNT {
            return None;
        }
        s.chars()
            .map(|c| match c {
                'y' => Some(true),
                'n' => Some(false),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(Answers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_of_fourteen_meets_the_threshold() {
        let mut a = Answers(vec![true; 9]);
        a.0.extend(vec![false; 5]);
        assert!(a.is_complete() && a.meets_threshold());
        a.0[0] = false;
        assert!(!a.meets_threshold());
        assert_eq!(Answers::decode(&a.encode()), Some(a.clone()));
        assert_eq!(Answers::decode("yx"), None);
        // In a saved dialogue, as the 14 characters.
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            format!("\"{}\"", a.encode())
        );
        assert!(serde_json::from_str::<Answers>("\"yyyyyyyyyyyyyyyy\"").is_err());
    }
}
