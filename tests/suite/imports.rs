//! What every CSV import does with a file that would trap it: a row or header longer than any
//! real one, a column named twice; and with files as operators bring them from Excel: plain
//! "CSV" (Windows-1252) rather than "CSV UTF-8", tabs, headers in their own words, statuses as
//! people write them, NIKs Excel turned into `3.21501E+15` — on real files and the real
//! binary, on SQLite and PostgreSQL.

use crate::on_each_backend;
use crate::support::{TestDb, binary};
use kesos_bot::domain::nik::Nik;
use kesos_bot::i18n::Lang;
use kesos_bot::import::ImportReport;
use kesos_bot::import::table::{MAX_HEADER, MAX_ROW};
use kesos_bot::store::Db;
use kesos_bot::store::keyed::Keyed;
use kesos_bot::store::residents;

const SITI: &str = "3215015203880001";
const BUDI: &str = "3215011505900002";
const FITRI: &str = "3215011203950007";

const HEAD: &[u8] = b"nik;nama;no_kk;kelurahan;program;alamat\n";

fn row(nik: &str, name: &str, kk: &str, address: &str) -> Vec<u8> {
    format!("{nik};{name};321501010120000{kk};Karawang Kulon;SEMBAKO;{address}\n").into_bytes()
}

/// Runs `import kpm` on a file of these bytes: the report, or the refusal as the operator
/// reads it (in Indonesian).
async fn import_kpm(db: &Db, bytes: &[u8]) -> Result<ImportReport, String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kpm.csv");
    std::fs::write(&file, bytes).unwrap();
    let secret = kesos_bot::store::secret::load(db, &crate::support::key_for(db))
        .await
        .unwrap();
    kesos_bot::import::kpm::import(db, &file, &secret, Lang::Id)
        .await
        .map_err(|e| format!("{e:#}"))
}

/// The stored members' names, in order.
async fn names(db: &Db) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT name FROM members ORDER BY name")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    rows.into_iter().map(|(n,)| n).collect()
}

fn lines(r: &ImportReport) -> Vec<u64> {
    r.rejected.lines()
}

#[tokio::test]
async fn a_row_longer_than_the_limit_is_refused_and_the_rest_loads() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        // Budi's row is otherwise good: a 3 MB address (a lost line end, a pasted blob).
        let file = [
            HEAD.to_vec(),
            row(SITI, "SITI AMINAH", "1", "Jl. Mawar 3"),
            row(BUDI, "BUDI SANTOSO", "2", &"x".repeat(3 << 20)),
            row(FITRI, "FITRI", "3", ""),
        ]
        .concat();
        let r = import_kpm(&db, &file).await.unwrap();
        assert_eq!((r.added, r.updated, r.unchanged), (2, 0, 0), "{r:?}");
        assert_eq!(lines(&r), vec![3]);
        let text = r.render(Lang::Id);
        assert!(
            text.contains(&format!("Baris 3: baris lebih dari {MAX_ROW} karakter\n")),
            "{text}"
        );
        assert_eq!(names(&db).await, ["FITRI", "SITI AMINAH"]);

        // A quote left open runs over the rows after it: the report says up to where.
        let mut file = [HEAD.to_vec(), row(SITI, "\"SITI AMINAH", "1", "")].concat();
        for _ in 0..3_000 {
            file.extend(row(BUDI, "BUDI SANTOSO", "2", "Jl. Melati 5"));
        }
        file.extend(row(FITRI, "FITRI", "3", ""));
        let r = import_kpm(&db, &file).await.unwrap();
        assert_eq!(lines(&r), vec![2], "{:?}", r.rejected);
        let reason = &r.rejected.text_of(2, Lang::Id).unwrap();
        assert!(
            reason.contains("sampai baris") && reason.contains("tanda kutip"),
            "{reason}"
        );
        // Budi's rows after the cut load (repeated word for word, they are one), and Fitri's
        // is unchanged.
        assert_eq!((r.added, r.updated, r.unchanged), (1, 0, 1), "{r:?}");
        assert_eq!(names(&db).await, ["BUDI SANTOSO", "FITRI", "SITI AMINAH"]);
    });
}

#[tokio::test]
async fn a_header_longer_than_the_limit_refuses_the_file_in_one_line_and_changes_nothing() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let header = format!(
            "nik;nama;no_kk;kelurahan;program;{}\n",
            "x".repeat(MAX_HEADER as usize)
        );
        let file = [header.into_bytes(), row(SITI, "SITI AMINAH", "1", "")].concat();
        let e = import_kpm(&db, &file).await.unwrap_err();
        assert_eq!(
            e,
            format!(
                "baris judul (nama kolom) lebih dari {MAX_HEADER} karakter: periksa apakah \
                 berkasnya benar"
            )
        );
        assert!(names(&db).await.is_empty());
    });
}

#[tokio::test]
async fn a_column_named_twice_refuses_the_file_naming_both_positions() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        // Read today from the last of the two: Siti would have been stored as "X".
        let file = [
            b"NIK;nama;no_kk;kelurahan;program; Nama \n".to_vec(),
            format!("{SITI};SITI AMINAH;3215010101200001;Karawang Kulon;SEMBAKO;X\n").into_bytes(),
        ]
        .concat();
        let e = import_kpm(&db, &file).await.unwrap_err();
        assert_eq!(
            e,
            "kolom `nama` muncul dua kali (kolom 2 dan 6): hapus atau ganti nama salah satunya"
        );
        assert!(names(&db).await.is_empty());

        // The region import reads its file the same way.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.csv");
        std::fs::write(&path, "kode,nama,KODE\n32.15.02,Klari,32.15.03\n").unwrap();
        let e = kesos_bot::import::wilayah::import(&db, &path, Lang::Id)
            .await
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("kolom `kode` muncul dua kali (kolom 1 dan 3)"),
            "{e}"
        );
    });
}

/// Text as Windows-1252 encodes it (the few characters these tests use).
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{c9}' => 0xC9,
            '\u{e9}' => 0xE9,
            '\u{2019}' => 0x92,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} is not in this table"),
        })
        .collect()
}

#[tokio::test]
async fn a_windows_1252_file_is_read_said_so_once_and_a_row_already_in_utf8_is_named() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        // Excel's plain "CSV": É is the byte C9, a curly apostrophe 92; the header too.
        let head = cp1252("nik;nama;no_kk;kelurahan;program;alamat;ket\u{e9}rangan\n");
        let file = [
            head,
            row(SITI, "SITI AMINAH", "1", "Jl. Mawar 3"),
            cp1252(&String::from_utf8(row(BUDI, "REN\u{c9}", "2", "")).unwrap()),
            cp1252(&String::from_utf8(row(FITRI, "FITRI", "3", "Gg. Ma\u{2019}ruf")).unwrap()),
        ]
        .concat();
        let r = import_kpm(&db, &file).await.unwrap();
        assert_eq!((r.added, r.updated, r.unchanged), (3, 0, 0), "{r:?}");
        assert!(r.rejected.is_empty(), "{r:?}");
        assert_eq!(names(&db).await, ["FITRI", "REN\u{c9}", "SITI AMINAH"]);
        let text = r.render(Lang::Id);
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with("Berkas ini bukan UTF-8: dibaca sebagai Windows-1252")
                && first.contains("3 baris")
                && first.contains("mulai baris 1")
                && first.contains("\"CSV UTF-8\""),
            "{text}"
        );
        assert_eq!(text.matches("Windows-1252").count(), 1, "{text}");

        // A row pasted in from a UTF-8 file, among Windows-1252 ones: read as UTF-8, and named.
        let file = [
            HEAD.to_vec(),
            cp1252(&String::from_utf8(row(BUDI, "REN\u{c9}", "2", "")).unwrap()),
            row(FITRI, "FITRI", "3", "Gg. Ma\u{2019}ruf"),
        ]
        .concat();
        let r = import_kpm(&db, &file).await.unwrap();
        assert_eq!((r.added, r.updated, r.unchanged), (0, 0, 2), "{r:?}");
        let text = r.render(Lang::Id);
        assert!(
            text.contains("1 baris yang sudah UTF-8 (baris 3)"),
            "{text}"
        );
    });
}

/// An operator's KPM export as Excel on Windows writes it: plain "CSV" (Windows-1252), CRLF,
/// `delimiter` between cells, Indonesian headers in the operator's words, KKS statuses as
/// people write them, programs joined with a comma, a slash or a semicolon in quoted cells. Line 4 has
/// optional values no table knows; line 5 a NIK Excel turned into a number; line 6 a short NIK
/// and no name.
fn excel_export(delimiter: &str) -> Vec<u8> {
    let d = delimiter;
    let lines = [
        format!(
            "No.{d}NIK KTP{d}Nama Lengkap{d}No. KK{d}Desa/Kelurahan{d}Program{d}Status KKS{d}\
             Aktif{d}Desil{d}RT/RW{d}Alamat"
        ),
        format!(
            "1{d}{SITI}{d}SITI AMINAH{d}3215010101200001{d}Karawang Kulon{d}\"SEMBAKO, PKH\"{d}\
             Sudah Diterima{d}Ya{d}Desil 2{d}003/005{d}Gg. Ma\u{2019}ruf"
        ),
        format!(
            "2{d}{BUDI}{d}REN\u{c9} SANTOSO{d}3215010101200002{d}Kelurahan Nagasari{d}\
             \"SEMBAKO/PBI-JK\"{d}belum{d}{d}D1{d}{d}"
        ),
        format!(
            "3{d}{FITRI}{d}FITRI{d}3215010101200003{d}Nagasari{d}\"SEMBAKO;PKH\"{d}kartu ok{d}\
             mungkin{d}sebelas{d}{d}"
        ),
        format!("4{d}3.21501E+15{d}DEDI{d}3215010101200004{d}Nagasari{d}PKH{d}rusak{d}{d}{d}{d}"),
        format!("5{d}32150152038800{d}{d}3215010101200005{d}Nagasari{d}PKH{d}hilang{d}{d}{d}{d}"),
    ];
    cp1252(&(lines.join("\r\n") + "\r\n"))
}

/// A household's programs as `/cek` reads them: (code, active, KKS status), by code.
async fn programs_of(db: &Db, keyed: &Keyed, nik: &str) -> Vec<(String, i64, Option<String>)> {
    let hash = keyed.nik(&Nik::parse(nik).unwrap());
    let hit = residents::find_member(db, &hash)
        .await
        .unwrap()
        .expect("a KPM");
    let mut p: Vec<_> = residents::household_programs(db, hit.household_id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.code, p.active, p.kks_status))
        .collect();
    p.sort();
    p
}

/// The stored name, desil, RT, RW and address of a member's household.
async fn household_of(
    db: &Db,
    keyed: &Keyed,
    nik: &str,
) -> (String, Option<i64>, [Option<String>; 3]) {
    let hash = keyed.nik(&Nik::parse(nik).unwrap());
    let (name, desil, rt, rw, address): (
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT m.name, h.desil, h.rt, h.rw, h.address FROM members m
             JOIN households h ON h.id = m.household_id WHERE m.nik_hash = $1",
    )
    .bind(&hash)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    (name, desil, [rt, rw, address])
}

#[tokio::test]
async fn an_excel_export_in_windows_1252_with_indonesian_headers_loads_every_row_or_says_why() {
    for delimiter in [";", "\t"] {
        on_each_backend!(|tdb| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("DTKS Karawang Barat.csv");
            std::fs::write(&path, excel_export(delimiter)).unwrap();
            let ran = binary(&tdb, &["import", "kpm", path.to_str().unwrap()]);
            assert!(ran.ok, "{}", ran.all());
            let out = ran.stdout.clone();
            let lines: Vec<&str> = out.lines().collect();
            // Said once, first: how the file was read, and which columns under which name.
            assert!(
                lines[0].starts_with("Berkas ini bukan UTF-8: dibaca sebagai Windows-1252")
                    && lines[0].contains("mulai baris 2"),
                "{out}"
            );
            for renamed in [
                "nik ← \"NIK KTP\"",
                "nama ← \"Nama Lengkap\"",
                "no_kk ← \"No. KK\"",
                "kelurahan ← \"Desa/Kelurahan\"",
                "rt_rw ← \"RT/RW\"",
            ] {
                assert!(lines[1].contains(renamed), "{renamed} in:\n{out}");
            }
            assert_eq!(lines[2], "Kolom yang tidak dibaca: \"No.\"", "{out}");
            // The NIK Excel turned into a number has its own explanation; a row with two
            // problems names both.
            assert!(
                out.contains(
                    "Baris 5: NIK tertulis \"3.21501E+15\": Excel mengubahnya menjadi angka dan \
                     angka belakangnya hilang. Format kolom NIK sebagai Teks"
                ),
                "{out}"
            );
            let line6 = lines
                .iter()
                .find(|l| l.starts_with("Baris 6: "))
                .expect(&out);
            assert!(
                line6.contains("NIK tidak sah") && line6.contains("; kolom nama kosong"),
                "{out}"
            );
            // Optional values no table knows load the row, each named with its line.
            let line4 = lines
                .iter()
                .find(|l| l.starts_with("Baris 4 (dimuat): "))
                .expect(&out);
            for note in [
                "status KKS \"kartu ok\" tidak dikenal",
                "nilai aktif \"mungkin\" tidak dikenal",
                "desil \"sebelas\" harus angka 1 sampai 10, dibiarkan kosong",
            ] {
                assert!(line4.contains(note), "{note} in:\n{out}");
            }
            assert!(
                out.ends_with(
                    "Ditambahkan: 3, diperbarui: 0, tidak berubah: 0, ditolak: 2\n\
                     Dimuat dengan catatan: 1 baris (sudah termasuk dalam hitungan di atas)\n"
                ),
                "{out}"
            );
            for nik in [SITI, BUDI, FITRI, "32150152038800"] {
                assert!(!out.contains(nik), "a NIK in full in:\n{out}");
            }

            // What /cek finds.
            let db = tdb.connect().await;
            let keyed = Keyed::new(&tdb.secret(&db).await);
            let aktif = Some("aktif".to_string());
            assert_eq!(
                programs_of(&db, &keyed, SITI).await,
                [
                    ("PKH".into(), 1, aktif.clone()),
                    ("SEMBAKO".into(), 1, aktif)
                ]
            );
            let belum = Some("belum_terdistribusi".to_string());
            assert_eq!(
                programs_of(&db, &keyed, BUDI).await,
                [
                    ("PBI".into(), 1, belum.clone()),
                    ("SEMBAKO".into(), 1, belum)
                ]
            );
            assert_eq!(
                programs_of(&db, &keyed, FITRI).await,
                [("PKH".into(), 1, None), ("SEMBAKO".into(), 1, None)]
            );
            let some = |s: &str| Some(s.to_string());
            assert_eq!(
                household_of(&db, &keyed, SITI).await,
                (
                    "SITI AMINAH".into(),
                    Some(2),
                    [some("003"), some("005"), some("Gg. Ma\u{2019}ruf")]
                )
            );
            assert_eq!(household_of(&db, &keyed, BUDI).await.0, "REN\u{c9} SANTOSO");
            assert_eq!(household_of(&db, &keyed, BUDI).await.1, Some(1));
            assert_eq!(household_of(&db, &keyed, FITRI).await.1, None);
            db.pool.close().await;

            // The same file again changes nothing, and says the same.
            let again = binary(&tdb, &["import", "kpm", path.to_str().unwrap()]);
            assert!(again.ok, "{}", again.all());
            assert!(
                again
                    .stdout
                    .contains("Ditambahkan: 0, diperbarui: 0, tidak berubah: 3, ditolak: 2"),
                "{}",
                again.stdout
            );
            assert!(
                again.stdout.contains("Baris 4 (dimuat): "),
                "{}",
                again.stdout
            );
        });
    }
}

#[tokio::test]
async fn a_wrong_regencys_distributions_are_refused_in_a_few_lines_grouped_by_reason() {
    on_each_backend!(|tdb| {
        let dir = tempfile::tempdir().unwrap();
        let kpm = dir.path().join("kpm.csv");
        std::fs::write(&kpm, excel_export(";")).unwrap();
        assert!(binary(&tdb, &["import", "kpm", kpm.to_str().unwrap()]).ok);
        // Siti's household, then 3,000 of Kabupaten Bekasi (32.16), tab-separated, headers
        // and values in the operator's words.
        let mut file = String::from("No. KK\tProgram\tPeriode\tStatus Penyaluran\r\n");
        file += "3215010101200001\tBPNT\t2026-03\tSudah Diterima\r\n";
        for i in 0..3_000 {
            file += &format!("321601{i:010}\tSEMBAKO\t2026-03\tsudah\r\n");
        }
        let path = dir.path().join("penyaluran.csv");
        std::fs::write(&path, file).unwrap();
        let ran = binary(&tdb, &["import", "penyaluran", path.to_str().unwrap()]);
        assert!(ran.ok, "{}", ran.all());
        let out = &ran.stdout;
        assert_eq!(
            out.lines().collect::<Vec<_>>(),
            [
                "Kolom dibaca dari judul lain: no_kk ← \"No. KK\", \
                 diterima ← \"Status Penyaluran\"",
                "3.000 baris ditolak, menurut alasannya:",
                "- 3.000 baris: nomor KK ini tidak terdaftar sebagai KPM (baris 3, 4, 5, 6, 7, …)",
                "Ditambahkan: 1, diperbarui: 0, tidak berubah: 0, ditolak: 3.000",
            ],
            "{out}"
        );
    });
}

#[tokio::test]
async fn the_help_of_each_import_lists_its_columns_and_the_values_understood() {
    let tdb = TestDb::sqlite().await;
    let ran = binary(&tdb, &["import", "kpm", "--help"]);
    assert!(ran.ok, "{}", ran.all());
    // As one line: the help wraps long ones at spaces.
    let text = ran.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "nik",
        "NIK KTP",
        "No. KK",
        "Nama Lengkap",
        "Nama KRT",
        "Desa/Kelurahan",
        "Kelurahan/Desa",
        "status_kks",
        "aktif: aktif, sudah diterima, diterima, sudah",
        "bermasalah: bermasalah, rusak, hilang, tidak aktif",
        "\"Desil 2\"",
        "SEMBAKO (BPNT",
        "3,21501E+15",
        "Windows-1252",
    ] {
        assert!(text.contains(part), "{part} missing in:\n{}", ran.stdout);
    }
    let ran = binary(&tdb, &["import", "penyaluran", "--help"]);
    assert!(
        ran.stdout.contains("diterima") && ran.stdout.contains("sudah diterima"),
        "{}",
        ran.stdout
    );
}

#[tokio::test]
async fn a_file_without_a_required_column_is_refused_naming_the_headers_it_has() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let file = format!("NIK KTP;Nama Lengkap;Kelurahan;Program\n{SITI};SITI;Nagasari;PKH\n");
        let e = import_kpm(&db, file.as_bytes()).await.unwrap_err();
        assert_eq!(
            e,
            "kolom berikut tidak ada di baris judul: no_kk. Kolom yang ada: \"NIK KTP\", \
             \"Nama Lengkap\", \"Kelurahan\", \"Program\". Nama lain yang dikenali ada di \
             `kesos-bot import … --help`"
        );
        assert!(names(&db).await.is_empty());
    });
}
