//! The integration suite: the real bot against a fake Bot API, and the storage layer, on SQLite
//! and (when `KESOS_TEST_POSTGRES_URL` is set) PostgreSQL. See `support` for the harness.

mod support;

mod broadcasts;
mod complaints;
mod fit;
mod foundation;
mod imports;
mod locales;
mod process;
mod reports;
mod residents;
mod safety;
mod store;
mod workers;
