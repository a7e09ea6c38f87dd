//! Forgiving comparison of a person's name with the name on record (`/cek`): case, spaces and
//! punctuation do not matter, and one typo (a letter wrong, missing, extra or two swapped) is
//! forgiven.

/// Letters and digits only, lowercased, words separated by one space.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '.' | ',' | '-' | '_') {
            pending_space = true;
        }
        // Other punctuation (apostrophes…) is dropped without splitting the word.
    }
    out
}

/// Whether a typed name matches the recorded one.
pub fn matches(typed: &str, recorded: &str) -> bool {
    let a: Vec<char> = normalize(typed).chars().filter(|c| *c != ' ').collect();
    let b: Vec<char> = normalize(recorded).chars().filter(|c| *c != ' ').collect();
    if a.len() < 2 || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    // One typo is forgiven only in names long enough for it not to turn one name into another.
    a.len().min(b.len()) >= 4 && within_one_edit(&a, &b)
}

/// Optimal string alignment distance ≤ 1 (substitution, insertion, deletion, transposition).
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    if la == lb {
        // One substitution, or two neighbours swapped.
        ra[1..] == rb[1..]
            || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
    } else if la > lb {
        ra[1..] == *rb
    } else {
        *ra == rb[1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spaces_and_punctuation_do_not_matter() {
        assert!(matches("siti  aminah", "SITI AMINAH"));
        assert!(matches("Siti Aminah.", "SITI AMINAH"));
        assert!(matches("SITIAMINAH", "Siti Aminah"));
        assert!(matches("Moh. Ma'ruf", "MOH MARUF"));
    }

    #[test]
    fn one_typo_is_forgiven_two_are_not() {
        assert!(matches("Siti Aminh", "SITI AMINAH")); // missing
        assert!(matches("Siti Aminahh", "SITI AMINAH")); // extra
        assert!(matches("Siti Amimah", "SITI AMINAH")); // wrong
        assert!(matches("Siti Aminha", "SITI AMINAH")); // swapped
        assert!(!matches("Sita Amimah", "SITI AMINAH"));
        assert!(!matches("Budi Santoso", "SITI AMINAH"));
        assert!(!matches("", "SITI AMINAH"));
        assert!(!matches("Ani", "Ana"), "short names must match exactly");
    }
}
