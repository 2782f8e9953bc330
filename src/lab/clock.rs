//! Time as Exchange prints it. The lab has no date crate: these few conversions are all it needs.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01 UTC now.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// (year, month, day) for days since 1970-01-01 (H. Hinnant's civil-from-days).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 for a civil date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

struct Parts {
    y: i64,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
    weekday: usize,
}

fn parts(secs: i64) -> Parts {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    let (y, mo, d) = civil_from_days(days);
    Parts { y, mo, d, h: rem / 3600, mi: rem / 60 % 60, s: rem % 60, weekday: (days + 4).rem_euclid(7) as usize }
}

/// `2025-06-01T08:00:00Z`: the text stored in the lab and sent as `<DT>`.
pub fn iso(secs: i64) -> String {
    let p = parts(secs);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", p.y, p.mo, p.d, p.h, p.mi, p.s)
}

/// Reads `2025-06-01T08:00:00Z` (also with fractional seconds or a `+hh:mm` offset).
pub fn parse_iso(text: &str) -> Option<i64> {
    let t = text.trim();
    let (date, rest) = t.split_once('T')?;
    let mut d = date.split('-');
    let y: i64 = d.next()?.parse().ok()?;
    let mo: u32 = d.next()?.parse().ok()?;
    let day: u32 = d.next()?.parse().ok()?;
    if d.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&day) {
        return None;
    }
    let (time, offset) = if let Some(t) = rest.strip_suffix('Z') {
        (t, 0)
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let (t, off) = rest.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (oh, om) = off[1..].split_once(':')?;
        (t, sign * (oh.parse::<i64>().ok()? * 3600 + om.parse::<i64>().ok()? * 60))
    } else {
        (rest, 0)
    };
    let mut tp = time.split(':');
    let h: i64 = tp.next()?.parse().ok()?;
    let mi: i64 = tp.next()?.parse().ok()?;
    let s: f64 = tp.next().unwrap_or("0").parse().ok()?;
    if h > 23 || mi > 59 || !(0.0..61.0).contains(&s) {
        return None;
    }
    Some(days_from_civil(y, mo, day) * 86_400 + h * 3600 + mi * 60 + s as i64 - offset)
}

/// `5/19/2020 10:19:41 PM`: the en-US `DateTime.ToString()` Exchange puts in `TimeStamp=` (docs/exchange-notes.md §6.1).
pub fn exchange_timestamp(secs: i64) -> String {
    let p = parts(secs);
    let (h12, ampm) = match p.h {
        0 => (12, "AM"),
        1..=11 => (p.h, "AM"),
        12 => (12, "PM"),
        _ => (p.h - 12, "PM"),
    };
    format!("{}/{}/{} {}:{:02}:{:02} {}", p.mo, p.d, p.y, h12, p.mi, p.s, ampm)
}

/// `Tue, 28 Mar 2023 13:55:04 GMT`: the Exchange Online module's `TimeStamp=` (fixture
/// errors/exo-Get-Recipient-ManagementObjectNotFound.txt).
pub fn http_date(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let p = parts(secs);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        DAYS[p.weekday],
        p.d,
        MONTHS[(p.mo - 1) as usize],
        p.y,
        p.h,
        p.mi,
        p.s
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_match_exchange_examples() {
        let t = parse_iso("2020-05-19T22:19:41Z").unwrap();
        assert_eq!(exchange_timestamp(t), "5/19/2020 10:19:41 PM");
        assert_eq!(iso(t), "2020-05-19T22:19:41Z");
        assert_eq!(http_date(parse_iso("2023-03-28T13:55:04Z").unwrap()), "Tue, 28 Mar 2023 13:55:04 GMT");
        assert_eq!(exchange_timestamp(parse_iso("2018-09-17T00:05:00Z").unwrap()), "9/17/2018 12:05:00 AM");
        assert_eq!(parse_iso("2022-10-19T20:31:31-07:00"), parse_iso("2022-10-20T03:31:31Z"));
        assert_eq!(parse_iso("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_iso("2024-02-29T12:00:00.5Z").map(iso).as_deref(), Some("2024-02-29T12:00:00Z"));
        assert_eq!(parse_iso("yesterday"), None);
        assert_eq!(parse_iso("2024-13-01T00:00:00Z"), None);
    }
}
