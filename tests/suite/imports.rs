//! What every CSV import does with a file that would trap it: a row or header longer than any
//! real one, a column named twice, text that is not UTF-8 (Excel's "CSV" rather than "CSV
//! UTF-8") — on real files, on SQLite and PostgreSQL.

use crate::on_each_backend;
use kesos_bot::i18n::Lang;
use kesos_bot::import::ImportReport;
use kesos_bot::import::table::{MAX_HEADER, MAX_ROW};
use kesos_bot::store::Db;

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
    r.rejected.iter().map(|x| x.line).collect()
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
        let reason = &r.rejected[0].reason;
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

#[tokio::test]
async fn a_windows_1252_file_is_named_not_utf8_with_how_to_save_it_and_its_good_rows_load() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        // Excel's plain "CSV": é is the byte E9, a curly apostrophe 92.
        let file = [
            HEAD.to_vec(),
            row(SITI, "SITI AMINAH", "1", "Jl. Mawar 3"),
            cp1252(row(BUDI, "REN\u{c9}", "2", "")),
            cp1252(row(FITRI, "FITRI", "3", "Gg. Ma\u{2019}ruf")),
        ]
        .concat();
        let r = import_kpm(&db, &file).await.unwrap();
        assert_eq!((r.added, r.updated, r.unchanged), (1, 0, 0), "{r:?}");
        assert_eq!(lines(&r), vec![3, 4]);
        let text = r.render(Lang::Id);
        assert!(
            text.contains(
                "Baris 3: teks bukan UTF-8: simpan ulang berkas dari Excel sebagai \"CSV UTF-8\", \
                 lalu impor lagi"
            ),
            "{text}"
        );
        assert!(!text.contains("baris rusak"), "{text}");
        assert_eq!(names(&db).await, ["SITI AMINAH"]);

        // A header that is not UTF-8 refuses the file, with the same advice.
        let file = [
            b"nik;nama;no_kk;kelurahan;program;ket\xe9rangan\n".to_vec(),
            row(BUDI, "BUDI SANTOSO", "2", ""),
        ]
        .concat();
        let e = import_kpm(&db, &file).await.unwrap_err();
        assert!(e.starts_with("berkas bukan teks UTF-8"), "{e}");
        assert!(e.contains("simpan ulang sebagai \"CSV UTF-8\""), "{e}");
        assert_eq!(names(&db).await, ["SITI AMINAH"]);
    });
}

/// Text as Windows-1252 encodes it (the few characters these tests use).
fn cp1252(utf8: Vec<u8>) -> Vec<u8> {
    String::from_utf8(utf8)
        .unwrap()
        .chars()
        .map(|c| match c {
            '\u{c9}' => 0xC9,
            '\u{2019}' => 0x92,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} is not in this table"),
        })
        .collect()
}
