//! What `kesos-bot import … --help` adds: the columns of each file, under all the names they
//! are recognised by, and the values understood, from the same tables the imports read (so
//! the help cannot say other than what the import does). In the operator's language.

use super::columns::Column;
use super::values;
use crate::i18n::{Lang, t, targs};
use std::fmt::Write;

/// The file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Wilayah,
    Kpm,
    Kuota,
    Penyaluran,
    Libur,
}

/// The help of `import KIND`, in the language of the machine's locale.
pub fn text(kind: Kind) -> String {
    render(kind, crate::i18n::operator_language())
}

/// Width of the first column of the help's tables.
const LABEL: usize = 12;
/// Width of the help's lines (a long one is wrapped at a space, indented under the first).
const WIDTH: usize = 100;

/// One entry: the label, then its lines, each wrapped, indented under the first.
fn entry(out: &mut String, label: &str, lines: &[String]) {
    let mut label = label;
    for line in lines {
        let mut current = String::new();
        for word in line.split(' ') {
            let len = current.chars().count() + word.chars().count() + 1;
            if !current.is_empty() && 2 + LABEL + len > WIDTH {
                let _ = writeln!(out, "  {label:<LABEL$}{current}");
                label = "";
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        let _ = writeln!(out, "  {label:<LABEL$}{current}");
        label = "";
    }
}

/// Words quoted and joined.
fn words(list: &[&str]) -> String {
    list.join(", ")
}

pub fn render(kind: Kind, lang: Lang) -> String {
    let (required, optional): (&[&Column], &[&Column]) = match kind {
        Kind::Wilayah => (&super::wilayah::REQUIRED, &[]),
        Kind::Kpm => (&super::kpm::REQUIRED, &super::kpm::OPTIONAL),
        Kind::Kuota => (&super::kuota::REQUIRED, &[]),
        Kind::Penyaluran => (&super::penyaluran::REQUIRED, &super::penyaluran::OPTIONAL),
        Kind::Libur => (&super::libur::REQUIRED, &[]),
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", t(lang, "import-help-columns"));
    let marks = [
        (required, t(lang, "import-help-required")),
        (optional, t(lang, "import-help-optional")),
    ];
    let also = t(lang, "import-help-also");
    for (columns, mark) in &marks {
        for c in columns.iter() {
            let mut line = mark.clone();
            if !c.aliases.is_empty() {
                let _ = write!(line, "; {also}: {}", words(c.aliases));
            }
            entry(&mut out, c.name, &[line]);
        }
    }
    let _ = writeln!(out, "\n{}", t(lang, "import-help-values"));
    match kind {
        Kind::Kpm => {
            entry(&mut out, "nik, no_kk", &[t(lang, "import-help-numbers")]);
            entry(&mut out, "kelurahan", &[t(lang, "import-help-kelurahan")]);
            program_help(&mut out, lang, true);
            let mut kks: Vec<String> = values::KKS_WORDS
                .iter()
                .map(|(code, w)| format!("{code}: {}", words(w)))
                .collect();
            kks.push(t(lang, "import-help-kks-other"));
            entry(&mut out, "status_kks", &kks);
            let yes_no = |yes: &[&str], no: &[&str]| {
                targs(
                    lang,
                    "import-help-yes-no",
                    &[("yes", words(yes).into()), ("no", words(no).into())],
                )
            };
            entry(
                &mut out,
                "aktif",
                &[
                    yes_no(values::ACTIVE_YES, values::ACTIVE_NO),
                    t(lang, "import-help-active-other"),
                ],
            );
            entry(&mut out, "desil", &[t(lang, "import-help-desil")]);
            entry(&mut out, "rt_rw", &[t(lang, "import-help-rt-rw")]);
        }
        Kind::Penyaluran => {
            entry(&mut out, "nik, no_kk", &[t(lang, "import-help-nik-or-kk")]);
            program_help(&mut out, lang, false);
            entry(&mut out, "periode", &[t(lang, "import-help-month")]);
            let received = targs(
                lang,
                "import-help-yes-no",
                &[
                    ("yes", words(values::RECEIVED_YES).into()),
                    ("no", words(values::RECEIVED_NO).into()),
                ],
            );
            entry(&mut out, "diterima", &[received]);
        }
        Kind::Kuota => {
            entry(&mut out, "kelurahan", &[t(lang, "import-help-quota-place")]);
            program_help(&mut out, lang, false);
            entry(&mut out, "periode", &[t(lang, "import-help-quota-period")]);
            entry(&mut out, "kuota", &[t(lang, "import-help-quota")]);
        }
        Kind::Libur => entry(&mut out, "tanggal", &[t(lang, "import-help-date")]),
        Kind::Wilayah => entry(&mut out, "kode", &[t(lang, "import-help-region-code")]),
    }
    let _ = write!(out, "\n{}", t(lang, "import-help-file"));
    out
}

/// The programs and their other names; `several`: whether a cell may hold more than one.
fn program_help(out: &mut String, lang: Lang, several: bool) {
    let names: Vec<String> = values::PROGRAM_NAMES
        .iter()
        .map(|(code, other)| format!("{code} ({})", words(other)))
        .collect();
    let mut lines = vec![names.join("; ")];
    if several {
        let separators: Vec<String> = values::PROGRAM_SEPARATORS
            .iter()
            .map(|c| c.to_string())
            .collect();
        lines.push(targs(
            lang,
            "import-help-programs-joined",
            &[("separators", separators.join(" ").into())],
        ));
    }
    entry(out, "program", &lines);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kpm_help_lists_every_column_name_and_value_the_import_reads() {
        // As one line: the help wraps long ones at spaces.
        let text = render(Kind::Kpm, Lang::Id)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for c in super::super::kpm::REQUIRED
            .iter()
            .chain(&super::super::kpm::OPTIONAL)
        {
            for name in c.names() {
                assert!(text.contains(name), "{name} missing in:\n{text}");
            }
        }
        for (code, words) in values::KKS_WORDS {
            assert!(text.contains(code));
            for w in words {
                assert!(text.contains(w), "{w}");
            }
        }
        assert!(
            text.contains("sudah diterima") && text.contains("Desil 2"),
            "{text}"
        );
    }

    #[test]
    fn no_header_name_is_claimed_by_two_columns_of_one_import() {
        use super::super::columns::normalise;
        for kind in [
            Kind::Wilayah,
            Kind::Kpm,
            Kind::Kuota,
            Kind::Penyaluran,
            Kind::Libur,
        ] {
            let columns: Vec<&Column> = match kind {
                Kind::Wilayah => super::super::wilayah::REQUIRED.to_vec(),
                Kind::Kpm => [
                    super::super::kpm::REQUIRED.as_slice(),
                    &super::super::kpm::OPTIONAL,
                ]
                .concat(),
                Kind::Kuota => super::super::kuota::REQUIRED.to_vec(),
                Kind::Penyaluran => [
                    super::super::penyaluran::REQUIRED.as_slice(),
                    &super::super::penyaluran::OPTIONAL,
                ]
                .concat(),
                Kind::Libur => super::super::libur::REQUIRED.to_vec(),
            };
            let mut seen = std::collections::HashMap::new();
            for c in &columns {
                for n in c.names() {
                    if let Some(other) = seen.insert(normalise(n), c.name) {
                        assert_eq!(other, c.name, "{kind:?}: {n} names {other} and {}", c.name);
                    }
                }
            }
        }
    }
}
