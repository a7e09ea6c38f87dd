//! Background jobs of the running bot (next to the outbox worker in `app::run`).

pub mod reminders;
