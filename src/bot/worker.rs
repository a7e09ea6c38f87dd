//! Field workers (PSM, TKSK) and Dinas Sosial operators: enrolment, tasks, visits.
//! (Filled in by the field-workers issue.)

use super::Handler;
use serde::{Deserialize, Serialize};

/// Where a worker is in one of their flows (kept in the dialogue table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Flow {}

/// Worker commands and flows in a message.
pub fn messages() -> Handler {
    dptree::filter(|| false)
}

/// Worker button presses.
pub fn callbacks() -> Handler {
    dptree::filter(|| false)
}
