//! kesos-bot: the Telegram bot of a regency's Dinas Sosial (social-affairs office) for the
//! social-welfare (kesejahteraan sosial, "kesos") work of residents and field workers.
//!
//! A tour of the crate:
//! - [`config`]: command line and environment (the names fixed in docs/product-rules.md).
//! - [`domain`]: pure, validated values (region codes, roles) with no I/O.
//! - [`store`]: SQLite or PostgreSQL through one pool; one module per table group.
//! - [`import`]: CSV files in (regions, and what later issues add).
//! - [`i18n`]: every text users read, from `locales/<lang>/*.ftl`, and the formats of money,
//!   dates and WIB times.
//! - [`bot`]: the teloxide handler tree, dialogues, commands and callbacks.
//! - [`app`]: what every handler can reach (database, key, settings).
//! - [`runtime`]: the running bot: durable inbox, dispatcher, outgoing queue, shutdown.

pub mod app;
pub mod bot;
pub mod cli;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod jobs;
pub mod runtime;
pub mod store;
