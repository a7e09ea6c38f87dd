//! Who the caller is to the bot.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// A resident (warga): anyone who writes to the bot.
    Warga,
    /// Pekerja Sosial Masyarakat: community social worker of one or more kelurahan.
    Psm,
    /// Tenaga Kesejahteraan Sosial Kecamatan: the social-welfare worker of a kecamatan.
    Tksk,
    /// An operator of Dinas Sosial, the regency's social-affairs office.
    Dinsos,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Warga => "warga",
            Role::Psm => "psm",
            Role::Tksk => "tksk",
            Role::Dinsos => "dinsos",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "warga" => Some(Role::Warga),
            "psm" => Some(Role::Psm),
            "tksk" => Some(Role::Tksk),
            "dinsos" => Some(Role::Dinsos),
            _ => None,
        }
    }
    pub fn is_worker(self) -> bool {
        !matches!(self, Role::Warga)
    }
}

impl TryFrom<String> for Role {
    type Error = super::task::UnknownCode;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Role::parse(&code).ok_or(super::task::UnknownCode("role", code))
    }
}
