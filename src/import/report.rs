//! What an import did, as the operator reads it: the counts, the rows refused and the rows
//! loaded with a note (each with every problem it has, not only the first), and notes about the
//! whole file (how it was decoded, which columns were read under which name).
//!
//! Whatever the number of bad rows, the report stays short and its memory small: the first
//! [`IN_FULL`] rows by line are kept whole, and every row also counts in a group per reason
//! (a locale message id) that keeps its first [`LINES`] lines and a few of its values. A
//! report of at most [`IN_FULL`] rows names each; a longer one gives the groups instead, so a
//! wrong regency's file of twelve million rows prints a few lines, not twelve million.

use crate::i18n::{Lang, number, t, targs};
use fluent_templates::fluent_bundle::FluentValue;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Rows named one by one when there are no more of them.
pub const IN_FULL: usize = 20;
/// Line numbers a group names.
pub const LINES: usize = 5;
/// Distinct values a group quotes.
const EXAMPLES: usize = 3;

/// One problem of a row, or a note on the file: a locale message id and its arguments,
/// rendered in the operator's language when the report is.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub key: &'static str,
    args: Vec<(&'static str, FluentValue<'static>)>,
}

impl Reason {
    pub fn new(key: &'static str) -> Reason {
        Reason { key, args: vec![] }
    }

    /// The same reason with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<FluentValue<'static>>) -> Reason {
        self.args.push((name, value.into()));
        self
    }

    pub fn text(&self, lang: Lang) -> String {
        if self.args.is_empty() {
            t(lang, self.key)
        } else {
            targs(lang, self.key, &self.args)
        }
    }
}

/// Rows with problems, kept short whatever their number (see the module's comment).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Problems {
    rows: u64,
    /// The rows of the smallest line numbers, with every reason of each.
    first: BTreeMap<u64, Vec<Reason>>,
    groups: Vec<Group>,
}

/// The rows that have one reason.
#[derive(Debug, Clone, PartialEq)]
struct Group {
    key: &'static str,
    rows: u64,
    /// The smallest line numbers, in order.
    lines: Vec<u64>,
    /// Its first distinct values (whole reasons).
    examples: Vec<Reason>,
    /// It has other values than those.
    more: bool,
}

impl Group {
    fn add_line(&mut self, line: u64) {
        if self.lines.len() == LINES && self.lines.last().is_some_and(|&l| l <= line) {
            return;
        }
        if let Err(at) = self.lines.binary_search(&line) {
            self.lines.insert(at, line);
            self.lines.truncate(LINES);
        }
    }

    fn add_example(&mut self, reason: &Reason) {
        if self.examples.contains(reason) {
            return;
        }
        if self.examples.len() < EXAMPLES {
            self.examples.push(reason.clone());
        } else {
            self.more = true;
        }
    }
}

impl Problems {
    /// A row and every problem it has.
    pub fn add(&mut self, line: u64, reasons: Vec<Reason>) {
        self.rows += 1;
        for (i, r) in reasons.iter().enumerate() {
            let group = match self.groups.iter_mut().position(|g| g.key == r.key) {
                Some(g) => &mut self.groups[g],
                None => {
                    self.groups.push(Group {
                        key: r.key,
                        rows: 0,
                        lines: vec![],
                        examples: vec![],
                        more: false,
                    });
                    self.groups.last_mut().expect("just pushed")
                }
            };
            // A row counts once in a group, however many of its reasons are of that kind.
            if !reasons[..i].iter().any(|x| x.key == r.key) {
                group.rows += 1;
                group.add_line(line);
            }
            group.add_example(r);
        }
        self.keep_first(line, reasons);
    }

    fn keep_first(&mut self, line: u64, reasons: Vec<Reason>) {
        if self.first.len() == IN_FULL {
            match self.first.last_key_value() {
                Some((&last, _)) if last > line => {
                    self.first.pop_last();
                }
                _ => return,
            }
        }
        self.first.entry(line).or_default().extend(reasons);
    }

    /// Adds the rows of `other` (read elsewhere, e.g. on another thread).
    pub fn merge(&mut self, other: Problems) {
        self.rows += other.rows;
        for g in other.groups {
            match self.groups.iter_mut().find(|x| x.key == g.key) {
                None => self.groups.push(g),
                Some(x) => {
                    x.rows += g.rows;
                    for l in g.lines {
                        x.add_line(l);
                    }
                    for e in &g.examples {
                        x.add_example(e);
                    }
                    x.more |= g.more;
                }
            }
        }
        for (line, reasons) in other.first {
            self.keep_first(line, reasons);
        }
    }

    /// How many rows.
    pub fn len(&self) -> u64 {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The line numbers of the first rows (all of them when there are at most [`IN_FULL`]).
    pub fn lines(&self) -> Vec<u64> {
        self.first.keys().copied().collect()
    }

    /// The first rows with their reasons, by line.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &[Reason])> {
        self.first.iter().map(|(l, r)| (*l, r.as_slice()))
    }

    /// The reasons of one of the first rows, joined as the report shows them.
    pub fn text_of(&self, line: u64, lang: Lang) -> Option<String> {
        let reasons = self.first.get(&line)?;
        let text: Vec<String> = reasons.iter().map(|r| r.text(lang)).collect();
        Some(text.join("; "))
    }

    /// How many rows have a reason of this message id.
    pub fn count(&self, key: &str) -> u64 {
        self.groups
            .iter()
            .find(|g| g.key == key)
            .map_or(0, |g| g.rows)
    }

    /// The rows, one line each (`row_key`: the message of a row) when they are few, else one
    /// line per reason under a heading (`groups_key`).
    fn render(&self, lang: Lang, row_key: &str, groups_key: &str, out: &mut String) {
        if self.rows as usize <= IN_FULL && self.first.len() as u64 == self.rows {
            for &line in self.first.keys() {
                let args = [
                    ("line", line.to_string().into()),
                    (
                        "reason",
                        self.text_of(line, lang).unwrap_or_default().into(),
                    ),
                ];
                let _ = writeln!(out, "{}", targs(lang, row_key, &args));
            }
            return;
        }
        let rows = [
            ("rows", number(lang, self.rows as i64).into()),
            ("count", (self.rows as i64).into()),
        ];
        let _ = writeln!(out, "{}", targs(lang, groups_key, &rows));
        let mut groups: Vec<&Group> = self.groups.iter().collect();
        groups.sort_by_key(|g| (std::cmp::Reverse(g.rows), g.lines.first().copied()));
        for g in groups {
            let mut reason: Vec<String> = g.examples.iter().map(|r| r.text(lang)).collect();
            if g.more {
                reason.push(t(lang, "import-group-more-values"));
            }
            let mut lines: Vec<String> = g.lines.iter().map(|l| l.to_string()).collect();
            if g.rows > g.lines.len() as u64 {
                lines.push("…".into());
            }
            let args = [
                ("rows", number(lang, g.rows as i64).into()),
                ("count", (g.rows as i64).into()),
                ("reason", reason.join("; ").into()),
                ("lines", lines.join(", ").into()),
            ];
            let _ = writeln!(out, "{}", targs(lang, "import-group", &args));
        }
    }
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ImportReport {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Rows not loaded, and why.
    pub rejected: Problems,
    /// Rows loaded with something left out or guessed, and what.
    pub warned: Problems,
    /// About the whole file: its encoding, the columns read under other names.
    pub notes: Vec<Reason>,
}

impl ImportReport {
    /// A row refused for one reason.
    pub fn reject(&mut self, line: u64, reason: Reason) {
        self.rejected.add(line, vec![reason]);
    }

    /// A row refused, with every problem it has.
    pub fn reject_all(&mut self, line: u64, reasons: Vec<Reason>) {
        self.rejected.add(line, reasons);
    }

    /// A row loaded, with what was left out or guessed.
    pub fn warn(&mut self, line: u64, reasons: Vec<Reason>) {
        self.warned.add(line, reasons);
    }

    /// The report as the operator reads it.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for n in &self.notes {
            let _ = writeln!(out, "{}", n.text(lang));
        }
        self.rejected.render(
            lang,
            "import-row-rejected",
            "import-rejected-groups",
            &mut out,
        );
        self.warned
            .render(lang, "import-row-warned", "import-warned-groups", &mut out);
        let _ = write!(
            out,
            "{}",
            targs(
                lang,
                "import-summary",
                &[
                    ("added", number(lang, self.added as i64).into()),
                    ("updated", number(lang, self.updated as i64).into()),
                    ("unchanged", number(lang, self.unchanged as i64).into()),
                    ("rejected", number(lang, self.rejected.len() as i64).into()),
                ]
            )
        );
        if !self.warned.is_empty() {
            let rows = [
                ("rows", number(lang, self.warned.len() as i64).into()),
                ("count", (self.warned.len() as i64).into()),
            ];
            let _ = write!(out, "\n{}", targs(lang, "import-summary-warned", &rows));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(value: &str) -> Reason {
        Reason::new("import-reason-unknown-program").arg("value", value.to_string())
    }

    #[test]
    fn a_few_rows_are_named_one_by_one_with_every_reason() {
        let mut p = Problems::default();
        p.add(7, vec![unknown("BLT")]);
        p.add(
            3,
            vec![
                Reason::new("import-reason-nik-missing"),
                Reason::new("import-reason-name-missing"),
            ],
        );
        let mut out = String::new();
        p.render(
            Lang::En,
            "import-row-rejected",
            "import-rejected-groups",
            &mut out,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(
            lines[0].starts_with("Line 3: ") && lines[0].contains("; "),
            "{out}"
        );
        assert!(
            lines[1].starts_with("Line 7: ") && lines[1].contains("BLT"),
            "{out}"
        );
    }

    #[test]
    fn many_rows_are_grouped_by_reason_with_counts_and_first_lines() {
        let mut p = Problems::default();
        // Rows arrive out of order (the KPM import finds repeated NIKs after sorting).
        for line in (2..100_002u64).rev() {
            let v = format!("X{}", line % 7);
            p.add(line, vec![unknown(&v)]);
        }
        p.add(1_000_000, vec![Reason::new("import-reason-nik-missing")]);
        assert_eq!(p.len(), 100_001);
        assert_eq!(p.lines(), (2..22).collect::<Vec<_>>());
        assert_eq!(p.count("import-reason-unknown-program"), 100_000);
        let mut out = String::new();
        p.render(
            Lang::Id,
            "import-row-rejected",
            "import-rejected-groups",
            &mut out,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(lines[0].contains("100.001"), "{out}");
        assert!(lines[1].contains("100.000") && lines[1].contains("2, 3, 4, 5, 6, …"));
        assert!(
            lines[2].contains("1000000") && !lines[2].contains('…'),
            "{out}"
        );
    }

    #[test]
    fn merged_problems_are_as_if_added_in_one() {
        let (mut even, mut odd, mut all) = (
            Problems::default(),
            Problems::default(),
            Problems::default(),
        );
        for line in 2..40u64 {
            let r = vec![unknown("P"), Reason::new("import-reason-nik-missing")];
            all.add(line, r.clone());
            if line % 2 == 0 {
                even.add(line, r);
            } else {
                odd.add(line, r);
            }
        }
        even.merge(odd);
        assert_eq!(even, all);
    }
}
