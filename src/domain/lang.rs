//! The languages the bot speaks: what is stored for each user and what Telegram reports. The
//! texts themselves are in `crate::i18n`.

use serde::{Deserialize, Serialize};

/// A language the bot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
    /// A stored language code; anything unknown is Indonesian.
    pub fn from_code(code: &str) -> Lang {
        match code {
            "en" => Lang::En,
            _ => Lang::Id,
        }
    }
    /// The starting language of a new user: English when Telegram says so, else Indonesian.
    pub fn from_telegram(code: Option<&str>) -> Lang {
        match code {
            Some(c) if c == "en" || c.starts_with("en-") => Lang::En,
            _ => Lang::Id,
        }
    }
}
