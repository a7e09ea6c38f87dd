//! Reports end to end with the real binary: the study's quotas and a penyaluran file that
//! matches its realisations reproduce its Table 1 row by row, with totals computed from the
//! rows and the note that the kecamatan's official quota differs; its 2019 monthly series; a
//! re-import that changes nothing; bad rows named.

use crate::on_each_backend;
use kesos_bot::import::kpm::{synthetic_name, synthetic_nik};
use std::fmt::Write as _;

/// Table 1 of the study (BPNT, April–August 2018): kelurahan, code, kuota, realisasi.
const TABLE_1: [(&str, &str, i64, i64); 8] = [
    ("Adiarsa Barat", "32.15.01.1003", 550, 420),
    ("Karangpawitan", "32.15.01.1010", 1325, 673),
    ("Karawang Kulon", "32.15.01.1001", 924, 479),
    ("Mekarjati", "32.15.01.1012", 1453, 1200),
    ("Nagasari", "32.15.01.1011", 803, 330),
    ("Tanjungmekar", "32.15.01.1006", 920, 760),
    ("Tanjungpura", "32.15.01.1005", 782, 612),
    ("Tunggakjati", "32.15.01.1007", 1483, 1222),
];
/// Households who received, January–June 2019.
const SERIES_2019: [i64; 6] = [5991, 4745, 5780, 5533, 5690, 4974];

#[test]
fn the_studys_quotas_and_distributions_reproduce_its_table_1_and_its_monthly_series() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dbs = rt.block_on(async {
        let mut out = vec![];
        on_each_backend!(|tdb| {
            out.push(tdb);
        });
        out
    });
    for tdb in &dbs {
        eprintln!("--- on {:?}", tdb.backend);
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| {
            let r = crate::support::binary(tdb, args);
            assert!(r.ok, "{args:?}: {}", r.all());
            r.all()
        };
        // One household per kuota place, by kelurahan; household i has No. KK 321501{i}.
        let mut kpm = String::from("nik;nama;no_kk;kelurahan;program\n");
        let mut first = Vec::new();
        let mut i = 0u64;
        for (_, code, kuota, _) in TABLE_1 {
            first.push(i);
            for _ in 0..kuota {
                writeln!(
                    kpm,
                    "{};{};321501{i:010};{code};SEMBAKO",
                    synthetic_nik(i),
                    synthetic_name(i)
                )
                .unwrap();
                i += 1;
            }
        }
        let file = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p.to_str().unwrap().to_string()
        };
        run(&["import", "kpm", &file("kpm.csv", &kpm)]);
        // The quotas as Dinas Sosial writes them, the kecamatan's official total among them.
        let mut kuota = String::from("kelurahan;program;periode;kuota\n");
        for (name, _, k, _) in TABLE_1 {
            writeln!(
                kuota,
                "{name};BPNT;2018;{}",
                kesos_bot::i18n::number(kesos_bot::i18n::Lang::Id, k)
            )
            .unwrap();
        }
        kuota.push_str("Karawang Barat;BPNT;2018;8.220\nAtlantis;BPNT;2018;5\n");
        let report = run(&["import", "kuota", &file("kuota.csv", &kuota)]);
        assert!(
            report.contains("Baris 11") && report.contains("Atlantis"),
            "{report}"
        );
        // Penyaluran April–August 2018: the realised households received in one month each,
        // the others are recorded as not received; then January–June 2019.
        let mut pen = String::from("no_kk,program,periode,diterima\n");
        for (n, (_, _, kuota, done)) in TABLE_1.iter().enumerate() {
            for j in 0..*kuota as u64 {
                let h = first[n] + j;
                let month = 4 + j % 5;
                let got = if (j as i64) < *done { "ya" } else { "tidak" };
                writeln!(pen, "321501{h:010},SEMBAKO,2018-{month:02},{got}").unwrap();
            }
        }
        for (m, n) in SERIES_2019.iter().enumerate() {
            for h in 0..*n as u64 {
                writeln!(pen, "321501{h:010},SEMBAKO,2019-{:02},ya", m + 1).unwrap();
            }
        }
        pen.push_str("3215019999999999,SEMBAKO,2019-01,ya\n321501{bad},SEMBAKO,2019-13,ya\n3215010000000000,PKH,2019-01,ya\n");
        let pen_file = file("penyaluran.csv", &pen);
        let report = run(&["import", "penyaluran", &pen_file]);
        assert!(report.contains("tidak terdaftar sebagai KPM"), "{report}");
        assert!(report.contains("bukan KPM program PKH"), "{report}");
        // The regency: one line per kecamatan, the official difference still noted.
        let regency = run(&[
            "report",
            "realisasi",
            "--period",
            "2018-04..2018-08",
            "--area",
            "32.15",
        ]);
        assert!(
            regency.lines().any(|l| l.starts_with("Karawang Barat")
                && l.contains("8.240")
                && l.contains("5.696")),
            "{regency}"
        );
        assert!(
            !regency.contains("Adiarsa Barat") && regency.contains("8.220"),
            "{regency}"
        );
        // One kelurahan: its kecamatan's difference is the whole kecamatan's, not 550.
        let one = run(&[
            "report",
            "realisasi",
            "--period",
            "2018-04..2018-08",
            "--area",
            "Adiarsa Barat",
        ]);
        assert!(one.contains("8.220") && one.contains("8.240"), "{one}");
        assert!(
            !report.contains("3215019999999999"),
            "no number echoed: {report}"
        );
        let again = run(&["import", "penyaluran", &pen_file]);
        assert!(again.contains("Ditambahkan: 0, diperbarui: 0"), "{again}");
        // A changed file updates in place: one household did not receive after all, then did.
        let changed = file(
            "changed.csv",
            "no_kk;program;periode;diterima\n3215010000000000;SEMBAKO;2019-01;tidak\n",
        );
        let r = run(&["import", "penyaluran", &changed]);
        assert!(r.contains("Ditambahkan: 0, diperbarui: 1"), "{r}");
        let back = file(
            "back.csv",
            "no_kk;program;periode;diterima\n3215010000000000;SEMBAKO;2019-01;ya\n",
        );
        let r = run(&["import", "penyaluran", &back]);
        assert!(r.contains("Ditambahkan: 0, diperbarui: 1"), "{r}");

        let table = run(&[
            "report",
            "realisasi",
            "--period",
            "2018-04..2018-08",
            "--area",
            "Karawang Barat",
            "--program",
            "BPNT",
        ]);
        assert!(table.contains("April–Agustus 2018"), "{table}");
        for (name, _, kuota, done) in TABLE_1 {
            let line = table
                .lines()
                .find(|l| l.starts_with(name))
                .unwrap_or_else(|| panic!("{name}: {table}"));
            let nums: Vec<&str> = line[name.len()..].split_whitespace().collect();
            let id = |n: i64| kesos_bot::i18n::number(kesos_bot::i18n::Lang::Id, n);
            assert_eq!(nums[0], id(kuota), "{line}");
            assert_eq!(nums[1], id(done), "{line}");
            assert_eq!(nums[3], id(kuota - done), "{line}");
        }
        let total = table.lines().find(|l| l.starts_with("Total")).unwrap();
        assert!(
            total.contains("8.240") && total.contains("5.696") && total.contains("69,1%"),
            "{total}"
        );
        assert!(
            table.contains("kuota resmi Kecamatan Karawang Barat 8.220") && table.contains("8.240"),
            "{table}"
        );
        let csv = run(&[
            "report",
            "realisasi",
            "--period",
            "2018-04..2018-08",
            "--area",
            "32.15.01",
            "--format",
            "csv",
        ]);
        assert!(
            csv.contains("32.15.01.1003,Adiarsa Barat,550,420,76.4,130"),
            "{csv}"
        );
        assert!(csv.contains(",TOTAL,8240,5696,69.1,2544"), "{csv}");
        // Pictures a person can read: PNG files of a readable size, not blank.
        let png = dir.path().join("realisasi.png");
        let said = run(&[
            "report",
            "realisasi",
            "--period",
            "2018-04..2018-08",
            "--area",
            "Karawang Barat",
            "--format",
            "png",
            "--output",
            png.to_str().unwrap(),
        ]);
        assert!(said.contains("realisasi-bulanan.png"), "{said}");
        for file in [png.clone(), dir.path().join("realisasi-bulanan.png")] {
            let bytes = std::fs::read(&file).unwrap();
            assert_eq!(&bytes[1..4], b"PNG", "{file:?}");
            let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
            let mut reader = decoder.read_info().unwrap();
            let mut pixels = vec![0; reader.output_buffer_size()];
            let info = reader.next_frame(&mut pixels).unwrap();
            assert!(info.width >= 800 && info.height >= 400, "{info:?}");
            // Drawn on: many pixels are neither white nor one colour.
            let inked = pixels.chunks(3).filter(|p| p != &[255, 255, 255]).count();
            assert!(
                inked > (info.width * info.height / 50) as usize,
                "{file:?} is nearly blank"
            );
        }
        let series = run(&[
            "report",
            "realisasi",
            "--period",
            "2019-01..2019-06",
            "--area",
            "Karawang Barat",
        ]);
        for (m, n) in SERIES_2019.iter().enumerate() {
            let month = ["Januari", "Februari", "Maret", "April", "Mei", "Juni"][m];
            let expect = format!(
                "{month} 2019: {}",
                kesos_bot::i18n::number(kesos_bot::i18n::Lang::Id, *n)
            );
            assert!(series.contains(&expect), "{expect}: {series}");
        }
        // The KPM export: every member, masked numbers only, the last month received.
        let export = run(&["export", "kpm"]);
        assert_eq!(
            export.lines().count(),
            1 + 8240,
            "a header and one row per member"
        );
        assert!(!export.contains(&synthetic_nik(0)), "never a full NIK");
        assert!(
            export
                .lines()
                .skip(1)
                .all(|l| l.contains("**") && l.contains("SEMBAKO")),
            "masked, with programs"
        );
        // The households who received in 2019 (0..5,991) have a 2019 month as their last.
        let in_2019 = export
            .lines()
            .filter(|l| l.ends_with(",2019-06") || l.contains(",2019-0"))
            .count();
        assert_eq!(in_2019, 5991, "{}", export.lines().nth(1).unwrap());
        // In the bot: a TKSK's /rekap, with the indicators said honestly and the charts.
        rt.block_on(async {
            let bot = crate::support::TestBot::start(tdb).await;
            crate::support::enrolled(
                &bot,
                880,
                kesos_bot::domain::role::Role::Tksk,
                &["32.15.01"],
                "Pak Ujang",
            )
            .await;
            let r = bot.user(880).send("/rekap").await;
            r.assert_contains(&[
                "Rekap Kecamatan Karawang Barat",
                "Realisasi BPNT Januari–Juni 2019",
                "1. Ketepatan sasaran:",
                "2. Sosialisasi: belum ada data",
                "3. Tujuan program: belum ada data",
            ]);
            let photos = r.calls.iter().filter(|c| c.method == "sendphoto").count();
            assert_eq!(photos, 2, "the bar chart and the monthly line");
            assert_eq!(bot.api.uploads(), 2);
            let r = bot.user(880).press("rk:csv:32.15.01").await;
            let doc = r
                .calls
                .iter()
                .find(|c| c.method == "senddocument")
                .expect("the CSV");
            assert!(doc.text().contains("Realisasi BPNT"), "{:?}", doc.body);
            // Another kecamatan's figures are not a TKSK's to read.
            let r = bot.user(880).press_on(1, "", "rk:a:32.15").await;
            assert!(r.messages().is_empty() && r.toast().is_some());
            bot.stop().await;
        });
    }
    drop(dbs);
}
