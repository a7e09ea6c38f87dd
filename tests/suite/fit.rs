//! Field fit: what residents and PSM read on a phone. A photo, location or sticker sent where
//! the bot asks for something else gets the current question again; the screens of the main
//! flows fit a phone.

use crate::on_each_backend;
use crate::residents::{SITI, UNKNOWN, import_sample, screen};
use crate::support::{TestBot, User, enrolled};
use kesos_bot::domain::role::Role;

const KULON: &str = "32.15.01.1001";

/// Sends a sticker, a location and a photo: each is answered with `question` again, never the
/// generic "we only read text" answer of a user outside any flow.
async fn media_asks_again(u: &User<'_>, question: &str) {
    for (what, r) in [
        ("sticker", u.sticker().await),
        ("location", u.location(-6.3051, 107.2998).await),
        ("photo", u.photo("stray-photo").await),
    ] {
        let text = r.all_text();
        assert!(
            !text.contains("hanya dapat membaca"),
            "a {what} got the generic answer: {text}"
        );
        assert!(
            text.to_lowercase().contains(&question.to_lowercase()),
            "a {what} did not get {question:?} again: {text}"
        );
    }
}

#[tokio::test]
async fn media_in_the_middle_of_a_flow_gets_the_current_question_again() {
    on_each_backend!(|tdb| {
        import_sample(&tdb).await;
        let bot = TestBot::start(&tdb).await;

        // /cek: the NIK, then the name.
        let u = bot.user(1301);
        u.send("/cek").await;
        media_asks_again(&u, "16 angka").await;
        u.send(SITI).await;
        media_asks_again(&u, "nama lengkap").await;
        u.send("/batal").await;

        // /skrining: a question answered with buttons.
        u.send("/skrining").await;
        media_asks_again(&u, "Pertanyaan 1/14").await;
        u.send("/batal").await;

        // The proposal, step by step.
        let u = bot.user(1302);
        screen(&u, 9).await;
        u.press("usl:start").await;
        media_asks_again(&u, "nama lengkap kepala keluarga").await;
        u.send("Ujang Suryana").await;
        media_asks_again(&u, "NIK (16 angka)").await;
        u.send(UNKNOWN).await;
        media_asks_again(&u, "desa/kelurahan mana").await;
        u.press(&format!("usl:kel:{KULON}")).await;
        media_asks_again(&u, "alamat rumah").await;
        u.send("Gg. Melati No. 7").await;
        media_asks_again(&u, "RT dan RW").await;
        u.send("3/5").await;
        for r in [u.sticker().await, u.photo("stray").await] {
            r.assert_contains(&["Bagikan nomor telepon"]);
        }
        u.send("Lewati").await;
        media_asks_again(&u, "sudah benar").await;
        u.send("/batal").await;

        // /daftar waits for an invitation code; /aduan for a category.
        let u = bot.user(1303);
        u.send("/daftar").await;
        media_asks_again(&u, "kode undangan").await;
        u.send("/batal").await;
        u.send("/aduan").await;
        media_asks_again(&u, "Tentang apa aduan").await;
        u.send("/batal").await;

        // Dinas Sosial opening a cycle waits for an area.
        enrolled(&bot, 1304, Role::Dinsos, &["32.15"], "Operator").await;
        let op = bot.user(1304);
        op.send("/siklus").await;
        media_asks_again(&op, "Untuk wilayah mana").await;
        op.send("/batal").await;

        // A PSM's home visit, at each step that waits for something else than a photo.
        let psm_id = enrolled(&bot, 1305, Role::Psm, &[KULON], "Bu Euis").await;
        let task =
            crate::workers::proposal(&bot.db, "USL-1305", 1302, KULON, "yyyyyyyyynnnnn").await;
        let t = kesos_bot::store::tasks::get(&bot.db, task)
            .await
            .unwrap()
            .unwrap();
        let psm = kesos_bot::store::workers::get(&bot.db, psm_id)
            .await
            .unwrap()
            .unwrap();
        let seal = crate::support::seal(&bot.db).await;
        kesos_bot::store::tasks::assign(&bot.db, &seal, &t, &psm, 1305)
            .await
            .unwrap();
        let p = bot.user(1305);
        p.send(&format!("/kunjungan {task}")).await;
        for r in [p.sticker().await, p.photo("stray").await] {
            r.assert_contains(&["adalah lokasi"]);
        }
        p.location(-6.3051, 107.2998).await;
        media_asks_again(&p, "hasil kunjungan").await;
        p.press(&format!("kj:r:{task}:eligible")).await;
        media_asks_again(&p, "14 kriteria").await;
        p.press(&format!("kj:cd:{task}")).await;
        for r in [p.sticker().await, p.location(-6.3, 107.3).await] {
            r.assert_contains(&["foto rumah"]);
        }
        p.photo("house").await;
        media_asks_again(&p, "catatan").await;
        p.press(&format!("kj:nn:{task}")).await;
        media_asks_again(&p, "ringkasan kunjungan").await;
        bot.stop().await;
    });
}

/// An address as long as the proposal form takes (200 characters).
const ADDRESS: &str = "Kampung Pasirkaliki RT 003 RW 005, Jl. Tuparev Gg. Mawar No. 7, belakang masjid Al-Ikhlas, dekat warung Bu Imas yang bercat hijau, masuk gang kedua sesudah pangkalan ojek, rumah pagar biru";

/// The longest screen a resident or worker may be sent in the main flows, in characters.
const PHONE_SCREEN: usize = 600;

#[tokio::test]
async fn the_screens_of_the_main_flows_fit_a_phone() {
    on_each_backend!(|tdb| {
        import_sample(&tdb).await;
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 1401, Role::Tksk, &["32.15.01"], "Pak Dadang").await;
        let psm_id = enrolled(&bot, 1402, Role::Psm, &[KULON], "Bu Euis").await;

        // A resident: the menus, the information, a look-up with two programs, the screening
        // and a proposal, a complaint and its status.
        let u = bot.user(1403);
        for command in ["/start", "/bantuan", "/privasi", "/info"] {
            u.send(command).await;
        }
        u.press("prog:SEMBAKO").await;
        u.press("prog:PKH").await;
        u.send(&format!("/cek {SITI}")).await;
        u.send("Siti Aminah")
            .await
            .assert_contains(&["Data ditemukan"]);
        u.send(&format!("/cek {UNKNOWN}")).await;
        u.send("Siapa Saja").await;
        screen(&u, 10).await;
        u.press("usl:start").await;
        u.send("Ujang Suryana").await;
        u.send(UNKNOWN).await;
        u.press(&format!("usl:kel:{KULON}")).await;
        u.send(ADDRESS).await;
        u.send("3/5").await;
        u.send("Lewati").await;
        u.press("usl:send").await.assert_contains(&["USL-"]);
        u.send("/aduan").await;
        u.press("ad:c:not_received").await;
        u.press(&format!("ad:v:{KULON}")).await;
        let complaint = "Bantuan BPNT bulan November belum masuk ke kartu KKS saya. ".repeat(40);
        u.send(&complaint).await;
        u.press("ad:trim").await;
        u.press("ad:pd").await;
        u.send("Lewati lokasi").await;
        u.press("ad:send").await.assert_contains(&["ADU-"]);
        u.send("/status").await;

        // The TKSK hands the task to the PSM, who logs the visit.
        let tksk = bot.user(1401);
        tksk.send("/bantuan").await;
        tksk.send("/tugaskan").await;
        let (task,): (i64,) = sqlx::query_as("SELECT id FROM tasks WHERE kind = 'verify_proposal'")
            .fetch_one(&bot.db.pool)
            .await
            .unwrap();
        tksk.press(&format!("tk:t:{task}")).await;
        tksk.press(&format!("tk:a:{task}:{psm_id}")).await;
        let p = bot.user(1402);
        p.send("/bantuan").await;
        p.send("/tugas").await;
        p.press(&format!("tg:o:{task}")).await;
        p.press(&format!("kj:s:{task}")).await;
        p.location(-6.3051, 107.2998).await;
        p.press(&format!("kj:r:{task}:eligible")).await;
        p.press(&format!("kj:cd:{task}")).await;
        p.photo("house").await;
        let notes = "Rumah bilik bambu, lantai tanah, tujuh orang. ".repeat(20);
        p.send(&notes).await;
        p.press(&format!("kj:ok:{task}"))
            .await
            .assert_contains(&["tersimpan"]);
        tksk.send("/rekap").await;

        // What people typed is shown to those who must read it, whole (a complaint of 2,000
        // characters, a visit's notes): the bot's own words around it are what is measured.
        let kept: String = complaint.chars().take(2000).collect();
        let typed = [
            kept.trim_end().to_string(),
            notes.trim_end().to_string(),
            ADDRESS.to_string(),
        ];
        let chats = [1401, 1402, 1403];
        let screens: Vec<(i64, String)> = bot
            .api
            .calls()
            .iter()
            .filter(|c| c.chat_id().is_some_and(|id| chats.contains(&id)) && !c.text().is_empty())
            .map(|c| {
                let mut text = c.text().to_string();
                for t in &typed {
                    text = text.replace(t.as_str(), "«…»");
                }
                (c.chat_id().unwrap(), text)
            })
            .collect();
        assert!(
            screens.len() > 60,
            "the flows ran: {} screens",
            screens.len()
        );
        let mut lengths: Vec<(usize, &str)> = screens
            .iter()
            .map(|(_, s)| (s.chars().count(), s.lines().next().unwrap_or_default()))
            .collect();
        lengths.sort();
        eprintln!(
            "{} screens; the five longest: {:?}",
            screens.len(),
            &lengths[lengths.len() - 5..]
        );
        // A place is named desa or kelurahan as its code says, in the handler's notice too.
        assert!(
            screens
                .iter()
                .any(|(chat, t)| *chat == 1401 && t.contains("Tempat: Kelurahan Karawang Kulon")),
            "the TKSK's complaint notice names the kelurahan"
        );
        for (chat, text) in &screens {
            let n = text.chars().count();
            assert!(
                n <= PHONE_SCREEN,
                "chat {chat} was sent {n} characters:\n{text}"
            );
        }
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_psm_with_many_tasks_pages_through_short_screens_that_name_each_house() {
    use kesos_bot::domain::task::TaskKind;
    use kesos_bot::store::tasks;
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let psm = enrolled(&bot, 1501, Role::Psm, &[KULON], "Bu Euis").await;
        for i in 1..=9 {
            sqlx::query(
                "INSERT INTO households (kk_hash, kk_masked, kelurahan, address, rt, rw, updated_at)
                 VALUES ($1, '3215**********0' || $2, $3, $4, '003', '005', 0)",
            )
            .bind(format!("kk-{i}"))
            .bind(i.to_string())
            .bind(KULON)
            .bind(format!(
                "Kampung Pasirkaliki, Jl. Tuparev Gang Mawar Nomor {i}, belakang masjid"
            ))
            .execute(&bot.db.pool)
            .await
            .unwrap();
            let (household,): (i64,) =
                sqlx::query_as("SELECT id FROM households WHERE kk_hash = $1")
                    .bind(format!("kk-{i}"))
                    .fetch_one(&bot.db.pool)
                    .await
                    .unwrap();
            for name in ["Raden Ajeng Siti Nurhaliza Kartawinata", "Ujang"] {
                sqlx::query(
                    "INSERT INTO members (nik_hash, nik_masked, household_id, name, updated_at)
                     VALUES ($1, '3215**********01', $2, $3, 0)",
                )
                .bind(format!("nik-{i}-{name}"))
                .bind(household)
                .bind(name)
                .execute(&bot.db.pool)
                .await
                .unwrap();
            }
            let id = tasks::create(
                &bot.db.pool,
                TaskKind::ReverifyKpm,
                KULON,
                &household.to_string(),
                Some("2026-12-31"),
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
        let p = bot.user(1501);
        let first = p.send("/tugas").await;
        first.assert_contains(&[
            "Tugas terbuka Anda: 9 (halaman 1 dari 3",
            "🏠 Raden Ajeng Siti Nurhal… +1 · Kampung Pasirkaliki, Jl. Tupare…, RT 003/RW 005",
        ]);
        let second = p.press("tg:p:1").await;
        second.assert_contains(&["halaman 2 dari 3"]);
        for r in [&first, &second] {
            let text = r.text();
            assert!(
                text.chars().count() <= PHONE_SCREEN,
                "{} characters:\n{text}",
                text.chars().count()
            );
        }
        // The detail names every member, the masked No. KK and the whole address.
        let (task,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM tasks")
            .fetch_one(&bot.db.pool)
            .await
            .unwrap();
        p.press(&format!("tg:o:{task}")).await.assert_contains(&[
            "Anggota keluarga: Raden Ajeng Siti Nurhaliza Kartawinata, Ujang",
            "No. KK: 3215**********01",
            "Alamat: Kampung Pasirkaliki, Jl. Tuparev Gang Mawar Nomor 1, belakang masjid, RT 003/RW 005",
        ]);
        bot.stop().await;
    });
}
