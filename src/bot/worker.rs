//! Field workers (PSM, TKSK) and Dinas Sosial operators: enrolment, tasks, visits.
//! (Filled in by the field-workers issue.)

use super::Handler;

/// Worker commands and flows in a message.
pub fn messages() -> Handler {
    dptree::filter(|| false)
}

/// Worker button presses.
pub fn callbacks() -> Handler {
    dptree::filter(|| false)
}
