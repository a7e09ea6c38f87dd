//! Background jobs of the running bot (next to the outbox worker in `runtime::run`).

pub mod reminders;
