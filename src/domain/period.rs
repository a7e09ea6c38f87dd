//! Report periods: months as `YYYY-MM`, ranges as `YYYY-MM..YYYY-MM`, years as `YYYY`.

/// A month as (year, month 1–12).
pub type Month = (i32, u32);

/// `2018-04` → (2018, 4).
pub fn parse_month(s: &str) -> Option<Month> {
    let s = s.trim();
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    ((1..=12).contains(&m) && (1900..=2999).contains(&y)).then_some((y, m))
}

/// `2018-04..2018-08`, or one month `2018-04`, or a year `2018` (January to December).
pub fn parse_range(s: &str) -> Option<(Month, Month)> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once("..") {
        let (from, to) = (parse_month(a)?, parse_month(b)?);
        return (from <= to).then_some((from, to));
    }
    if s.len() == 4 {
        let y: i32 = s.parse().ok()?;
        return (1900..=2999).contains(&y).then_some(((y, 1), (y, 12)));
    }
    parse_month(s).map(|m| (m, m))
}

/// A quota's period: `YYYY` or `YYYY-MM`, as stored.
pub fn parse_quota_period(s: &str) -> Option<String> {
    let s = s.trim();
    if s.len() == 4 && s.parse::<i32>().is_ok_and(|y| (1900..=2999).contains(&y)) {
        return Some(s.to_string());
    }
    parse_month(s).map(|(y, m)| format!("{y}-{m:02}"))
}

/// The months from `from` to `to`, in order.
pub fn months(from: Month, to: Month) -> Vec<Month> {
    let mut out = Vec::new();
    let mut m = from;
    while m <= to {
        out.push(m);
        m = if m.1 == 12 {
            (m.0 + 1, 1)
        } else {
            (m.0, m.1 + 1)
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_as_operators_write_them() {
        assert_eq!(parse_month("2018-04"), Some((2018, 4)));
        assert_eq!(parse_month("2018-13"), None);
        assert_eq!(parse_month("18-04"), None);
        assert_eq!(
            parse_range("2018-04..2018-08"),
            Some(((2018, 4), (2018, 8)))
        );
        assert_eq!(parse_range("2018-08..2018-04"), None);
        assert_eq!(parse_range("2019"), Some(((2019, 1), (2019, 12))));
        assert_eq!(parse_range("2019-02"), Some(((2019, 2), (2019, 2))));
        assert_eq!(parse_quota_period("2018"), Some("2018".into()));
        assert_eq!(parse_quota_period("2018-4"), None);
        assert_eq!(months((2018, 11), (2019, 2)).len(), 4);
    }
}
