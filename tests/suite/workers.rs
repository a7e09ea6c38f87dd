//! Field workers end to end: enrolment by invite code, roles, task lists, handing tasks out,
//! home visits with location and photo, re-verification cycles, reminders, exports.

use crate::on_each_backend;
use crate::support::{TestBot, TestDb, enrolled, invite};
use chrono::TimeZone;
use kesos_bot::config::ExportKind;
use kesos_bot::domain::role::Role;
use kesos_bot::domain::task::{TaskKind, VisitResult};
use kesos_bot::store::workers::{self, Revocation};
use kesos_bot::store::{Db, cycles, secret, tasks};
use std::time::Duration;

const KULON: &str = "32.15.01.1001";
const ADIARSA: &str = "32.15.01.1003";
const KARAWANG_BARAT: &str = "32.15.01";

/// A proposal as the residents' `/skrining` commits it, with its verification task.
pub(crate) async fn proposal(
    db: &Db,
    number: &str,
    resident: i64,
    kelurahan: &str,
    answers: &str,
) -> i64 {
    let met = answers.chars().filter(|c| *c == 'y').count() as i64;
    sqlx::query(
        "INSERT INTO proposals (number, tg_id, kelurahan, name, nik_hash, nik_masked, address,
         answers, criteria_met, status, created_at, updated_at)
         VALUES ($1, $2, $3, 'Ibu Sumarni', 'h', '3215**********01', 'Jl. Tuparev 12', $4, $5,
         'submitted', 0, 0)",
    )
    .bind(number)
    .bind(resident)
    .bind(kelurahan)
    .bind(answers)
    .bind(met)
    .execute(&db.pool)
    .await
    .unwrap();
    tasks::create(
        &db.pool,
        TaskKind::VerifyProposal,
        kelurahan,
        number,
        Some("2026-12-10"),
        None,
    )
    .await
    .unwrap()
    .unwrap()
}

async fn households(db: &Db, kelurahan: &str, n: usize) {
    for i in 0..n {
        sqlx::query(
            "INSERT INTO households (kk_hash, kk_masked, kelurahan, updated_at) VALUES ($1, $2, $3, 0)",
        )
        .bind(format!("kk-{kelurahan}-{i}"))
        .bind("3215**********99")
        .bind(kelurahan)
        .execute(&db.pool)
        .await
        .unwrap();
    }
}

async fn wait_notice(bot: &TestBot, chat: i64, part: &str) {
    let found = bot
        .api
        .wait_call(0, Duration::from_secs(10), |c| {
            c.chat_id() == Some(chat) && c.text().contains(part)
        })
        .await;
    assert!(found.is_some(), "chat {chat} was not told {part:?}");
}

async fn one<T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin>(
    db: &Db,
    sql: &'static str,
) -> T {
    sqlx::query_as(sql).fetch_one(&db.pool).await.unwrap()
}

#[tokio::test]
async fn an_operator_invites_workers_and_a_proposal_is_verified_by_a_home_visit() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let resident = bot.user(900);
        resident.send("/start").await;
        // A resident is refused the workers' commands, politely.
        resident
            .send("/tugas")
            .await
            .assert_contains(&["khusus untuk petugas"]);

        let tksk_invite = invite(&bot.db, Role::Tksk, &[KARAWANG_BARAT], "Pak Dadang").await;
        let r = bot
            .user(901)
            .send(&format!("/daftar {}", tksk_invite.code.to_lowercase()))
            .await;
        r.assert_contains(&["Selamat bergabung, Pak Dadang", "TKSK", "Karawang Barat"]);
        assert!(
            r.calls.iter().any(|c| c.method == "setmycommands"
                && c.body["commands"].to_string().contains("tugaskan")),
            "the TKSK's command menu shows their commands"
        );
        // The same code a second time is refused.
        bot.user(904)
            .send(&format!("/daftar {}", tksk_invite.code))
            .await
            .assert_contains(&["sudah pernah dipakai"]);
        let psm = enrolled(&bot, 902, Role::Psm, &[KULON, ADIARSA], "Bu Euis").await;
        enrolled(&bot, 903, Role::Psm, &[ADIARSA], "Kang Asep").await;

        let task = proposal(&bot.db, "USL-0001", 900, KULON, "yyyyyyyyyynnnn").await;

        // The TKSK hands the verification to a PSM of the kelurahan, with buttons.
        let tksk = bot.user(901);
        let r = tksk.send("/tugaskan").await;
        // Each task names the house as a person finds it, not by an internal number.
        r.assert_contains(&[
            "Verifikasi usulan · Kelurahan Karawang Kulon",
            "Ibu Sumarni · Jl. Tuparev 12",
        ]);
        let r = tksk.press(&format!("tk:t:{task}")).await;
        r.assert_contains(&["Pilih PSM"]);
        assert!(r.has_button(&format!("tk:a:{task}:{psm}")));
        assert_eq!(r.buttons().len(), 1, "only the PSM of Karawang Kulon");
        tksk.press(&format!("tk:a:{task}:{psm}"))
            .await
            .assert_contains(&["sudah diserahkan kepada Bu Euis"]);
        wait_notice(&bot, 902, "Tugas baru untuk Anda").await;
        wait_notice(&bot, 902, "(Ibu Sumarni · Jl. Tuparev 12)").await;
        wait_notice(&bot, 900, "sedang diverifikasi").await;

        // The PSM logs the visit with buttons, location and photo.
        let p = bot.user(902);
        let r = p.send("/tugas").await;
        r.assert_contains(&["Tugas terbuka Anda: 1", "Ibu Sumarni · Jl. Tuparev 12"]);
        p.press(&format!("tg:o:{task}")).await.assert_contains(&[
            "Usulan USL-0001 atas nama Ibu Sumarni",
            "Alamat: Jl. Tuparev 12",
            "10 dari 14",
            "Wilayah: Kelurahan Karawang Kulon",
        ]);
        let r = p.press(&format!("kj:s:{task}")).await;
        r.assert_contains(&["bagikan lokasi"]);
        let keyboard = r.messages().last().unwrap().body["reply_markup"]["keyboard"].to_string();
        assert!(keyboard.contains("request_location"), "{keyboard}");
        p.sticker().await.assert_contains(&["adalah lokasi"]);
        p.location(-6.3051, 107.2998)
            .await
            .assert_contains(&["Lokasi tersimpan", "hasil kunjungan"]);
        let r = p.press(&format!("kj:r:{task}:eligible")).await;
        r.assert_contains(&["14 kriteria"]);
        // The criteria are short labels on the buttons, with their marks; the screen is short.
        let screen = r.messages().last().unwrap().text().to_string();
        assert!(screen.chars().count() < 600, "{screen}");
        let has =
            |r: &crate::support::Reply, label: &str| r.buttons().iter().any(|(l, _)| l == label);
        assert!(has(&r, "1 ✅ Lantai < 8 m²/orang"), "{:?}", r.buttons());
        assert!(has(&r, "10 ✅ Makan 1–2×/hari") && has(&r, "14 ❌ Tabungan/barang < Rp500rb"));
        assert!(has(&r, "Selesai (10/14 terpenuhi)"));
        let r = p.press(&format!("kj:t:{task}:14")).await;
        assert!(
            has(&r, "14 ✅ Tabungan/barang < Rp500rb"),
            "{:?}",
            r.buttons()
        );
        assert!(has(&r, "Selesai (11/14 terpenuhi)"));
        p.press(&format!("kj:cd:{task}"))
            .await
            .assert_contains(&["kirim foto rumah", "wajib"]);
        p.send("ini fotonya nanti")
            .await
            .assert_contains(&["foto rumah", "Kamera"]);
        p.photo("house-photo-1")
            .await
            .assert_contains(&["catatan kunjungan"]);
        p.send(&"x".repeat(5000))
            .await
            .assert_contains(&["terlalu panjang (5000 karakter)", "catatan kunjungan"]);
        p.send("Rumah bilik bambu, lantai tanah.")
            .await
            .assert_contains(&[
                "ringkasan kunjungan",
                "-6.305100, 107.299800",
                "Ditemukan, layak",
                "11 dari 14",
                "Foto: ada",
            ]);

        // The bot restarts before the PSM presses "save": nothing is lost.
        let api = bot.stop().await;
        let bot = TestBot::start_with(&tdb, api, &[]).await;
        bot.user(902)
            .press(&format!("kj:ok:{task}"))
            .await
            .assert_contains(&["sudah tersimpan", "TKSK Anda sudah kami beri tahu"]);
        let (status,): (String,) = one(&bot.db, "SELECT status FROM proposals").await;
        assert_eq!(status, "eligible");
        let (task_status,): (String,) = one(&bot.db, "SELECT status FROM tasks").await;
        assert_eq!(task_status, "done");
        wait_notice(&bot, 900, "memenuhi kriteria").await;
        wait_notice(&bot, 901, "Bu Euis mencatat kunjungan").await;
        wait_notice(&bot, 901, "Ibu Sumarni · Jl. Tuparev 12").await;
        // The queue carries the house only sealed.
        let queued: Vec<(Option<String>,)> = sqlx::query_as("SELECT notice FROM outbox")
            .fetch_all(&bot.db.pool)
            .await
            .unwrap();
        assert!(
            queued
                .iter()
                .any(|(n,)| n.as_deref().is_some_and(|n| n.contains("visit_logged")))
        );
        for (notice,) in &queued {
            let notice = notice.as_deref().unwrap_or_default();
            assert!(
                !notice.contains("Sumarni") && !notice.contains("Tuparev"),
                "{notice}"
            );
        }
        // Pressing save again changes nothing.
        let r = bot
            .user(902)
            .press_on(1, "old", &format!("kj:ok:{task}"))
            .await;
        assert!(r.toast().is_some());
        assert_eq!(
            kesos_bot::store::audit::count(&bot.db, "visit.logged")
                .await
                .unwrap(),
            1
        );

        // The export shows the visit.
        let mut csv = Vec::new();
        kesos_bot::cli::export(&bot.db, ExportKind::Visits, &mut csv)
            .await
            .unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("house-photo-1"), "{csv}");
        assert!(csv.contains("-6.305100,107.299800,,eligible"), "{csv}");
        assert!(csv.contains("+07:00"), "{csv}");
        // The house visited, as a person finds it.
        assert!(
            csv.contains(",Karawang Kulon,Ibu Sumarni,,Jl. Tuparev 12,,"),
            "{csv}"
        );
        // For Excel on an Indonesian PC, coordinates take the decimal comma.
        let opts = kesos_bot::cli::ExportOptions {
            format: kesos_bot::config::ExportFormat::Excel,
            area: None,
        };
        let mut xls = Vec::new();
        kesos_bot::cli::export_with(&bot.db, ExportKind::Visits, &opts, &mut xls)
            .await
            .unwrap();
        let xls = String::from_utf8(xls).unwrap();
        assert!(xls.contains(";-6,305100;107,299800;;eligible;"), "{xls}");
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_forged_button_for_someone_elses_task_is_refused_and_changes_nothing() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 911, Role::Tksk, &[KARAWANG_BARAT], "Pak Dadang").await;
        let owner = enrolled(&bot, 912, Role::Psm, &[KULON], "Bu Euis").await;
        enrolled(&bot, 913, Role::Psm, &[KULON], "Kang Asep").await;
        bot.user(910).send("/start").await;
        let task = proposal(&bot.db, "USL-0002", 910, KULON, "yyyyyyyyynnnnn").await;
        let t = tasks::get(&bot.db, task).await.unwrap().unwrap();
        let psm = workers::get(&bot.db, owner).await.unwrap().unwrap();
        tasks::assign(&bot.db, &crate::support::seal(&bot.db).await, &t, &psm, 911)
            .await
            .unwrap();

        let other = bot.user(913);
        for data in [
            format!("tg:o:{task}"),
            format!("kj:s:{task}"),
            format!("kj:ok:{task}"),
        ] {
            let r = other.press_on(1, "forged", &data).await;
            assert!(
                r.toast().unwrap().contains("bukan tugas Anda"),
                "{data}: {:?}",
                r.toast()
            );
            assert!(r.messages().is_empty());
        }
        // A PSM cannot hand out tasks, and a resident cannot touch any button of workers.
        let r = other.press_on(1, "forged", &format!("tk:a:{task}:3")).await;
        assert!(r.toast().unwrap().contains("bukan untuk Anda"));
        let r = bot
            .user(910)
            .press_on(1, "forged", &format!("kj:s:{task}"))
            .await;
        assert!(r.toast().unwrap().contains("bukan untuk Anda"));
        let t2 = tasks::get(&bot.db, task).await.unwrap().unwrap();
        assert_eq!((t2.assignee, t2.status.code()), (Some(owner), "assigned"));
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_visit_for_a_task_reassigned_meanwhile_ends_with_a_polite_answer() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 921, Role::Tksk, &[KARAWANG_BARAT], "Pak Dadang").await;
        let a = enrolled(&bot, 922, Role::Psm, &[KULON], "Bu Euis").await;
        let b = enrolled(&bot, 923, Role::Psm, &[KULON], "Kang Asep").await;
        households(&bot.db, KULON, 1).await;
        let task = tasks::create(
            &bot.db.pool,
            TaskKind::ReverifyKpm,
            KULON,
            "1",
            Some("2026-12-31"),
            None,
        )
        .await
        .unwrap()
        .unwrap();
        let t = tasks::get(&bot.db, task).await.unwrap().unwrap();
        let wa = workers::get(&bot.db, a).await.unwrap().unwrap();
        tasks::assign(&bot.db, &crate::support::seal(&bot.db).await, &t, &wa, 921)
            .await
            .unwrap();
        bot.user(922)
            .send(&format!("/kunjungan {task}"))
            .await
            .assert_contains(&["bagikan lokasi"]);
        // Meanwhile the TKSK gives it to someone else.
        sqlx::query("UPDATE tasks SET assignee = $1, status = 'assigned' WHERE id = $2")
            .bind(b)
            .bind(task)
            .execute(&bot.db.pool)
            .await
            .unwrap();
        bot.user(922)
            .location(-6.3, 107.3)
            .await
            .assert_contains(&["sudah dialihkan"]);
        let r = bot
            .user(922)
            .press_on(1, "old", &format!("kj:r:{task}:eligible"))
            .await;
        assert!(r.toast().is_some(), "a polite toast");
        let (visits,): (i64,) = one(&bot.db, "SELECT COUNT(*) FROM visits").await;
        assert_eq!(visits, 0);
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_reverification_visit_without_location_needs_a_reason_and_skips_the_photo() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let a = enrolled(&bot, 931, Role::Psm, &[KULON], "Bu Euis").await;
        households(&bot.db, KULON, 1).await;
        let task = tasks::create(&bot.db.pool, TaskKind::ReverifyKpm, KULON, "1", None, None)
            .await
            .unwrap()
            .unwrap();
        sqlx::query("UPDATE tasks SET assignee = $1, status = 'assigned'")
            .bind(a)
            .execute(&bot.db.pool)
            .await
            .unwrap();
        let u = bot.user(931);
        u.send("/kunjungan").await;
        u.press(&format!("kj:s:{task}"))
            .await
            .assert_contains(&["KK 3215**********99"]);
        u.send("Lewati lokasi")
            .await
            .assert_contains(&["Mengapa lokasi tidak dapat dibagikan"]);
        u.sticker().await.assert_contains(&["alasannya"]);
        u.send("GPS rusak")
            .await
            .assert_contains(&["hasil kunjungan"]);
        u.send("pindah")
            .await
            .assert_contains(&["pilih dengan tombol"]);
        u.press(&format!("kj:r:{task}:moved"))
            .await
            .assert_contains(&["Tanpa foto"]);
        u.press(&format!("kj:np:{task}")).await;
        u.press(&format!("kj:nn:{task}")).await.assert_contains(&[
            "tidak dibagikan (GPS rusak)",
            "pindah",
            "Foto: tidak ada",
        ]);
        // No TKSK of Karawang Barat is on the bot: the PSM is not told one was.
        let r = u.press(&format!("kj:ok:{task}")).await;
        r.assert_contains(&["sudah tersimpan", "belum ada yang kami beri tahu"]);
        assert!(!r.text().contains("sudah kami beri tahu"), "{}", r.text());
        let (v,): (Option<String>,) = one(&bot.db, "SELECT verification FROM households").await;
        assert_eq!(v.as_deref(), Some("moved"));
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_tksk_who_logs_a_visit_is_not_told_their_tksk_is_missing() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let tksk = enrolled(&bot, 935, Role::Tksk, &[KARAWANG_BARAT], "Pak Dadang").await;
        households(&bot.db, KULON, 1).await;
        let task = tasks::create(&bot.db.pool, TaskKind::ReverifyKpm, KULON, "1", None, None)
            .await
            .unwrap()
            .unwrap();
        sqlx::query("UPDATE tasks SET assignee = $1, status = 'assigned'")
            .bind(tksk)
            .execute(&bot.db.pool)
            .await
            .unwrap();
        let u = bot.user(935);
        u.send(&format!("/kunjungan {task}")).await;
        u.send("Lewati lokasi").await;
        u.send("GPS rusak").await;
        u.press(&format!("kj:r:{task}:moved")).await;
        u.press(&format!("kj:np:{task}")).await;
        u.press(&format!("kj:nn:{task}")).await;
        let r = u.press(&format!("kj:ok:{task}")).await;
        r.assert_contains(&["sudah tersimpan"]);
        let text = r.text();
        assert!(!text.contains("beri tahu"), "{text}");
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_proposal_found_moved_or_died_is_not_told_the_address_was_not_found() {
    use kesos_bot::store::visits::{self, NewVisit};
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let psm_id = enrolled(&bot, 951, Role::Psm, &[KULON], "Bu Euis").await;
        let psm = workers::get(&bot.db, psm_id).await.unwrap().unwrap();
        let seal = crate::support::seal(&bot.db).await;
        for (resident, number, result) in [
            (952, "USL-0952", VisitResult::Moved),
            (953, "USL-0953", VisitResult::Died),
            (954, "USL-0954", VisitResult::Unknown),
        ] {
            bot.user(resident).send("/start").await;
            let id = proposal(&bot.db, number, resident, KULON, "yyyyyyyyynnnnn").await;
            let task = tasks::get(&bot.db, id).await.unwrap().unwrap();
            tasks::assign(&bot.db, &seal, &task, &psm, 951)
                .await
                .unwrap();
            let visit = NewVisit {
                task_id: id,
                lat: None,
                lon: None,
                location_skip: Some("GPS rusak".into()),
                result,
                answers: None,
                photo: None,
                notes: None,
            };
            visits::commit(&bot.db, &seal, &psm, 951, &visit)
                .await
                .unwrap();
        }
        wait_notice(&bot, 952, "sudah tidak tinggal di alamat itu").await;
        wait_notice(&bot, 954, "belum dapat menemukan alamat").await;
        // The family of 953 is told the proposal ends, neither why nor that an address was not
        // found; 952 is not told the address was not found.
        wait_notice(&bot, 953, "usulan ini tidak dapat dilanjutkan").await;
        let texts = |chat: i64| -> Vec<String> {
            bot.api
                .calls()
                .iter()
                .filter(|c| c.chat_id() == Some(chat))
                .map(|c| c.text().to_string())
                .collect()
        };
        assert!(
            !texts(953)
                .iter()
                .any(|t| t.contains("meninggal") || t.contains("alamat")),
            "{:?}",
            texts(953)
        );
        assert!(
            !texts(952)
                .iter()
                .any(|t| t.contains("belum dapat menemukan"))
        );
        let (status,): (String,) =
            sqlx::query_as("SELECT status FROM proposals WHERE number = 'USL-0953'")
                .fetch_one(&bot.db.pool)
                .await
                .unwrap();
        assert_eq!(status, "not_found", "the visit is on record");
        bot.stop().await;
    });
}

#[tokio::test]
async fn five_wrong_codes_in_an_hour_lock_the_user_out_even_from_a_good_code() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(941);
        u.send("/daftar")
            .await
            .assert_contains(&["kirim kode undangan"]);
        u.sticker().await.assert_contains(&["berupa teks"]);
        u.send("ABCDE-FGHJK")
            .await
            .assert_contains(&["tidak kami kenali"]);
        for _ in 0..3 {
            u.send("/daftar ABCDE-FGHJK")
                .await
                .assert_contains(&["tidak kami kenali"]);
        }
        u.send("/daftar ZZZZZ-ZZZZZ")
            .await
            .assert_contains(&["dikunci sementara", "WIB"]);
        let good = invite(&bot.db, Role::Psm, &["Karawang Kulon"], "Bu Euis").await;
        u.send(&format!("/daftar {}", good.code))
            .await
            .assert_contains(&["dikunci sementara"]);
        // Someone else is not affected, and the code is still good.
        bot.user(942)
            .send(&format!("/daftar {}", good.code))
            .await
            .assert_contains(&["Selamat bergabung"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn an_expired_code_is_refused_with_a_clear_reason() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let inv = invite(&bot.db, Role::Psm, &[KULON], "Bu Euis").await;
        sqlx::query("UPDATE invites SET expires_at = 1")
            .execute(&bot.db.pool)
            .await
            .unwrap();
        bot.user(951)
            .send(&format!("/daftar {}", inv.code))
            .await
            .assert_contains(&["kedaluwarsa"]);
        let (hash,): (String,) = one(&bot.db, "SELECT code_hash FROM invites").await;
        assert!(
            !hash.contains(&inv.code.replace('-', "")),
            "only a keyed hash is kept"
        );
        bot.stop().await;
    });
}

#[tokio::test]
async fn revoking_a_psm_ends_access_at_once_and_hands_open_tasks_back_to_the_tksk() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let tksk = enrolled(&bot, 961, Role::Tksk, &[KARAWANG_BARAT], "Pak Dadang").await;
        let psm = enrolled(&bot, 962, Role::Psm, &[KULON], "Bu Euis").await;
        households(&bot.db, KULON, 3).await;
        let opened = cycles::open(&bot.db, KULON, "2026-11", None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(opened.created, 3);
        assert_eq!(
            workers::revoke(&bot.db, psm).await.unwrap(),
            Revocation::Revoked { returned: 3 }
        );
        assert_eq!(
            workers::revoke(&bot.db, psm).await.unwrap(),
            Revocation::AlreadyRevoked
        );
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tasks WHERE assignee = $1")
            .bind(tksk)
            .fetch_one(&bot.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 3);
        bot.user(962)
            .send("/tugas")
            .await
            .assert_contains(&["khusus untuk petugas"]);
        wait_notice(&bot, 961, "3 tugas dari Bu Euis dikembalikan").await;
        bot.user(961)
            .send("/tugaskan")
            .await
            .assert_contains(&["belum diserahkan: 3"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_cycle_spreads_tasks_evenly_and_opening_it_twice_creates_nothing() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let key = secret::load(&db, &crate::support::key_for(&db))
            .await
            .unwrap();
        let mut psm = vec![];
        for name in ["A", "B", "C"] {
            let inv = workers::invite(&db, &key, Role::Psm, &[KULON.into()], name)
                .await
                .unwrap()
                .unwrap();
            psm.push(inv.worker_id);
        }
        households(&db, KULON, 10).await;
        households(&db, ADIARSA, 2).await;
        let first = cycles::open(&db, KARAWANG_BARAT, "2026-12", None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(first.period, "2026-11");
        assert_eq!(first.due.to_string(), "2026-12-31");
        assert_eq!(
            (first.households, first.created, first.unassigned),
            (12, 12, 2)
        );
        let mut loads = vec![];
        for w in &psm {
            loads.push(tasks::count_open_for(&db, *w).await.unwrap());
        }
        loads.sort();
        assert_eq!(loads, vec![3, 3, 4], "ten households over three PSM");
        let again = cycles::open(&db, KARAWANG_BARAT, "2026-11", None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.created, 0);
        let kel = cycles::open(&db, KULON, "2026-11", None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            kel.created, 0,
            "a kelurahan inside the opened kecamatan adds nothing"
        );
        let (n,): (i64,) = one(&db, "SELECT COUNT(*) FROM tasks").await;
        assert_eq!(n, 12);
    });
}

#[tokio::test]
async fn dinsos_opens_a_cycle_in_the_bot_and_the_tksk_follows_it_with_rekap() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 971, Role::Dinsos, &["32.15"], "Operator Dinsos").await;
        enrolled(&bot, 972, Role::Tksk, &[KARAWANG_BARAT], "Pak Dadang").await;
        enrolled(&bot, 973, Role::Psm, &[KULON], "Bu Euis").await;
        households(&bot.db, KULON, 4).await;
        bot.user(972)
            .send("/siklus 32.15.01")
            .await
            .assert_contains(&["bukan untuk peran Anda"]);
        let d = bot.user(971);
        d.send("/siklus").await.assert_contains(&["wilayah mana"]);
        d.send("Karawang Barat 2026-11").await.assert_contains(&[
            "November–Desember 2026",
            "Tugas baru: 4",
            "31 Desember 2026",
        ]);
        d.send("/siklus 32.15.01 2026-12")
            .await
            .assert_contains(&["sudah dibuka sebelumnya"]);
        wait_notice(&bot, 973, "4 rumah tangga KPM").await;
        bot.user(972)
            .send("/rekap")
            .await
            .assert_contains(&["Selesai: 0 dari 4", "Karawang Kulon: 0/4"]);
        d.send("/rekap")
            .await
            .assert_contains(&["Karawang Barat: 0/4"]);
        // The PSM pages through their tasks.
        let r = bot.user(973).send("/tugas").await;
        r.assert_contains(&["Tugas terbuka Anda: 4", "Verivali KPM"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn the_daily_reminder_is_queued_once_a_day_whatever_the_restarts() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let psm = enrolled(&bot, 981, Role::Psm, &[KULON], "Bu Euis").await;
        enrolled(&bot, 982, Role::Psm, &[KULON], "Kang Asep").await;
        households(&bot.db, KULON, 2).await;
        // A day of its own, so that the bot's own minute-by-minute job does not interfere.
        for (subject, due) in [("1", "2031-03-14"), ("2", "2031-03-01")] {
            let id = tasks::create(
                &bot.db.pool,
                TaskKind::ReverifyKpm,
                KULON,
                subject,
                Some(due),
                None,
            )
            .await
            .unwrap()
            .unwrap();
            sqlx::query("UPDATE tasks SET assignee = $1, status = 'assigned' WHERE id = $2")
                .bind(psm)
                .bind(id)
                .execute(&bot.db.pool)
                .await
                .unwrap();
        }
        let six = chrono::Utc.with_ymd_and_hms(2031, 3, 13, 23, 0, 0).unwrap();
        let seven = chrono::Utc.with_ymd_and_hms(2031, 3, 14, 0, 5, 0).unwrap();
        use kesos_bot::jobs::reminders::tick;
        let seal = crate::support::seal(&bot.db).await;
        // The first household has a member and an address: the reminder names the house.
        sqlx::query(
            "UPDATE households SET address = 'Jl. Kenanga 4', rt = '002', rw = '003' WHERE id = 1",
        )
        .execute(&bot.db.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO members (nik_hash, nik_masked, household_id, name, updated_at)
             VALUES ('h', '3215**********01', 1, 'Ujang Suryana', 0)",
        )
        .execute(&bot.db.pool)
        .await
        .unwrap();
        assert_eq!(
            tick(&bot.db, &seal, six, 7, Default::default())
                .await
                .unwrap(),
            0,
            "not before 07:00 WIB"
        );
        assert_eq!(
            tick(&bot.db, &seal, seven, 7, Default::default())
                .await
                .unwrap(),
            1,
            "one worker has due tasks"
        );
        assert_eq!(
            tick(&bot.db, &seal, seven, 7, Default::default())
                .await
                .unwrap(),
            0
        );
        // Even without the day's mark (another instance, a lost write) the dedupe key holds.
        sqlx::query("DELETE FROM meta WHERE key = 'reminders_day'")
            .execute(&bot.db.pool)
            .await
            .unwrap();
        assert_eq!(
            tick(&bot.db, &seal, seven, 7, Default::default())
                .await
                .unwrap(),
            0
        );
        wait_notice(&bot, 981, "batas waktunya hari ini: 1").await;
        wait_notice(&bot, 981, "sudah lewat batas waktu: 1").await;
        wait_notice(
            &bot,
            981,
            "Verivali KPM (batas waktu 14 Maret 2031): Ujang Suryana · KK 3215**********99 · Jl. Kenanga 4, RT 002/RW 003",
        )
        .await;
        wait_notice(&bot, 981, "(batas waktu 1 Maret 2031): KK 3215**********99").await;
        let (n,): (i64,) = one(
            &bot.db,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'reminder:%'",
        )
        .await;
        assert_eq!(n, 1, "one reminder in all");
        bot.stop().await;
    });
}

#[tokio::test]
async fn the_binary_invites_lists_and_exports() {
    let tdb = TestDb::sqlite().await;
    let db = tdb.connect().await;
    db.pool.close().await;
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kesos-bot"))
            .args(args)
            .env("DATABASE_URL", &tdb.url)
            .env("LANG", "id_ID.UTF-8")
            .env_remove("KESOS_SECRET")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (ok, out, err) = run(&[
        "worker", "invite", "--role", "psm", "--area", KULON, "--area", "Nagasari", "--name",
        "Bu Euis",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Kode undangan untuk Bu Euis") && out.contains("/daftar"),
        "{out}"
    );
    let (ok, _, err) = run(&[
        "worker", "invite", "--role", "tksk", "--area", "Atlantis", "--name", "X",
    ]);
    assert!(!ok && err.contains("Atlantis"), "{err}");
    let (ok, out, _) = run(&["worker", "list"]);
    assert!(ok);
    assert!(
        out.contains("Bu Euis")
            && out.contains("32.15.01.1001, 32.15.01.1011")
            && out.contains("menunggu /daftar"),
        "{out}"
    );
    let (ok, out, _) = run(&["export", "visits"]);
    assert!(ok);
    assert!(out.starts_with("task,kind,area"), "{out}");
    let (ok, out, err) = run(&["export", "tasks", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("task,kind,area,subject,assignee"), "{out}");
}

/// Enrols a worker without the bot (the store's own functions); returns the worker id.
async fn enrolled_in_store(db: &Db, tg: i64, role: Role, areas: &[&str], name: &str) -> i64 {
    let inv = invite(db, role, areas, name).await;
    let key = secret::load(db, &crate::support::key_for(db))
        .await
        .unwrap();
    kesos_bot::store::users::touch(db, tg, tg, None)
        .await
        .unwrap();
    let e = workers::enrol(db, &key, tg, &inv.code).await.unwrap();
    assert!(matches!(e, workers::Enrolment::Enrolled { .. }), "{e:?}");
    inv.worker_id
}

#[tokio::test]
async fn the_stores_task_queries_serve_the_screens_on_each_backend() {
    use kesos_bot::store::tasks::Subject;
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let psm = enrolled_in_store(&db, 801, Role::Psm, &[KULON], "Bu Ani").await;
        let other = enrolled_in_store(&db, 802, Role::Psm, &[ADIARSA], "Pak Dedi").await;
        let tksk = enrolled_in_store(&db, 803, Role::Tksk, &[KARAWANG_BARAT], "Pak Joko").await;
        let t1 = proposal(&db, "USL-2026-000901", 900, KULON, "yyyyyyyyynnnnn").await;
        let task = tasks::get(&db, t1).await.unwrap().unwrap();
        assert_eq!(
            tasks::subject(&db, &task).await.unwrap(),
            Some(Subject::Proposal {
                number: "USL-2026-000901".into(),
                name: "Ibu Sumarni".into(),
                address: "Jl. Tuparev 12".into(),
                rt: None,
                rw: None,
                criteria_met: 9,
            })
        );
        // Handed out, visited, stopped: back to "assigned" for the TKSK to hand out again.
        let ani = workers::get(&db, psm).await.unwrap().unwrap();
        tasks::assign(&db, &crate::support::seal(&db).await, &task, &ani, 803)
            .await
            .unwrap();
        tasks::start_visit(&db, t1, psm).await.unwrap();
        let status =
            |db: Db| async move { tasks::get(&db, t1).await.unwrap().unwrap().status.code() };
        assert_eq!(status(db.clone()).await, "in_progress");
        tasks::stop_visit(&db, t1, other).await.unwrap();
        assert_eq!(
            status(db.clone()).await,
            "in_progress",
            "only the assignee stops it"
        );
        tasks::stop_visit(&db, t1, psm).await.unwrap();
        assert_eq!(status(db.clone()).await, "assigned");
        // A household task shows the masked No. KK.
        households(&db, ADIARSA, 1).await;
        cycles::open(&db, ADIARSA, "2026-11", None)
            .await
            .unwrap()
            .unwrap();
        let list = tasks::open_for(&db, other, 10, 0).await.unwrap();
        assert_eq!(list.len(), 1);
        assert!(matches!(
            tasks::subject(&db, &list[0]).await.unwrap(),
            Some(Subject::Household { kk_masked, .. }) if kk_masked == "3215**********99"
        ));
        // The reminder's query: per worker, per due date, only what is due by the day.
        let due = tasks::due_by_worker(&db, "2026-12-31").await.unwrap();
        let per: Vec<(i64, Vec<(String, i64)>)> =
            due.into_iter().map(|d| (d.worker, d.due)).collect();
        assert_eq!(
            per,
            vec![
                (psm, vec![("2026-12-10".to_string(), 1)]),
                (other, vec![("2026-12-31".to_string(), 1)]),
            ]
        );
        assert!(
            tasks::due_by_worker(&db, "2026-12-01")
                .await
                .unwrap()
                .is_empty()
        );
        // `worker list`: areas and open tasks of every worker, in three queries.
        let listing = workers::list(&db).await.unwrap();
        let row = |id: i64| listing.iter().find(|l| l.worker.id == id).unwrap();
        assert_eq!(
            (row(psm).areas.clone(), row(psm).open_tasks),
            (vec![KULON.to_string()], 1)
        );
        assert_eq!(
            (row(tksk).worker.role, row(tksk).open_tasks),
            (Role::Tksk, 0)
        );
        // Chats and languages of recipients in one query; an unknown chat is absent.
        let r = kesos_bot::store::users::recipients(&db, &[801, 802, 999])
            .await
            .unwrap();
        assert_eq!(r.len(), 2);
        assert!(!r[&801].blocked);
    });
}

#[tokio::test]
async fn areas_are_found_by_code_or_unique_name_at_the_level_asked() {
    use kesos_bot::domain::region::Level;
    use kesos_bot::store::regions;
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let found = regions::find(&db, "  karawang kulon ", &Level::VILLAGE)
            .await
            .unwrap();
        assert_eq!(found.map(|r| r.code), Some(KULON.to_string()));
        assert_eq!(
            regions::find(&db, KARAWANG_BARAT, &Level::VILLAGE)
                .await
                .unwrap(),
            None,
            "a kecamatan is not a village"
        );
        let kec = regions::find(&db, KARAWANG_BARAT, &Level::CYCLE)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (kec.level, kec.name.as_str()),
            (Level::Kecamatan, "Karawang Barat")
        );
        // A name two villages share matches none.
        sqlx::query(
            "INSERT INTO wilayah (code, name, level, parent_code)
             VALUES ('32.15.02', 'Lain', 'kecamatan', '32.15'),
                    ('32.15.02.2001', 'Karawang Kulon', 'desa', '32.15.02')",
        )
        .execute(&db.pool)
        .await
        .unwrap();
        assert_eq!(
            regions::find(&db, "Karawang Kulon", &Level::VILLAGE)
                .await
                .unwrap(),
            None
        );
        let names = regions::names(&db, &[KULON, "32.15.02.2001", "99.99"])
            .await
            .unwrap();
        assert_eq!(names.len(), 2);
        assert_eq!(names[KULON], "Karawang Kulon");
    });
}

#[tokio::test]
async fn outbox_rows_are_claimed_in_one_statement_and_finished_only_by_their_holder() {
    use kesos_bot::domain::notice::Notice;
    use kesos_bot::store::outbox::{self, Content, Outcome};
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        for today in 1..=3 {
            let n = Notice::Reminder {
                today,
                overdue: 0,
                complaints: 0,
                tasks: None,
            };
            outbox::enqueue(&db.pool, 700, &n, None).await.unwrap();
        }
        let first = outbox::claim_due(&db, 2, 600).await.unwrap();
        assert_eq!(first.len(), 2);
        assert!(first[0].id < first[1].id, "oldest first");
        assert_eq!(
            first[0].content,
            Content::Notice(Notice::Reminder {
                today: 1,
                overdue: 0,
                complaints: 0,
                tasks: None,
            })
        );
        // Another sender gets only what is left.
        let second = outbox::claim_due(&db, 10, 600).await.unwrap();
        assert_eq!(second.len(), 1);
        assert!(outbox::claim_due(&db, 10, 600).await.unwrap().is_empty());
        // A holder whose claim was taken over cannot record the row.
        let mut stolen = first[0].clone();
        stolen.claim = "someone else".into();
        assert!(
            !outbox::finish(&db, &stolen, Outcome::Sent(41))
                .await
                .unwrap()
        );
        assert!(
            outbox::finish(&db, &first[0], Outcome::Sent(41))
                .await
                .unwrap()
        );
        let (message_id,): (Option<i64>,) =
            sqlx::query_as("SELECT message_id FROM outbox WHERE outcome = 'sent'")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(
            message_id,
            Some(41),
            "the Telegram id of the message is kept"
        );
        // Released, a row is due again at once.
        outbox::release(&db, &first[1]).await.unwrap();
        let again = outbox::claim_due(&db, 10, 600).await.unwrap();
        assert_eq!(
            again.iter().map(|q| q.id).collect::<Vec<_>>(),
            vec![first[1].id]
        );
        assert_eq!(outbox::count_unsent(&db).await.unwrap(), 2);
    });
}

#[tokio::test]
async fn a_reply_waiting_for_its_user_goes_before_notices_and_notices_before_bulk() {
    use kesos_bot::domain::notice::Notice;
    use kesos_bot::store::outbox::{self, Lane};
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let n = |today| Notice::Reminder {
            today,
            overdue: 0,
            complaints: 0,
            tasks: None,
        };
        for i in 0..3 {
            outbox::enqueue_in(&db.pool, Lane::Bulk, 700 + i, &n(i), None)
                .await
                .unwrap();
        }
        outbox::enqueue(&db.pool, 710, &n(10), None).await.unwrap();
        outbox::enqueue_sealed(&db.pool, 720, "s1:sealed", None)
            .await
            .unwrap();
        let first = outbox::claim_due(&db, 2, 600).await.unwrap();
        let lanes: Vec<(Lane, i64)> = first.iter().map(|q| (q.lane, q.chat_id)).collect();
        assert_eq!(lanes, vec![(Lane::Reply, 720), (Lane::Personal, 710)]);
        let rest = outbox::claim_due(&db, 10, 600).await.unwrap();
        assert_eq!(rest.len(), 3);
        assert!(rest.iter().all(|q| q.lane == Lane::Bulk));
    });
}

/// A KPM file as Dinas Sosial writes it: two households of Nagasari with their members,
/// address and RT/RW. Returns its path.
fn kpm_file(dir: &std::path::Path) -> String {
    use kesos_bot::import::kpm::synthetic_nik;
    let rows = [
        (
            0,
            "Nénéng Suminar",
            "3215011234560001",
            "Jl. Kertabumi 5",
            "003",
            "007",
        ),
        (
            1,
            "Ujang Sopandi",
            "3215011234560001",
            "Jl. Kertabumi 5",
            "003",
            "007",
        ),
        (
            2,
            "Dede Ruhiyat",
            "3215011234560002",
            "Gg. Melati 2",
            "001",
            "004",
        ),
    ];
    let mut text = String::from("nik;nama;no_kk;kelurahan;program;alamat;rt;rw\n");
    for (i, name, kk, address, rt, rw) in rows {
        text.push_str(&format!(
            "{};{name};{kk};32.15.01.1011;SEMBAKO;{address};{rt};{rw}\n",
            synthetic_nik(i)
        ));
    }
    let path = dir.join("kpm.csv");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[tokio::test]
async fn an_operator_opens_the_task_export_in_excel_and_finds_each_house() {
    on_each_backend!(|tdb| {
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| {
            let r = crate::support::binary(&tdb, args);
            assert!(r.ok, "{args:?}: {}", r.all());
            r.stdout
        };
        run(&["import", "kpm", &kpm_file(dir.path())]);
        run(&[
            "cycle",
            "open",
            "--area",
            "Kel. Nagasari",
            "--period",
            "2026-11",
        ]);
        let file = dir.path().join("tugas.csv");
        let out = run(&[
            "export",
            "tasks",
            "--format",
            "excel",
            "--output",
            file.to_str().unwrap(),
        ]);
        assert!(out.is_empty(), "the export went to the file: {out}");
        let bytes = std::fs::read(&file).unwrap();
        // What Excel on an Indonesian PC needs to split the columns and read "é" right.
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a UTF-8 BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.ends_with("\r\n"), "CRLF line ends");
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
        };
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2, "one task per household: {text}");
        assert!(rows.iter().all(|r| r.len() == header.len()), "{text}");
        let first = rows
            .iter()
            .find(|r| r[col("address")] == *"Jl. Kertabumi 5")
            .unwrap_or_else(|| panic!("the first household by its address: {text}"));
        assert_eq!(&first[col("kind")], "reverify_kpm");
        assert_eq!(&first[col("name")], "Nénéng Suminar; Ujang Sopandi");
        assert_eq!(&first[col("no_kk_masked")], "3215**********01");
        assert_eq!((&first[col("rt")], &first[col("rw")]), ("003", "007"));
        assert_eq!(&first[col("area_name")], "Nagasari");
        // Codes stay text in Excel (32.15.01.1011 could be read as a time, 2026-11 as a date).
        assert_eq!(&first[col("area")], "=\"32.15.01.1011\"");
        assert_eq!(&first[col("cycle")], "=\"2026-11\"");
        assert!(
            !text.contains("3215011234560001") && !text.contains(&synthetic_nik_of(0)),
            "never a full No. KK or NIK: {text}"
        );

        // For tools: commas, no BOM, the same columns first as before.
        let csv = run(&["export", "tasks"]);
        assert!(
            csv.starts_with("task,kind,area,subject,assignee,assignee_name,status,due,cycle,"),
            "{csv}"
        );
        assert!(csv.contains(",Nagasari,Dede Ruhiyat,3215**********02,Gg. Melati 2,001,004\n"));
        // Only the area asked for, named as people say it.
        let lines = |out: String| out.lines().count();
        assert_eq!(
            lines(run(&["export", "tasks", "--area", "Kec. Karawang Barat"])),
            3
        );
        assert_eq!(
            lines(run(&["export", "tasks", "--area", "Karawang Kulon"])),
            1
        );

        // A file that cannot be written is named once, with the system's reason.
        let nowhere = dir.path().join("no-such-folder").join("tugas.csv");
        let nowhere = nowhere.to_str().unwrap();
        let r = crate::support::binary(&tdb, &["export", "tasks", "--output", nowhere]);
        assert!(!r.ok);
        assert_eq!(r.stderr.matches(nowhere).count(), 1, "{}", r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("No such file or directory"),
            "{}",
            r.stderr
        );
    });
}

fn synthetic_nik_of(i: u64) -> String {
    kesos_bot::import::kpm::synthetic_nik(i)
}

#[tokio::test]
async fn areas_are_taken_as_people_say_them_and_a_shared_name_lists_its_places() {
    on_each_backend!(|tdb| {
        let run = |args: &[&str]| crate::support::binary(&tdb, args);
        for typed in ["Karawang", "Kab. Karawang", "Kabupaten Karawang", "32.15"] {
            let r = run(&[
                "worker", "invite", "--role", "dinsos", "--area", typed, "--name", "Ibu Rina",
            ]);
            assert!(r.ok, "{typed}: {}", r.all());
            assert!(
                r.stdout.contains("(dinsos, 32.15)"),
                "{typed}: {}",
                r.stdout
            );
        }
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/wilayah-karawang.csv");
        let r = run(&["import", "wilayah", data]);
        assert!(r.ok, "{}", r.all());
        // Two places are called Tanjungmekar: both are listed, with code and kecamatan.
        let r = run(&[
            "worker",
            "invite",
            "--role",
            "psm",
            "--area",
            "Tanjungmekar",
            "--name",
            "Bu Euis",
        ]);
        assert!(!r.ok);
        for part in [
            "Tanjungmekar",
            "32.15.01.1006",
            "Kec. Karawang Barat",
            "32.15.12.2001",
            "Kec. Pakisjaya",
        ] {
            assert!(r.stderr.contains(part), "{part}: {}", r.stderr);
        }
        // The prefix tells them apart.
        let r = run(&[
            "worker",
            "invite",
            "--role",
            "psm",
            "--area",
            "Kel. Tanjungmekar",
            "--area",
            "Desa Tanjung Mekar",
            "--name",
            "Bu Euis",
        ]);
        assert!(r.ok, "{}", r.all());
        assert!(
            r.stdout.contains("32.15.01.1006, 32.15.12.2001"),
            "{}",
            r.stdout
        );
        // A kecamatan where a desa is needed is named for what it is.
        let r = run(&[
            "worker",
            "invite",
            "--role",
            "psm",
            "--area",
            "Karawang Barat",
            "--name",
            "X",
        ]);
        assert!(!r.ok);
        assert!(
            r.stderr.contains("bukan desa atau kelurahan") && r.stderr.contains("32.15.01"),
            "{}",
            r.stderr
        );
        let r = run(&[
            "worker",
            "invite",
            "--role",
            "tksk",
            "--area",
            "Kecamatan Klari",
            "--name",
            "Pak Dadang",
        ]);
        assert!(r.ok, "{}", r.all());
        // The same resolver serves cycles, reports and broadcast audiences.
        let r = run(&["cycle", "open", "--area", "Batujaya", "--period", "2026-11"]);
        assert!(
            !r.ok && r.stderr.contains("32.15.08") && r.stderr.contains("32.15.08.2001"),
            "kecamatan and desa Batujaya: {}",
            r.all()
        );
        let r = run(&[
            "report",
            "realisasi",
            "--period",
            "2026",
            "--area",
            "Kec. Batujaya",
        ]);
        assert!(r.ok && r.stdout.contains("Batujaya"), "{}", r.all());
        let text = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(text.path(), "Rapat PSM hari Senin.").unwrap();
        let r = run(&[
            "broadcast",
            "send",
            "--audience",
            "kecamatan:Kec. Klari",
            "--text-file",
            text.path().to_str().unwrap(),
        ]);
        assert!(r.ok, "{}", r.all());
        let r = run(&["broadcast", "list"]);
        assert!(r.stdout.contains("Klari"), "{}", r.stdout);
    });
}
