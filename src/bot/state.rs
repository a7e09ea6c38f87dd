//! The conversation state of each chat, kept in the database (see `store::dialogue`) so that a
//! flow half-done resumes after a restart or on another instance.
//!
//! Each audience adds its own flows as one variant holding its own enum, so that resident and
//! worker flows evolve in their own modules.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum State {
    /// No flow open: commands and the menu.
    #[default]
    Idle,
    /// `/hapusdata` asked for confirmation.
    ConfirmErase,
    /// A resident's flow (`/cek`, `/skrining`, proposal): see `bot::resident`.
    Resident(crate::bot::resident::Flow),
    /// A field worker's flow (`/daftar`, `/tugaskan`, `/kunjungan`): see `bot::worker`.
    Worker(crate::bot::worker::Flow),
    /// A complaint being filed, added to, reopened or answered: see `bot::complaint`.
    Complaint(crate::bot::complaint::Flow),
}

impl State {
    pub fn is_idle(&self) -> bool {
        matches!(self, State::Idle)
    }

    /// A saved state; one saved by an earlier version is carried over (see `bot::legacy`), and
    /// one that reads as neither starts afresh. Both are logged, never with their content.
    pub fn from_saved(json: &str) -> State {
        match serde_json::from_str::<State>(json) {
            Ok(s) => s,
            Err(e) => match super::legacy::carry_over(json) {
                Some(s) => {
                    tracing::info!("a dialogue saved by an earlier version was carried over");
                    s
                }
                None => {
                    // Not the error's text: serde quotes the value it could not read.
                    let (kind, column) = (e.classify(), e.column());
                    tracing::warn!(
                        ?kind,
                        column,
                        "a saved dialogue no longer parses; starting afresh"
                    );
                    State::Idle
                }
            },
        }
    }
}
