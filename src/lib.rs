//! kesos-bot: the Telegram bot of a regency's Dinas Sosial (social-affairs office) for the
//! social-welfare (kesejahteraan sosial, "kesos") work of residents and field workers.
//!
//! A tour of the crate:
//! - [`config`]: command line and environment (the names fixed in docs/product-rules.md).
//! - [`domain`]: pure, validated values and rules (region codes, roles, task statuses, cycle
//!   periods, notices) with no I/O.
//! - [`store`]: SQLite or PostgreSQL through one pool; one module per table group. Data only:
//!   no user text, no Telegram types.
//! - [`import`]: CSV files in (regions, KPM households).
//! - [`i18n`]: every text users read, from `locales/<lang>/*.ftl`, and the formats of money,
//!   dates and WIB times.
//! - [`bot`]: the teloxide handler tree, dialogues, commands, buttons, and the wording of
//!   queued notices.
//! - [`app`]: what every handler can reach (database, key, settings).
//! - [`runtime`]: the running bot: durable inbox, dispatcher, outgoing queue, shutdown.
//! - [`jobs`]: background work (the daily reminder).
//! - [`cli`]: the operators' subcommands.

pub mod app;
pub mod bot;
pub mod cli;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod jobs;
pub mod report;
pub mod runtime;
pub mod store;
