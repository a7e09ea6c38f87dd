//! The outgoing pace: at most `KESOS_SEND_RATE` messages per second over all chats and
//! `KESOS_CHAT_RATE` (one) per second into any one chat, as Telegram asks, and a pause for
//! everyone when Telegram answers 429 with `retry_after`.
//!
//! Every `send::*` call waits here for its slot, so all sends form one queue ordered by
//! arrival. Unlike a ticking queue, a message whose slot is free goes out at once.
//!
//! On PostgreSQL, where several instances may share one database, the slots are reserved in
//! the database (`store::pace`), so that the rates hold for all of them together; should that
//! fail, this process's own schedule takes over for the moment (logged). On SQLite (one
//! process) the schedule is kept here.
//!
//! Priority: replies and personal notices reserve the next free slot (with a burst of up to a
//! second's worth); bulk deliveries ([`Pacer::wait_bulk`]) take a slot only when the overall
//! schedule is not already ahead of now, one bulk reservation at a time per process. A
//! broadcast therefore never stacks reservations in front of a reply: a resident who writes
//! while ten thousand notices drain waits at most one slot, plus their own chat's pace.

use crate::store::Db;
use crate::store::pace::{self, Budget, Slot};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

pub struct Pacer {
    /// The budget shared through the database, when there is one.
    shared: Option<(Db, Budget)>,
    global_interval: Duration,
    chat_interval: Duration,
    /// How far ahead of "now" the global schedule may run before senders wait: a burst of
    /// up to one second's worth goes out at once.
    burst: Duration,
    state: Mutex<State>,
    /// One bulk reservation at a time in this process (the others wait here, not in the
    /// database).
    bulk_gate: tokio::sync::Mutex<()>,
}

struct State {
    /// Theoretical arrival time of the next message overall.
    next_global: Instant,
    /// Earliest time of the next message per chat.
    next_chat: HashMap<i64, Instant>,
    /// No message before this (after a 429).
    frozen_until: Instant,
}

impl Pacer {
    pub fn new(per_second_overall: u32, per_second_chat: u32) -> Pacer {
        let global_interval = Duration::from_secs(1) / per_second_overall.max(1);
        let now = Instant::now();
        Pacer {
            shared: None,
            global_interval,
            chat_interval: Duration::from_secs(1) / per_second_chat.max(1),
            burst: Duration::from_secs(1).saturating_sub(global_interval),
            state: Mutex::new(State {
                next_global: now,
                next_chat: HashMap::new(),
                frozen_until: now,
            }),
            bulk_gate: tokio::sync::Mutex::new(()),
        }
    }

    /// The same rates, reserved in `db` for every process that uses it.
    pub fn shared(mut self, db: Db, per_second_overall: u32, per_second_chat: u32) -> Pacer {
        self.shared = Some((db, Budget::per_second(per_second_overall, per_second_chat)));
        self
    }

    /// Reserves the next slot for a message into `chat` and waits for it.
    pub async fn wait(&self, chat: i64) {
        if let Some((db, budget)) = &self.shared {
            match pace::reserve(db, *budget, chat, pace::now_us(), None).await {
                Ok(Slot::At(slot) | Slot::Busy(slot) | Slot::ChatBusy(slot)) => {
                    return sleep_until_us(slot).await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot reserve a send slot in the database; pacing in this process");
                }
            }
        }
        if let Ok(slot) = self.reserve(chat, Instant::now(), None) {
            tokio::time::sleep_until(slot).await;
        }
    }

    /// [`Pacer::wait`] for a bulk delivery: waits until the overall schedule has room now, so
    /// that replies and personal notices go first. While the overall schedule is full, this
    /// process's bulk deliveries queue on one gate (one asks the database, not sixty-four);
    /// a delivery held only by its own chat's pace waits without the gate, so other chats go.
    pub async fn wait_bulk(&self, chat: i64) {
        let ahead = self.global_interval;
        let ahead_us = ahead.as_micros() as i64;
        loop {
            let gate = self.bulk_gate.lock().await;
            let wait = loop {
                if let Some((db, budget)) = &self.shared {
                    match pace::reserve(db, *budget, chat, pace::now_us(), Some(ahead_us)).await {
                        Ok(Slot::At(slot)) => {
                            drop(gate);
                            return sleep_until_us(slot).await;
                        }
                        Ok(Slot::Busy(at)) => {
                            sleep_until_us(at - ahead_us).await;
                            continue;
                        }
                        Ok(Slot::ChatBusy(at)) => break Wait::Chat(instant_of_us(at - ahead_us)),
                        Err(e) => {
                            tracing::warn!(error = %e, "cannot reserve a send slot in the database; pacing in this process");
                        }
                    }
                }
                match self.reserve(chat, Instant::now(), Some(ahead)) {
                    Ok(slot) => {
                        drop(gate);
                        return tokio::time::sleep_until(slot).await;
                    }
                    Err(Wait::Overall(at)) => {
                        tokio::time::sleep_until(at.checked_sub(ahead).unwrap_or(at)).await
                    }
                    Err(chat_wait) => break chat_wait,
                }
            };
            drop(gate);
            let (Wait::Chat(at) | Wait::Overall(at)) = wait;
            tokio::time::sleep_until(at).await;
        }
    }

    /// A slot in this process's schedule; with `ahead` (bulk), instead of a slot further than
    /// that ahead of `now`, when to ask again and why.
    fn reserve(&self, chat: i64, now: Instant, ahead: Option<Duration>) -> Result<Instant, Wait> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let chat_ready = s.next_chat.get(&chat).copied().unwrap_or(now);
        let burst = if ahead.is_some() {
            Duration::ZERO
        } else {
            self.burst
        };
        let global_ready = s.next_global.checked_sub(burst).unwrap_or(now);
        let overall = now.max(global_ready).max(s.frozen_until);
        let slot = overall.max(chat_ready);
        if let Some(ahead) = ahead {
            if overall > now + ahead {
                return Err(Wait::Overall(overall));
            }
            if slot > now + ahead {
                return Err(Wait::Chat(slot));
            }
        }
        s.next_global = s.next_global.max(slot) + self.global_interval;
        s.next_chat.insert(chat, slot + self.chat_interval);
        if s.next_chat.len() > 10_000 {
            s.next_chat.retain(|_, t| *t > now);
        }
        Ok(slot)
    }

    /// Telegram asked us to wait: nobody sends before `after` has passed (no process, when the
    /// budget is shared).
    pub async fn freeze(&self, after: Duration) {
        {
            let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
            s.frozen_until = s.frozen_until.max(Instant::now() + after);
        }
        if let Some((db, _)) = &self.shared {
            let until = pace::now_us() + after.as_micros() as i64;
            if let Err(e) = pace::freeze(db, until).await {
                tracing::warn!(error = %e, "cannot record Telegram's pause in the database");
            }
        }
    }
}

/// Why a bulk delivery was not given a slot, and when to ask again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wait {
    /// The overall schedule is full until then.
    Overall(Instant),
    /// Only this chat's own pace is not ready until then.
    Chat(Instant),
}

/// A time in microseconds since the Unix epoch, as a tokio instant.
fn instant_of_us(at_us: i64) -> Instant {
    Instant::now() + Duration::from_micros((at_us - pace::now_us()).max(0) as u64)
}

/// Sleeps until a time in microseconds since the Unix epoch (at once when it has passed).
async fn sleep_until_us(at_us: i64) {
    let ahead = Duration::from_micros((at_us - pace::now_us()).max(0) as u64);
    tokio::time::sleep(ahead).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_chat_gets_one_message_per_second() {
        let p = Pacer::new(30, 1);
        let t0 = Instant::now();
        let slots: Vec<_> = (0..3).map(|_| p.reserve(7, t0, None).unwrap()).collect();
        assert_eq!(slots[0], t0);
        assert!(slots[1] - t0 >= Duration::from_secs(1));
        assert!(slots[2] - t0 >= Duration::from_secs(2));
    }

    #[tokio::test]
    async fn many_chats_share_the_overall_rate_after_a_one_second_burst() {
        let p = Pacer::new(30, 1);
        let t0 = Instant::now();
        let slots: Vec<_> = (0..90)
            .map(|chat| p.reserve(chat, t0, None).unwrap())
            .collect();
        // About 30 go at once (the burst), then 30 per second.
        let immediate = slots.iter().filter(|s| **s == t0).count();
        assert!((29..=31).contains(&immediate), "{immediate}");
        let last = *slots.last().unwrap() - t0;
        assert!(
            last >= Duration::from_millis(1900) && last <= Duration::from_millis(2100),
            "{last:?}"
        );
    }

    #[tokio::test]
    async fn bulk_deliveries_leave_the_schedule_free_for_replies() {
        let p = Pacer::new(10, 1);
        let t0 = Instant::now();
        // Bulk takes one slot at a time and does not burst: the second must wait a slot.
        assert_eq!(p.reserve(1, t0, Some(p.global_interval)), Ok(t0));
        assert!(p.reserve(2, t0, Some(p.global_interval)).is_ok());
        let third = p.reserve(3, t0, Some(p.global_interval));
        assert!(matches!(third, Err(Wait::Overall(_))), "{third:?}");
        // A chat that just had a message waits for its own pace, not for the others.
        let again = p.reserve(1, t0 + Duration::from_millis(300), Some(p.global_interval));
        assert!(matches!(again, Err(Wait::Chat(_))), "{again:?}");
        // A reply that comes now goes at once (its burst), not behind queued bulk.
        assert_eq!(p.reserve(4, t0, None), Ok(t0));
    }

    #[tokio::test]
    async fn a_freeze_holds_everyone() {
        let p = Pacer::new(30, 1);
        p.freeze(Duration::from_secs(5)).await;
        let slot = p.reserve(1, Instant::now(), None).unwrap();
        assert!(slot - Instant::now() > Duration::from_secs(4));
    }
}
