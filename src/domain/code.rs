//! Values stored by a stable code (`verify_proposal`, `eligible`, …) rather than by their Rust
//! name, so that renaming a variant never turns stored data unreadable. `#[serde(with =
//! "crate::domain::code")]` writes and reads a field by its code.

use serde::{Deserialize, Deserializer, Serializer, de::Error};

/// A value with a stable code.
pub trait Coded: Sized + Copy {
    /// What the value is, for an error message (`"task kind"`).
    const WHAT: &'static str;
    fn code(self) -> &'static str;
    fn parse(code: &str) -> Option<Self>;
}

pub fn serialize<T: Coded, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.code())
}

pub fn deserialize<'de, T: Coded, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let code = String::deserialize(d)?;
    T::parse(&code).ok_or_else(|| D::Error::custom(format!("unknown {} {code:?}", T::WHAT)))
}

macro_rules! coded {
    ($($t:ty => $what:literal),* $(,)?) => {$(
        impl Coded for $t {
            const WHAT: &'static str = $what;
            fn code(self) -> &'static str {
                <$t>::code(self)
            }
            fn parse(code: &str) -> Option<Self> {
                <$t>::parse(code)
            }
        }
    )*};
}

coded! {
    super::task::TaskKind => "task kind",
    super::task::VisitResult => "visit result",
    super::proposal::ProposalStatus => "proposal status",
    super::complaint::Category => "complaint category",
    super::complaint::Event => "complaint event",
    super::role::Role => "role",
}
