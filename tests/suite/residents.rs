//! Residents: the KPM import, privacy of NIK, `/cek`, `/skrining` with a proposal that becomes a
//! task, `/info`, and every flow's bad input and restarts — on SQLite and PostgreSQL.

use crate::on_each_backend;
use crate::support::{Backend, TestBot, TestDb};
use kesos_bot::i18n::Lang;
use kesos_bot::import::ImportReport;
use kesos_bot::store::Db;
use std::time::Duration;

pub(crate) const SITI: &str = "3215015203880001"; // woman, born 12 March 1988
const BUDI: &str = "3215011505900002";
const FITRI: &str = "3215011203950007";
pub(crate) const UNKNOWN: &str = "3215012001950003";
const WATI: &str = "3215016607850004"; // woman, born 26 July 1985

/// A semicolon-separated file with a BOM, headers in their own order and case, and five broken
/// rows (lines 4 to 8).
fn kpm_file(budi_card: &str) -> String {
    format!(
        "\u{feff}NIK;Nama;No_KK;Kelurahan;Program;Status_KKS;Aktif;Alamat;RT;RW\n\
         {SITI};SITI AMINAH;3215010101200001;Karawang Kulon;SEMBAKO|PKH;aktif;ya;Jl. Tuparev Gg. Mawar 3;003;005\n\
         {BUDI};BUDI SANTOSO;3215010101200002;32.15.01.1012;SEMBAKO;{budi_card};ya;;;\n\
         32150152038800;PENDEK;3215010101200003;Nagasari;SEMBAKO;;;;;\n\
         {SITI};SITI AMINAH BINTI ALI;3215010101200001;Karawang Kulon;SEMBAKO;;;;;\n\
         3215011203950004;ANI;3215010101200004;Kelurahan Antah Berantah;SEMBAKO;;;;;\n\
         3215011203950005;DEDI;3215010101200005;Nagasari;BLT;;;;;\n\
         3215013203950006;EKO;3215010101200006;Nagasari;PKH;;;;;\n\
         {FITRI};FITRI;3215010101200002;32.15.01.1012;SEMBAKO;{budi_card};ya;;;\n"
    )
}

async fn import_text(db: &Db, text: &str) -> ImportReport {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kpm.csv");
    std::fs::write(&file, text).unwrap();
    let secret = kesos_bot::store::secret::load(db, &crate::support::key_for(db))
        .await
        .unwrap();
    kesos_bot::import::kpm::import(db, &file, &secret, Lang::Id)
        .await
        .unwrap()
}

pub(crate) async fn import_sample(tdb: &TestDb) {
    let db = tdb.connect().await;
    let r = import_text(&db, &kpm_file("belum terdistribusi")).await;
    assert_eq!(r.added, 3, "{r:?}");
    db.pool.close().await;
}

/// The header of the small KPM files below, and one row: family card `32150101012000{kk}`.
const HEAD: &str = "nik,nama,no_kk,kelurahan,program\n";
fn row(nik: &str, name: &str, kk: &str, kelurahan: &str, program: &str) -> String {
    format!("{nik},{name},321501010120000{kk},{kelurahan},{program}\n")
}

/// The lines of the refused rows.
fn refused(r: &ImportReport) -> Vec<u64> {
    r.rejected.lines()
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&db.pool).await.unwrap();
    n
}

// ---------------------------------------------------------------------------------------------
// Import and privacy

#[tokio::test]
async fn a_semicolon_file_with_a_bom_imports_and_names_each_broken_row_by_line() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let r = import_text(&db, &kpm_file("belum terdistribusi")).await;
        assert_eq!((r.added, r.updated, r.unchanged), (3, 0, 0), "{r:?}");
        let lines: Vec<u64> = r.rejected.lines();
        assert_eq!(lines, vec![4, 5, 6, 7, 8]);
        let text = r.render(Lang::Id);
        for expected in [
            "Baris 4: NIK tidak sah: NIK terdiri dari 16 angka, sedangkan yang Anda ketik 14 angka",
            "Baris 5: NIK yang sama sudah ada di baris 2 dengan data berbeda",
            "Baris 6: kelurahan \"Kelurahan Antah Berantah\" tidak dikenal",
            "Baris 7: program \"BLT\" tidak dikenal",
            "Baris 8: NIK tidak sah: angka ke-7 sampai ke-12",
            "Ditambahkan: 3, diperbarui: 0, tidak berubah: 0, ditolak: 5",
        ] {
            assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
        }
        assert!(!text.contains(SITI), "the report never shows a NIK");
        // Grouped by No. KK: Budi and Fitri are one household.
        assert_eq!(count(&db, "SELECT COUNT(*) FROM households").await, 2);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM members").await, 3);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM household_programs").await,
            3
        );
    });
}

#[tokio::test]
async fn re_importing_the_same_file_changes_nothing_and_a_changed_file_updates_in_place() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        import_text(&db, &kpm_file("belum terdistribusi")).await;
        let again = import_text(&db, &kpm_file("belum terdistribusi")).await;
        assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
        assert_eq!(again.rejected.len(), 5);

        // Budi's household got its KKS card: its two rows are updated, Siti's is not.
        let changed = import_text(&db, &kpm_file("aktif")).await;
        assert_eq!(
            (changed.added, changed.updated, changed.unchanged),
            (0, 2, 1),
            "{changed:?}"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM households").await, 2);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM members").await, 3);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM household_programs WHERE kks_status = 'aktif'"
            )
            .await,
            3
        );
    });
}

#[tokio::test]
async fn rows_of_a_household_far_apart_are_one_household_and_the_database_keeps_its_checks() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        // Siti's family card on lines 2 and 5; line 3 repeats line 2 word for word (left out,
        // not refused); line 6 puts Siti's card in another kelurahan (refused).
        let file = [
            HEAD.to_string(),
            row(SITI, "SITI AMINAH", "1", "Karawang Kulon", "SEMBAKO"),
            row(SITI, "SITI AMINAH", "1", "Karawang Kulon", "SEMBAKO"),
            row(BUDI, "BUDI SANTOSO", "2", "Nagasari", "PKH"),
            row(FITRI, "FITRI", "1", "Karawang Kulon", "PKH"),
            row("3215011203950005", "DEDI", "1", "Nagasari", "PKH"),
        ]
        .concat();
        let r = import_text(&db, &file).await;
        assert_eq!((r.added, r.updated, r.unchanged), (3, 0, 0), "{r:?}");
        assert_eq!(refused(&r), vec![6], "{r:?}");
        assert!(
            r.rejected.text_of(6, Lang::Id).unwrap().contains('2'),
            "{r:?}"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM households").await, 2);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM household_programs").await,
            3,
            "Siti's household has SEMBAKO and PKH, Budi's PKH"
        );

        // Fitri moves to Budi's family card: both households change, nobody is lost.
        let moved = file.replace(
            &row(FITRI, "FITRI", "1", "Karawang Kulon", "PKH"),
            &row(FITRI, "FITRI", "2", "Nagasari", "PKH"),
        );
        let r = import_text(&db, &moved).await;
        assert_eq!((r.added, r.updated, r.unchanged), (0, 3, 0), "{r:?}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM members").await, 3);
        let (together,): (i64,) = sqlx::query_as(
            "SELECT COUNT(DISTINCT household_id) FROM members m
             JOIN households h ON h.id = m.household_id WHERE h.kelurahan = '32.15.01.1011'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(
            together, 1,
            "Budi and Fitri share one household in Nagasari"
        );

        // The import set the database's reference checks aside only for itself.
        let orphan = sqlx::query(
            "INSERT INTO members (nik_hash, nik_masked, household_id, name, updated_at)
             VALUES ('x', 'x', 999999, 'X', 0)",
        )
        .execute(&db.pool)
        .await;
        assert!(orphan.is_err(), "a member without a household is refused");
    });
}

#[tokio::test]
async fn a_refused_row_hides_no_later_good_one_and_a_member_who_moved_back_is_not_lost() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let sembako =
            |nik: &str, name: &str, kk: &str, kel: &str| row(nik, name, kk, kel, "SEMBAKO");
        let head = HEAD;
        // Budi's first row puts card 1 in another kelurahan (refused); his second row, on card
        // 2, stands.
        let file = format!(
            "{head}{}{}{}",
            sembako(SITI, "SITI AMINAH", "1", "Karawang Kulon"),
            sembako(BUDI, "BUDI SANTOSO", "1", "Nagasari"),
            sembako(BUDI, "BUDI SANTOSO", "2", "Nagasari"),
        );
        let r = import_text(&db, &file).await;
        assert_eq!((r.added, r.updated, r.unchanged), (2, 0, 0), "{r:?}");
        assert_eq!(refused(&r), vec![3]);

        // Siti and Fitri on card 1, Budi on card 2; then a partial file moves Siti to card 2;
        // then the first file again: Siti is back on card 1, nobody is lost.
        let whole = format!(
            "{head}{}{}{}",
            sembako(SITI, "SITI AMINAH", "1", "Karawang Kulon"),
            sembako(FITRI, "FITRI", "1", "Karawang Kulon"),
            sembako(BUDI, "BUDI SANTOSO", "2", "Nagasari"),
        );
        import_text(&db, &whole).await;
        let partial = format!(
            "{head}{}{}",
            sembako(BUDI, "BUDI SANTOSO", "2", "Nagasari"),
            sembako(SITI, "SITI AMINAH", "2", "Nagasari"),
        );
        let r = import_text(&db, &partial).await;
        assert_eq!((r.added, r.updated, r.unchanged), (0, 2, 0), "{r:?}");
        let r = import_text(&db, &whole).await;
        assert_eq!((r.added, r.updated, r.unchanged), (0, 3, 0), "{r:?}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM members").await, 3);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM members m JOIN households h ON h.id = m.household_id
                 WHERE h.kelurahan = '32.15.01.1001'"
            )
            .await,
            2,
            "Siti and Fitri are in Karawang Kulon again"
        );
    });
}

#[tokio::test]
async fn a_repeated_nik_does_not_decide_where_a_family_card_belongs() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        // Line 3 repeats Siti's NIK on card 2 (refused); card 2's kelurahan is then Budi's.
        let file = [
            HEAD.to_string(),
            row(SITI, "SITI AMINAH", "1", "Karawang Kulon", "SEMBAKO"),
            row(SITI, "SITI AMINAH", "2", "Nagasari", "SEMBAKO"),
            row(BUDI, "BUDI SANTOSO", "2", "Karawang Kulon", "PKH"),
        ]
        .concat();
        let r = import_text(&db, &file).await;
        assert_eq!((r.added, r.updated, r.unchanged), (2, 0, 0), "{r:?}");
        assert_eq!(refused(&r), vec![3]);
        assert!(
            r.render(Lang::Id).contains("sudah ada di baris 2"),
            "{}",
            r.render(Lang::Id)
        );
    });
}

#[tokio::test]
async fn no_imported_nik_or_family_card_number_is_anywhere_in_the_database() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        import_text(&db, &kpm_file("aktif")).await;
        let secrets = [SITI, BUDI, FITRI, "3215010101200001", "3215010101200002"];
        match tdb.backend {
            Backend::Sqlite => {
                db.pool.close().await;
                let file = tdb.sqlite_file().unwrap();
                let mut bytes = std::fs::read(&file).unwrap();
                let mut wal = file.clone().into_os_string();
                wal.push("-wal");
                bytes.extend(std::fs::read(wal).unwrap_or_default());
                assert!(bytes.len() > 10_000);
                let text = String::from_utf8_lossy(&bytes);
                assert!(text.contains("3215**********01"), "masked forms are kept");
                for s in secrets {
                    assert!(!text.contains(s), "a full number is in the SQLite file");
                }
            }
            Backend::Postgres => {
                let tables: Vec<(String,)> = sqlx::query_as(
                    "SELECT table_name::text FROM information_schema.tables
                     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
                )
                .fetch_all(&db.pool)
                .await
                .unwrap();
                assert!(tables.len() > 5);
                for (table,) in tables {
                    let rows: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                        "SELECT CAST(t AS TEXT) FROM {table} t"
                    )))
                    .fetch_all(&db.pool)
                    .await
                    .unwrap();
                    for (row,) in rows {
                        for s in secrets {
                            assert!(!row.contains(s), "a full number is in table {table}");
                        }
                    }
                }
            }
        }
    });
}

// ---------------------------------------------------------------------------------------------
// /cek

#[tokio::test]
async fn a_registered_resident_who_types_nik_and_name_sees_their_programs() {
    on_each_backend!(|tdb| {
        import_sample(&tdb).await;
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(601);
        u.send("/cek").await.assert_contains(&["16 angka"]);
        u.send(&format!(
            "{} {} {} {}",
            &SITI[..4],
            &SITI[4..8],
            &SITI[8..12],
            &SITI[12..]
        ))
        .await
        .assert_contains(&["nama lengkap"]);
        // Case, spaces and punctuation do not matter.
        let r = u.send("  siti   aminah. ").await;
        r.assert_contains(&[
            "Data ditemukan",
            "terdaftar sebagai KPM",
            "Kelurahan Karawang Kulon, Kecamatan Karawang Barat",
            "Program Sembako (BPNT): aktif",
            "Rp200.000 per bulan",
            "Kartu KKS (Kartu Keluarga Sejahtera): aktif",
            "Program Keluarga Harapan (PKH): aktif",
            "sesuai anggota keluarga",
            "TKSK Kecamatan Karawang Barat",
            "kantor Kelurahan Karawang Kulon",
        ]);
        let text = r.text();
        assert_eq!(
            text.matches("Kartu Keluarga Sejahtera").count(),
            1,
            "{text}"
        );
        assert!(
            text.chars().count() <= 600,
            "{} characters: {text}",
            text.chars().count()
        );
        assert!(!r.all_text().contains(SITI), "the NIK is never echoed");
        // Where to go for each program is one button away.
        assert!(r.has_button("prog:SEMBAKO") && r.has_button("prog:PKH"));
        u.press("prog:SEMBAKO").await.assert_contains(&[
            "Program Sembako (BPNT)",
            "Rp200.000",
            "e-Warong",
        ]);

        // With the NIK in the command, one typo in the name, and a card not yet handed out.
        let u = bot.user(602);
        u.send(&format!("/cek {BUDI}"))
            .await
            .assert_contains(&["nama lengkap"]);
        let r = u.send("Budi Santsoo").await;
        r.assert_contains(&[
            "Data ditemukan",
            "Kelurahan Mekarjati",
            "Kartu KKS (Kartu Keluarga Sejahtera): belum dibagikan",
        ]);

        // A household whose every program is inactive is not told it is registered as a
        // recipient, and sees no amount. Ciptasari is a desa (its code is 2xxx).
        let regions = concat!(env!("CARGO_MANIFEST_DIR"), "/data/wilayah-karawang.csv");
        let ran = crate::support::binary(&tdb, &["import", "wilayah", regions]);
        assert!(ran.ok, "{}", ran.all());
        let db = tdb.connect().await;
        let file = format!(
            "nik,nama,no_kk,kelurahan,program,aktif\n\
             {WATI},WATI,3215010101200009,32.15.02.2001,SEMBAKO|PKH,tidak\n"
        );
        assert_eq!(import_text(&db, &file).await.added, 1);
        let u = bot.user(604);
        u.send(&format!("/cek {WATI}")).await;
        let r = u.send("Wati").await;
        r.assert_contains(&[
            "Data ditemukan",
            "Desa Ciptasari, Kecamatan Pangkalan",
            "tidak ada program bantuan yang aktif",
            "Program Sembako (BPNT): tidak aktif",
            "Program Keluarga Harapan (PKH): tidak aktif",
        ]);
        let text = r.text();
        assert!(
            !text.contains("terdaftar sebagai") && !text.contains("Rp"),
            "{text}"
        );
        assert!(
            !r.has_button("prog:SEMBAKO"),
            "no program details for an inactive program"
        );

        // The menu button starts the same flow.
        let r = bot.user(603).press_on(1, "menu", "menu:cek").await;
        r.assert_contains(&["16 angka"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_wrong_name_and_an_unknown_nik_get_the_same_answer() {
    on_each_backend!(|tdb| {
        import_sample(&tdb).await;
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(611);
        u.send(&format!("/cek {SITI}")).await;
        let wrong_name = u.send("Budi Santoso").await;
        u.send(&format!("/cek {UNKNOWN}")).await;
        let unknown = u.send("Budi Santoso").await;
        assert_eq!(wrong_name.text(), unknown.text());
        assert_eq!(wrong_name.buttons(), unknown.buttons());
        unknown.assert_contains(&["tidak kami temukan", "/skrining"]);
        assert!(unknown.has_button("menu:skrining"));
        bot.stop().await;
    });
}

#[tokio::test]
async fn the_sixth_look_up_in_ten_minutes_is_refused_with_the_time_to_try_again() {
    on_each_backend!(|tdb| {
        import_sample(&tdb).await;
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(621);
        for _ in 0..5 {
            u.send(&format!("/cek {UNKNOWN}")).await;
            u.send("Siapa Saja")
                .await
                .assert_contains(&["tidak kami temukan"]);
        }
        let r = u.send("/cek").await;
        r.assert_contains(&["sudah melakukan 5 kali pengecekan dalam 10 menit", "WIB"]);
        assert!(!r.all_text().contains("16 angka"), "no NIK is asked for");
        // Another resident is not affected.
        bot.user(622)
            .send("/cek")
            .await
            .assert_contains(&["16 angka"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn the_look_up_limit_is_configurable() {
    on_each_backend!(|tdb| {
        let api = crate::support::fake_api::FakeApi::start().await;
        let bot = TestBot::start_with(&tdb, api, &["--cek-limit", "1"]).await;
        let u = bot.user(623);
        u.send(&format!("/cek {UNKNOWN}")).await;
        u.send("Siapa Saja").await;
        u.send("/cek")
            .await
            .assert_contains(&["sudah melakukan 1 kali"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn bad_input_while_checking_gets_an_explanation_and_the_same_question() {
    on_each_backend!(|tdb| {
        import_sample(&tdb).await;
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(631);
        u.send("/cek").await;
        u.send("32150152O3880001")
            .await
            .assert_contains(&["hanya berisi angka", "ketik ulang 16 angka"]);
        u.send("321501520388")
            .await
            .assert_contains(&["yang Anda ketik 12 angka"]);
        u.send("9915015203880001")
            .await
            .assert_contains(&["kode provinsi"]);
        u.send("3215013002880001")
            .await
            .assert_contains(&["tanggal itu tidak ada"]);
        u.sticker()
            .await
            .assert_contains(&["teks yang diketik", "16 angka"]);
        u.send(SITI).await.assert_contains(&["nama lengkap"]);
        u.photo("ktp-photo")
            .await
            .assert_contains(&["teks yang diketik", "nama lengkap"]);
        u.send(&"a".repeat(5000))
            .await
            .assert_contains(&["belum dapat kami terima", "nama lengkap"]);
        u.send("Siti Aminah")
            .await
            .assert_contains(&["Data ditemukan"]);
        // /batal leaves the flow; the next text is not taken as a NIK.
        u.send("/cek").await;
        u.send("/batal")
            .await
            .assert_contains(&["sudah dibatalkan"]);
        u.send(SITI).await.assert_contains(&["belum memahami"]);
        bot.stop().await;
    });
}

// ---------------------------------------------------------------------------------------------
// /skrining and the proposal

/// Answers the 14 questions: `yes` of them Yes, going back once on the way. Returns the text
/// of the result.
pub(crate) async fn screen(u: &crate::support::User<'_>, yes: usize) -> String {
    let r = u.send("/skrining").await;
    r.assert_contains(&["14 ciri", "Pertanyaan 1/14"]);
    assert!(
        !r.has_button("skr:back:1"),
        "no way back from the first question"
    );
    let first = r.messages().last().unwrap().message_id;
    let r = u.press("skr:y:1").await;
    r.assert_contains(&["Pertanyaan 2/14"]);
    let edit = (*r.messages().last().unwrap()).clone();
    assert_eq!(edit.method, "editmessagetext", "one message, edited");
    assert_eq!(edit.message_id, first);
    u.press("skr:back:2")
        .await
        .assert_contains(&["Pertanyaan 1/14"]);
    for n in 1..=14 {
        let data = if n <= yes {
            format!("skr:y:{n}")
        } else {
            format!("skr:n:{n}")
        };
        let r = u.press(&data).await;
        if n == 3 {
            // Asked positively, answered with buttons that say the answer: "Punya WC sendiri"
            // does not meet the criterion "no toilet of its own".
            r.assert_contains(&["Pertanyaan 4/14", "punya jamban (WC) sendiri?"]);
            let buttons = r.buttons();
            let label = |data: &str| buttons.iter().find(|b| b.1 == data).map(|b| b.0.clone());
            assert_eq!(label("skr:n:4").as_deref(), Some("Punya WC sendiri"));
            assert_eq!(
                label("skr:y:4").as_deref(),
                Some("Tidak punya sendiri (numpang tetangga, WC umum, atau ke kali/empang)")
            );
        }
        if n == 14 {
            assert!(r.has_button("usl:start") && r.has_button("usl:no"));
            return r.text();
        }
    }
    unreachable!()
}

#[tokio::test]
async fn a_resident_completes_skrining_with_buttons_alone_and_files_a_proposal_that_becomes_a_task()
{
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(641);
        let result = screen(&u, 10).await;
        assert!(
            result.contains("10 dari 14 ciri rumah tangga miskin cocok")
                && result.contains("termasuk kategori miskin")
                && result.contains("belum berarti Anda pasti menerima bantuan"),
            "{result}"
        );
        u.press("usl:start")
            .await
            .assert_contains(&["nama lengkap kepala keluarga"]);
        u.send("Ujang Suryana")
            .await
            .assert_contains(&["NIK (16 angka)"]);
        let r = u.send(UNKNOWN).await;
        r.assert_contains(&["desa/kelurahan mana"]);
        assert!(r.has_button("usl:kel:32.15.01.1001") && r.has_button("usl:kel:32.15.01.1012"));
        u.press("usl:kel:32.15.01.1001")
            .await
            .assert_contains(&["alamat rumah"]);
        u.send("Gg. Melati No. 7, belakang masjid")
            .await
            .assert_contains(&["RT dan RW"]);
        let r = u.send("3/5").await;
        r.assert_contains(&["nomor telepon"]);
        let keyboard = r.messages().last().unwrap().body["reply_markup"]["keyboard"].clone();
        assert_eq!(keyboard[0][0]["request_contact"], true, "{keyboard}");
        let r = u.contact("+6281234567890").await;
        r.assert_contains(&[
            "Ujang Suryana",
            "3215**********03",
            "Karawang Kulon, Kecamatan Karawang Barat",
            "003/005",
            "+6281234567890",
            "10 dari 14",
        ]);
        assert!(!r.all_text().contains(UNKNOWN), "the NIK is never echoed");
        let r = u.press("usl:send").await;
        r.assert_contains(&["USL-", "Karawang Kulon"]);
        let number: String = r
            .text()
            .split_whitespace()
            .find(|w| w.starts_with("USL-"))
            .unwrap()
            .trim_end_matches('.')
            .to_string();

        let (status, tg, met): (String, Option<i64>, i64) =
            sqlx::query_as("SELECT status, tg_id, criteria_met FROM proposals WHERE number = $1")
                .bind(&number)
                .fetch_one(&bot.db.pool)
                .await
                .unwrap();
        assert_eq!((status.as_str(), tg, met), ("submitted", Some(641), 10));
        let (kind, area, due): (String, String, Option<String>) =
            sqlx::query_as("SELECT kind, area, due_date FROM tasks WHERE subject = $1")
                .bind(&number)
                .fetch_one(&bot.db.pool)
                .await
                .unwrap();
        assert_eq!(
            (kind.as_str(), area.as_str()),
            ("verify_proposal", "32.15.01.1001")
        );
        let expected_due = (kesos_bot::i18n::today_wib() + chrono::Duration::days(14))
            .format("%Y-%m-%d")
            .to_string();
        assert_eq!(due.as_deref(), Some(expected_due.as_str()));
        // Pressing "send" again files nothing more.
        let r = u.press("usl:send").await;
        assert!(r.toast().unwrap().contains("tidak berlaku"));
        assert_eq!(count(&bot.db, "SELECT COUNT(*) FROM proposals").await, 1);

        // The resident is told when the proposal's status changes.
        let from = bot.api.call_count();
        let mut conn = bot.db.pool.acquire().await.unwrap();
        kesos_bot::store::verification::proposal_assigned(&mut conn, &number)
            .await
            .unwrap();
        drop(conn);
        let notice = bot
            .api
            .wait_call(from, Duration::from_secs(5), |c| {
                c.chat_id() == Some(641) && c.text().contains("sedang diverifikasi")
            })
            .await;
        assert!(notice.is_some(), "the status notice reached the resident");
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_low_score_is_explained_without_promises_and_the_proposal_can_be_declined() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(642);
        let result = screen(&u, 3).await;
        assert!(result.contains("3 dari 14") && result.contains("belum termasuk kategori miskin"));
        u.press("usl:no")
            .await
            .assert_contains(&["terima kasih telah mengisi"]);
        assert_eq!(count(&bot.db, "SELECT COUNT(*) FROM proposals").await, 0);
        bot.stop().await;
    });
}

#[tokio::test]
async fn bad_input_in_skrining_and_the_proposal_is_explained_and_asked_again() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(651);
        u.send("/skrining").await;
        u.press("skr:y:1").await;
        // Typing during the buttons: the same question comes again.
        let r = u.send("ya").await;
        r.assert_contains(&["menekan salah satu tombol", "Pertanyaan 2/14"]);
        // The old message's buttons are stale now; so is a question already answered.
        let r = u.press_on(1, "old", "skr:y:2").await;
        assert!(r.toast().unwrap().contains("tidak berlaku"));
        let r = u.press("skr:y:2").await;
        r.assert_contains(&["Pertanyaan 3/14"]);
        let r = u
            .press_on(r.messages()[0].message_id.unwrap(), "x", "skr:y:2")
            .await;
        assert!(r.toast().unwrap().contains("tidak berlaku"));
        for n in 3..=14 {
            u.press(&format!("skr:y:{n}")).await;
        }
        u.press("usl:start").await;
        u.sticker()
            .await
            .assert_contains(&["teks yang diketik", "nama lengkap kepala keluarga"]);
        u.send("Ujang Suryana").await;
        u.send("32150120019500XX")
            .await
            .assert_contains(&["hanya berisi angka"]);
        u.send(UNKNOWN).await;
        u.send("Karawang Kulon")
            .await
            .assert_contains(&["menekan salah satu tombol", "desa/kelurahan mana"]);
        let r = u.press_on(1, "forged", "usl:kel:99.99.99.9999").await;
        assert!(r.toast().unwrap().contains("tidak berlaku"));
        u.press("usl:kel:32.15.01.1003").await;
        u.photo("house")
            .await
            .assert_contains(&["teks yang diketik", "alamat rumah"]);
        u.send("Jl. Kenanga 5").await;
        u.send("dekat pasar")
            .await
            .assert_contains(&["RT/RW itu belum dapat kami baca", "RT dan RW"]);
        u.send("-").await.assert_contains(&["nomor telepon"]);
        // Someone else's contact is not taken.
        let r = u
            .update(
                "message",
                u.message(serde_json::json!({ "contact": {
                    "phone_number": "+628111111111", "first_name": "Tetangga", "user_id": 999
                }})),
            )
            .await;
        r.assert_contains(&["nomor telepon Anda sendiri"]);
        let r = u.send("Lewati").await;
        r.assert_contains(&["Adiarsa Barat", "Telepon: -", "RT/RW: -/-"]);
        u.send("kirim")
            .await
            .assert_contains(&["menekan salah satu tombol", "sudah benar"]);
        u.press("usl:send").await.assert_contains(&["USL-"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_flow_half_done_resumes_after_a_restart() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(661);
        u.send("/skrining").await;
        u.press("skr:y:1").await;
        u.press("skr:n:2").await;
        let api = bot.stop().await;

        let bot = TestBot::start_with(&tdb, api, &[]).await;
        let u = bot.user(661);
        u.press("skr:y:3")
            .await
            .assert_contains(&["Pertanyaan 4/14"]);
        for n in 4..=14 {
            u.press(&format!("skr:y:{n}")).await;
        }
        u.press("usl:start").await;
        u.send("Neng Rahayu").await;
        u.send(UNKNOWN).await;
        let api = bot.stop().await;

        let bot = TestBot::start_with(&tdb, api, &[]).await;
        let u = bot.user(661);
        u.press("usl:kel:32.15.01.1011")
            .await
            .assert_contains(&["alamat rumah"]);
        u.send("Jl. Nagasari 1").await;
        u.send("001/002").await;
        u.send("Lewati").await;
        let api = bot.stop().await;

        let bot = TestBot::start_with(&tdb, api, &[]).await;
        let r = bot.user(661).press("usl:send").await;
        r.assert_contains(&["USL-", "Nagasari"]);
        let (met,): (i64,) = sqlx::query_as("SELECT criteria_met FROM proposals")
            .fetch_one(&bot.db.pool)
            .await
            .unwrap();
        assert_eq!(met, 13);
        bot.stop().await;
    });
}

#[tokio::test]
async fn the_cek_flow_resumes_after_a_restart_and_keeps_no_nik_in_the_dialogue() {
    on_each_backend!(|tdb| {
        import_sample(&tdb).await;
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(662);
        u.send("/cek").await;
        u.send(SITI).await;
        let (state,): (String,) = sqlx::query_as("SELECT state FROM dialogues WHERE chat_id = 662")
            .fetch_one(&bot.db.pool)
            .await
            .unwrap();
        // Sealed on disk; opened, it holds the step and no NIK (only its keyed hash).
        assert!(state.starts_with("s1:") && !state.contains(SITI), "{state}");
        let seal = kesos_bot::store::seal::Seal::from_secret(&tdb.secret(&bot.db).await);
        let opened = seal
            .open_string(kesos_bot::store::seal::Place::Dialogue, &state)
            .unwrap();
        assert!(
            opened.contains("CekName") && !opened.contains(SITI),
            "{opened}"
        );
        let api = bot.stop().await;
        let bot = TestBot::start_with(&tdb, api, &[]).await;
        bot.user(662)
            .send("Siti Aminah")
            .await
            .assert_contains(&["Data ditemukan"]);
        bot.stop().await;
    });
}

// ---------------------------------------------------------------------------------------------
// /info and /hapusdata

#[tokio::test]
async fn info_shows_each_program_and_its_benefit_from_the_program_table() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let r = bot.user(671).send("/info").await;
        r.assert_contains(&[
            "Program Sembako (BPNT)",
            "Rp200.000 per bulan",
            "Program Keluarga Harapan (PKH)",
            "PBI Jaminan Kesehatan",
            "iuran BPJS Kesehatan dibayar pemerintah",
            "diputuskan Kementerian Sosial",
            "DTSEN",
            "/skrining",
        ]);
        let text = r.text();
        // Each program is named once, and its details are one button away.
        assert_eq!(text.matches("Program Sembako (BPNT)").count(), 1, "{text}");
        assert!(
            text.chars().count() <= 600,
            "{} characters: {text}",
            text.chars().count()
        );
        assert!(r.has_button("prog:PBI"));
        bot.user(671)
            .press("prog:PBI")
            .await
            .assert_contains(&["puskesmas", "JKN-KIS"]);
        sqlx::query("UPDATE programs SET benefit_per_month = 250000 WHERE code = 'SEMBAKO'")
            .execute(&bot.db.pool)
            .await
            .unwrap();
        let r = bot.user(671).press_on(1, "menu", "menu:info").await;
        r.assert_contains(&["Rp250.000 per bulan"]);
        bot.user_en(672)
            .send("/info")
            .await
            .assert_contains(&["Rp250.000", "per month"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn hapusdata_unlinks_proposals_and_forgets_look_ups() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(681);
        u.send(&format!("/cek {UNKNOWN}")).await;
        u.send("Siapa Saja").await;
        screen(&u, 9).await;
        u.press("usl:start").await;
        u.send("Asep Hidayat").await;
        u.send(UNKNOWN).await;
        u.press("usl:kel:32.15.01.1005").await;
        u.send("Jl. Tanjungpura 9").await;
        u.send("-").await;
        u.send("Lewati").await;
        u.press("usl:send").await.assert_contains(&["USL-"]);
        u.send("/hapusdata").await;
        u.press("erase:yes").await;
        // Erasing does not reset the look-up limit (the rows hold only an id and a time).
        assert!(count(&bot.db, "SELECT COUNT(*) FROM lookups WHERE tg_id = 681").await >= 1);
        assert_eq!(
            count(
                &bot.db,
                "SELECT COUNT(*) FROM proposals WHERE tg_id IS NULL"
            )
            .await,
            1,
            "the proposal stays for the field workers, unlinked"
        );
        bot.stop().await;
    });
}
