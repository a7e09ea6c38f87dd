//! Residents (warga): eligibility check, self-screening, proposals, program information.
//! (Filled in by the residents issue.)

use super::Handler;
use serde::{Deserialize, Serialize};

/// Where a resident is in one of their flows (kept in the dialogue table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Flow {}

/// Resident commands and flows in a message.
pub fn messages() -> Handler {
    dptree::filter(|| false)
}

/// Resident button presses.
pub fn callbacks() -> Handler {
    dptree::filter(|| false)
}
