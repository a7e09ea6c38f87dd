//! Residents (warga): eligibility check, self-screening, proposals, program information.
//! (Filled in by the residents issue.)

use super::Handler;

/// Resident commands and flows in a message.
pub fn messages() -> Handler {
    dptree::filter(|| false)
}

/// Resident button presses.
pub fn callbacks() -> Handler {
    dptree::filter(|| false)
}
