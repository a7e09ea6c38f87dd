//! The words a cell may hold, as operators write them, and what each means.
//!
//! Cells are compared after [`word`]: case does not count, and spaces, hyphens, underscores
//! and dots count as one space, so "Sudah Diterima", "sudah_diterima" and "SUDAH-DITERIMA" are
//! one word. The tables here are also what `kesos-bot import … --help` lists.
//!
//! An optional column (`status_kks`, `aktif`, `desil`) never refuses a row: a value not in its
//! table loads the row as if the cell were empty, and the import names the line and the value.

/// Whether a separator in a cell: runs of them count as one space.
fn separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '_' | '.')
}

/// A cell as it is compared, character by character (nothing is allocated: the imports
/// compare millions of cells): lower case, runs of spaces, hyphens, underscores and dots as
/// one space, none at either end.
fn word_chars(value: &str) -> impl Iterator<Item = char> + '_ {
    let mut after_separator = false;
    value
        .trim_matches(separator)
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(move |c| match (separator(c), after_separator) {
            (true, true) => None,
            (true, false) => {
                after_separator = true;
                Some(' ')
            }
            (false, _) => {
                after_separator = false;
                Some(c)
            }
        })
}

/// Whether a cell says `word` (written in lower case, single spaces).
fn says(value: &str, word: &str) -> bool {
    word_chars(value).eq(word.chars())
}

/// A cell as it is compared, as text.
pub fn word(value: &str) -> String {
    word_chars(value).collect()
}

/// KKS card statuses as stored, each with the words read as it (the stored code among them).
pub const KKS_WORDS: [(&str, &[&str]); 4] = [
    (
        "aktif",
        &[
            "aktif",
            "sudah diterima",
            "diterima",
            "sudah",
            "sudah terdistribusi",
            "terdistribusi",
            "baik",
            "normal",
            "ada",
            "active",
        ],
    ),
    (
        "belum_terdistribusi",
        &[
            "belum terdistribusi",
            "belum",
            "belum diterima",
            "belum didistribusikan",
            "belum dibagikan",
        ],
    ),
    (
        "bermasalah",
        &[
            "bermasalah",
            "rusak",
            "hilang",
            "tidak aktif",
            "nonaktif",
            "non aktif",
            "terblokir",
            "diblokir",
            "blokir",
        ],
    ),
    (
        "tidak_ada",
        &["tidak ada", "belum punya", "tidak punya", "tanpa kartu"],
    ),
];

/// The index in [`KKS_WORDS`] of a KKS status cell; `None` for a word not in the table.
pub fn kks_status(value: &str) -> Option<u8> {
    KKS_WORDS
        .iter()
        .position(|(_, words)| words.iter().any(|w| says(value, w)))
        .map(|i| i as u8)
}

/// Words read as "yes" in `aktif` (an empty cell is "yes" too: the extract lists recipients).
pub const ACTIVE_YES: &[&str] = &["ya", "y", "1", "aktif", "masih aktif", "iya", "yes", "true"];
/// Words read as "no" in `aktif`.
pub const ACTIVE_NO: &[&str] = &[
    "tidak",
    "t",
    "0",
    "tidak aktif",
    "nonaktif",
    "non aktif",
    "tdk",
    "tdk aktif",
    "no",
    "n",
    "false",
];

/// An `aktif` cell: `None` for a word not in either list.
pub fn active(value: &str) -> Option<bool> {
    yes_no(value, ACTIVE_YES, ACTIVE_NO)
}

/// Words read as "received" in `diterima` (`import penyaluran`).
pub const RECEIVED_YES: &[&str] = &[
    "ya",
    "y",
    "1",
    "sudah",
    "sudah diterima",
    "diterima",
    "tersalur",
    "sudah tersalur",
    "yes",
];
/// Words read as "not received".
pub const RECEIVED_NO: &[&str] = &[
    "tidak",
    "t",
    "0",
    "belum",
    "belum diterima",
    "tidak diterima",
    "belum tersalur",
    "tidak tersalur",
    "no",
];

/// A `diterima` cell: `None` for a word not in either list.
pub fn received(value: &str) -> Option<bool> {
    yes_no(value, RECEIVED_YES, RECEIVED_NO)
}

fn yes_no(value: &str, yes: &[&str], no: &[&str]) -> Option<bool> {
    if yes.iter().any(|w| says(value, w)) {
        Some(true)
    } else if no.iter().any(|w| says(value, w)) {
        Some(false)
    } else {
        None
    }
}

/// A desil cell: `2`, "Desil 2", "D2", "desil-2" (1 to 10); `None` otherwise.
pub fn desil(value: &str) -> Option<i64> {
    let v = value.trim();
    let after_prefix = match v.get(..5).filter(|p| p.eq_ignore_ascii_case("desil")) {
        Some(_) => Some(&v[5..]),
        None => v.strip_prefix(['d', 'D']),
    };
    let digits = match after_prefix {
        Some(rest) => rest.trim_start_matches([' ', '-', '_', '.', ':']),
        None => v,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=10).contains(d))
}

/// What joins several programs in one cell.
pub const PROGRAM_SEPARATORS: [char; 4] = ['|', ',', '/', ';'];

/// Program codes and the other names they go by (compared by their letters and digits only,
/// in any case: "PBI-JK" is "pbi jk").
pub const PROGRAM_NAMES: [(&str, &[&str]); 3] = [
    (
        "SEMBAKO",
        &[
            "BPNT",
            "Program Sembako",
            "Bantuan Pangan Non-Tunai",
            "Bansos Sembako",
        ],
    ),
    ("PKH", &["Program Keluarga Harapan"]),
    ("PBI", &["PBI-JK", "PBI JKN", "PBI APBN", "KIS", "KIS PBI"]),
];

/// Two names with the same letters and digits, in any case.
fn same_name(a: &str, b: &str) -> bool {
    fn key(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
    }
    key(a).eq(key(b))
}

/// The index among the database's program `codes` of a program as a cell names it (`bpnt`,
/// "PBI-JK" and the like).
pub fn program_index(codes: &[String], value: &str) -> Option<u8> {
    let code = PROGRAM_NAMES
        .iter()
        .find(|(code, names)| same_name(code, value) || names.iter().any(|n| same_name(n, value)))
        .map_or(value, |(code, _)| code);
    codes
        .iter()
        .position(|c| same_name(c, code))
        .map(|i| i as u8)
}

/// A number Excel wrote in scientific notation (`3.21501E+15`, `3,21501E+15`): what it does to
/// a NIK or No. KK typed in a column formatted as a number. The digits beyond the sixth are
/// lost; only the source can give them back.
pub fn scientific(value: &str) -> bool {
    let v = value.trim();
    let Some((mantissa, exponent)) = v.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let mut parts = mantissa.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next().unwrap_or("0");
    [whole, fraction, exponent]
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_compared_without_case_or_separators() {
        assert_eq!(word("  Sudah_Diterima "), "sudah diterima");
        assert_eq!(word("BELUM--terdistribusi"), "belum terdistribusi");
        assert_eq!(word("Kel. "), "kel");
        assert_eq!(word("-sudah- "), "sudah");
        assert!(says("Sudah  Diterima.", "sudah diterima"));
    }

    #[test]
    fn kks_statuses_accept_what_operators_write() {
        let code = |v| kks_status(v).map(|i| KKS_WORDS[i as usize].0);
        for (v, expected) in [
            ("Sudah Diterima", Some("aktif")),
            ("diterima", Some("aktif")),
            ("SUDAH", Some("aktif")),
            ("belum", Some("belum_terdistribusi")),
            ("Belum Terdistribusi", Some("belum_terdistribusi")),
            ("belum_terdistribusi", Some("belum_terdistribusi")),
            ("Rusak", Some("bermasalah")),
            ("hilang", Some("bermasalah")),
            ("Tidak Aktif", Some("bermasalah")),
            ("tidak_ada", Some("tidak_ada")),
            ("kartu ok", None),
        ] {
            assert_eq!(code(v), expected, "{v}");
        }
    }

    #[test]
    fn flags_desil_and_programs_accept_common_spellings() {
        assert_eq!(active("Tidak Aktif"), Some(false));
        assert_eq!(active("YA"), Some(true));
        assert_eq!(active("mungkin"), None);
        assert_eq!(received("Sudah Diterima"), Some(true));
        assert_eq!(received("belum"), Some(false));
        assert_eq!(received("?"), None);
        for (v, d) in [
            ("2", Some(2)),
            ("Desil 2", Some(2)),
            ("DESIL-10", Some(10)),
            ("d3", Some(3)),
            ("0", None),
            ("11", None),
            ("2.5", None),
            ("desil", None),
            ("-2", None),
        ] {
            assert_eq!(desil(v), d, "{v}");
        }
        let codes = vec!["SEMBAKO".to_string(), "PKH".into(), "PBI".into()];
        assert_eq!(program_index(&codes, "bpnt"), Some(0));
        assert_eq!(program_index(&codes, "PBI-JK"), Some(2));
        assert_eq!(program_index(&codes, "Program Keluarga Harapan"), Some(1));
        assert_eq!(program_index(&codes, "BLT"), None);
    }

    #[test]
    fn numbers_excel_wrote_in_scientific_notation_are_recognised() {
        for v in [
            "3.21501E+15",
            "3,21501E+15",
            "3.2E15",
            "3E+15",
            " 3.21501e+15 ",
        ] {
            assert!(scientific(v), "{v}");
        }
        for v in [
            "3215011234567890",
            "E+15",
            "3.2E",
            "abcE+15",
            "3.21501E-15x",
        ] {
            assert!(!scientific(v), "{v}");
        }
    }
}
