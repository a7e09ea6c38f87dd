//! Pure domain types: parsed, validated values with no I/O. "Parse, don't validate": once a
//! value of these types exists, it is known to be well-formed.

pub mod broadcast;
pub mod code;
pub mod complaint;
pub mod criteria;
pub mod cycle;
pub mod invite;
pub mod lang;
pub mod name;
pub mod nik;
pub mod notice;
pub mod period;
pub mod proposal;
pub mod region;
pub mod reminder;
pub mod role;
pub mod task;
pub mod workdays;

/// Western Indonesia Time (WIB), UTC+7 without daylight saving: the product's time zone.
pub fn wib() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}
