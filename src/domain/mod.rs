//! Pure domain types: parsed, validated values with no I/O. "Parse, don't validate": once a
//! value of these types exists, it is known to be well-formed.

pub mod criteria;
pub mod invite;
pub mod lang;
pub mod name;
pub mod nik;
pub mod region;
pub mod role;
pub mod task;
