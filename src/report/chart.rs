//! Charts as PNG pictures, drawn in memory with the font in `assets/fonts` (no system fonts):
//! kuota against realisasi per desa/kelurahan as horizontal bars (names stay readable on a
//! phone), and the monthly series as a line. Numbers on the axes as people write them
//! (`8.240` in Indonesian).

use super::{Realisasi, month_label, period_label};
use crate::i18n::{Lang, number, t, targs};
use plotters::prelude::*;
use std::sync::Once;

const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "kesos-sans";

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_err() {
            tracing::error!("the chart font does not load; charts will have no text");
        }
    });
}

const KUOTA: RGBColor = RGBColor(190, 190, 190);
const REALISASI: RGBColor = RGBColor(25, 118, 210);

/// An RGB buffer as a PNG file.
fn png(width: u32, height: u32, rgb: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = ::png::Encoder::new(&mut out, width, height);
        enc.set_color(::png::ColorType::Rgb);
        enc.set_depth(::png::BitDepth::Eight);
        let mut w = enc.write_header()?;
        w.write_image_data(rgb)?;
    }
    Ok(out)
}

/// Kuota (grey) and realisasi (blue) per desa/kelurahan, one pair of bars a row.
pub fn bars(lang: Lang, r: &Realisasi, area: &str) -> anyhow::Result<Vec<u8>> {
    register_font();
    let n = r.lines.len().max(1);
    let (w, h) = (1000u32, 180 + 70 * n as u32);
    let mut buf = vec![255u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE)?;
        let max = r
            .lines
            .iter()
            .map(|l| l.kuota.unwrap_or(0).max(l.realisasi))
            .max()
            .unwrap_or(1)
            .max(1);
        let title = targs(
            lang,
            "chart-bars-title",
            &[
                ("area", area.to_string().into()),
                ("period", period_label(lang, r.period).into()),
            ],
        );
        let names: Vec<String> = r.lines.iter().map(|l| l.name.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FAMILY, 30))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(230)
            .build_cartesian_2d(0i64..(max + max / 8 + 1), (0..n).into_segmented())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_label_formatter(&|v| number(lang, *v))
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => names.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style((FAMILY, 22))
            .y_labels(n)
            .draw()?;
        // Two bars in each row: kuota in one half, realisasi in the other.
        for (i, l) in r.lines.iter().enumerate() {
            let kuota = l.kuota.unwrap_or(0);
            chart.draw_series(std::iter::once(Rectangle::new(
                [
                    (0, SegmentValue::Exact(i)),
                    (kuota, SegmentValue::CenterOf(i)),
                ],
                KUOTA.filled(),
            )))?;
            chart.draw_series(std::iter::once(Rectangle::new(
                [
                    (0, SegmentValue::CenterOf(i)),
                    (l.realisasi, SegmentValue::Exact(i + 1)),
                ],
                REALISASI.filled(),
            )))?;
        }
        let legend = [
            (t(lang, "report-col-kuota"), KUOTA),
            (t(lang, "report-col-realisasi"), REALISASI),
        ];
        for (k, (label, color)) in legend.iter().enumerate() {
            let x = 260 + 220 * k as i32;
            let y = h as i32 - 35;
            root.draw(&Rectangle::new([(x, y), (x + 24, y + 20)], color.filled()))?;
            root.draw(&Text::new(label.clone(), (x + 32, y), (FAMILY, 22)))?;
        }
        root.present()?;
    }
    png(w, h, &buf)
}

/// Households who received, month by month.
pub fn line(lang: Lang, r: &Realisasi, area: &str) -> anyhow::Result<Vec<u8>> {
    register_font();
    let (w, h) = (1000u32, 620u32);
    let mut buf = vec![255u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE)?;
        let n = r.series.len().max(1);
        let max = r.series.iter().map(|s| s.1).max().unwrap_or(1).max(1);
        let title = targs(
            lang,
            "chart-line-title",
            &[
                ("area", area.to_string().into()),
                ("period", period_label(lang, r.period).into()),
            ],
        );
        let labels: Vec<String> = r
            .series
            .iter()
            .map(|(m, _)| month_label(lang, *m))
            .collect();
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FAMILY, 30))
            .margin(25)
            .x_label_area_size(60)
            .y_label_area_size(110)
            // Half a month of room on each side, so that the first and last labels fit.
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0i64..(max + max / 6 + 1))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                labels.get(i as usize).cloned().unwrap_or_default()
            })
            .y_label_formatter(&|v| number(lang, *v))
            .label_style((FAMILY, 20))
            .draw()?;
        let points: Vec<(f64, i64)> = r
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| (i as f64, s.1))
            .collect();
        chart.draw_series(LineSeries::new(points.clone(), REALISASI.stroke_width(4)))?;
        chart.draw_series(
            points
                .iter()
                .map(|p| Circle::new(*p, 7, REALISASI.filled())),
        )?;
        // Each value written just above its point.
        chart.draw_series(points.iter().map(|(x, v)| {
            let label = number(lang, *v);
            EmptyElement::at((*x, *v)) + Text::new(label, (-24, -34), (FAMILY, 22).into_font())
        }))?;
        root.present()?;
    }
    png(w, h, &buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Line;

    fn table_1() -> Realisasi {
        let rows = [
            ("Adiarsa Barat", 550, 420),
            ("Karangpawitan", 1325, 673),
            ("Karawang Kulon", 924, 479),
            ("Mekarjati", 1453, 1200),
            ("Nagasari", 803, 330),
            ("Tanjungmekar", 920, 760),
            ("Tanjungpura", 782, 612),
            ("Tunggakjati", 1483, 1222),
        ];
        Realisasi {
            program: "SEMBAKO".into(),
            period: ((2018, 4), (2018, 8)),
            lines: rows
                .iter()
                .map(|(n, k, d)| Line {
                    code: String::new(),
                    name: n.to_string(),
                    kuota: Some(*k),
                    realisasi: *d,
                })
                .collect(),
            mismatches: vec![],
            series: vec![((2018, 4), 5100), ((2018, 5), 4900), ((2018, 6), 5300)],
        }
    }

    #[test]
    fn charts_are_pictures_with_ink_on_them() {
        let r = table_1();
        for (name, bytes) in [
            ("bars", bars(Lang::Id, &r, "Karawang Barat").unwrap()),
            ("line", line(Lang::Id, &r, "Karawang Barat").unwrap()),
        ] {
            assert_eq!(&bytes[1..4], b"PNG");
            if let Ok(dir) = std::env::var("KESOS_CHART_OUT") {
                std::fs::write(format!("{dir}/{name}.png"), &bytes).unwrap();
            }
        }
    }
}
