//! Broadcasts (`/siaran`, `kesos-bot broadcast`) end to end: audiences and who may address
//! them, one delivery per recipient, blocked recipients marked and skipped, read receipts
//! counted in `/rekap`, residents stopping broadcasts, scheduled sends, and a restart in the
//! middle of a broadcast.

use crate::on_each_backend;
use crate::support::{TestBot, TestDb, enrolled};
use kesos_bot::domain::broadcast::Audience;
use kesos_bot::domain::role::Role;
use kesos_bot::store::broadcasts::{self, Media, NewBroadcast};
use kesos_bot::store::seal::{Place, Seal};
use kesos_bot::store::{Db, now};
use std::collections::HashMap;
use std::time::Duration;

const KABUPATEN: &str = "32.15";
const KARAWANG_BARAT: &str = "32.15.01";
const KULON: &str = "32.15.01.1001";
const ADIARSA: &str = "32.15.01.1003";
const NAGASARI: &str = "32.15.01.1011";

/// The messages each chat received that contain `part`.
fn received(bot: &TestBot, part: &str) -> HashMap<i64, usize> {
    let mut out = HashMap::new();
    for c in bot.api.calls() {
        if c.method.starts_with("send") && c.text().contains(part) {
            *out.entry(c.chat_id().unwrap_or(0)).or_default() += 1;
        }
    }
    out
}

/// Waits until no delivery of broadcast `id` is left unsent.
async fn drained(db: &Db, id: i64, within: Duration) {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let c = broadcasts::counts(db, &[id]).await.unwrap()[&id];
        if c.queued == 0 {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "broadcast {id} still has {} unsent after {within:?}",
            c.queued
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Residents who used the bot in `kelurahan` (as a successful /cek leaves them).
async fn residents(db: &Db, kelurahan: &str, ids: std::ops::Range<i64>) {
    for id in ids {
        kesos_bot::store::users::touch(db, id, id, Some("id"))
            .await
            .unwrap();
        kesos_bot::store::users::note_home(&db.pool, id, kelurahan)
            .await
            .unwrap();
    }
}

/// A broadcast written as the bot or the command line writes it.
async fn queue(tdb: &TestDb, db: &Db, audience: &str, text: &str, send_at: i64) -> (i64, i64) {
    let seal = Seal::from_secret(&tdb.secret(db).await);
    broadcasts::create(
        db,
        &NewBroadcast {
            author: None,
            author_role: Role::Dinsos,
            audience: &Audience::parse(audience).unwrap(),
            body_sealed: seal.seal_str(Place::Broadcast, text),
            media: Media::None,
            send_at,
            draft_key: None,
        },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn an_operator_broadcasts_to_all_psm_and_each_receives_it_once() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 900, Role::Dinsos, &[KABUPATEN], "Pak Operator").await;
        enrolled(&bot, 901, Role::Psm, &[KULON], "Bu Euis").await;
        enrolled(&bot, 902, Role::Psm, &[ADIARSA, NAGASARI], "Pak Dadang").await;
        enrolled(&bot, 903, Role::Psm, &[NAGASARI], "Bu Ani").await;
        enrolled(&bot, 904, Role::Tksk, &[KARAWANG_BARAT], "Pak Ujang").await;
        bot.api.block(903);
        let op = bot.user(900);

        let r = op.send("/siaran").await;
        assert!(
            r.has_button("sr:a:psm") && r.has_button("sr:a:war"),
            "{:?}",
            r.buttons()
        );
        op.press("sr:a:psm")
            .await
            .assert_contains(&["semua PSM", "3 penerima"]);
        // A sticker where the text is asked: asked again, nothing lost.
        op.sticker()
            .await
            .assert_contains(&["teks, foto, atau dokumen"]);
        let too_long = "a".repeat(4097);
        op.send(&too_long)
            .await
            .assert_contains(&["4.097 huruf", "4.096"]);
        let text = "Rapat PSM hari Kamis pukul 09.00 di kantor kecamatan.";
        let r = op.send(text).await;
        assert!(
            r.has_button("sr:now") && r.has_button("sr:later"),
            "{:?}",
            r.buttons()
        );
        let r = op.press("sr:now").await;
        // The preview shows the broadcast as it will arrive, then who and when.
        assert!(r.messages()[0].text().contains(text), "{}", r.all_text());
        r.assert_contains(&["Siaran Dinas Sosial", "Penerima: 3", "sekarang"]);
        op.press("sr:send")
            .await
            .assert_contains(&["Siaran #1", "3 penerima"]);
        // Pressing "send" again (a second tap) writes nothing more.
        let again = op.press("sr:send").await;
        assert!(again.messages().is_empty(), "{}", again.all_text());

        drained(&bot.db, 1, Duration::from_secs(15)).await;
        let got = received(&bot, text);
        assert_eq!(got.get(&901), Some(&1), "{got:?}");
        assert_eq!(
            got.get(&902),
            Some(&1),
            "a PSM of two kelurahan once: {got:?}"
        );
        assert_eq!(got.get(&904), None, "not for the TKSK: {got:?}");
        assert_eq!(
            got.get(&900),
            Some(&1),
            "only the preview for the operator: {got:?}"
        );
        let (blocked,): (i64,) = sqlx::query_as("SELECT blocked FROM users WHERE tg_id = 903")
            .fetch_one(&bot.db.pool)
            .await
            .unwrap();
        assert_eq!(blocked, 1, "the PSM who blocked the bot is marked");
        let c = broadcasts::counts(&bot.db, &[1]).await.unwrap()[&1];
        assert_eq!(
            (c.sent, c.blocked, c.failed, c.queued),
            (2, 1, 0, 0),
            "{c:?}"
        );

        // Read receipts: once each, and only from someone who received it.
        let euis = bot.user(901);
        let r = euis.press("rd:1").await;
        assert_eq!(
            r.toast().as_deref(),
            Some("Terima kasih, sudah kami catat.")
        );
        let r = euis.press("rd:1").await;
        assert!(
            r.toast().unwrap().contains("Sudah tercatat"),
            "{:?}",
            r.toast()
        );
        let r = bot.user(904).press_on(1, "", "rd:1").await;
        assert!(
            r.toast().unwrap().contains("tidak berlaku"),
            "{:?}",
            r.toast()
        );
        let r = op.send("/rekap").await;
        r.assert_contains(&[
            "Siaran Anda",
            "Terkirim 2 dari 3",
            "memblokir bot 1",
            "dibaca 1",
        ]);

        // The next broadcast skips the blocked PSM without asking Telegram.
        let calls_to_903 = bot
            .api
            .calls()
            .iter()
            .filter(|c| c.chat_id() == Some(903))
            .count();
        op.send("/siaran").await;
        op.press("sr:a:psm").await;
        op.send("Pengingat: bawa formulir kunjungan.").await;
        op.press("sr:now").await;
        op.press("sr:send").await.assert_contains(&["Siaran #2"]);
        drained(&bot.db, 2, Duration::from_secs(15)).await;
        let now_903 = bot
            .api
            .calls()
            .iter()
            .filter(|c| c.chat_id() == Some(903))
            .count();
        assert_eq!(now_903, calls_to_903, "no send to a chat marked blocked");
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_tksk_reaches_only_the_psm_of_their_kecamatan_and_forged_audiences_change_nothing() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        // Another kecamatan with a PSM of its own.
        sqlx::query(
            "INSERT INTO wilayah (code, name, level, parent_code) VALUES
             ('32.15.02', 'Telukjambe Timur', 'kecamatan', '32.15'),
             ('32.15.02.2001', 'Sukaharja', 'desa', '32.15.02')",
        )
        .execute(&bot.db.pool)
        .await
        .unwrap();
        enrolled(&bot, 910, Role::Tksk, &[KARAWANG_BARAT], "Pak Ujang").await;
        enrolled(&bot, 911, Role::Psm, &[KULON], "Bu Euis").await;
        enrolled(&bot, 912, Role::Psm, &["32.15.02.2001"], "Bu Lilis").await;
        let tksk = bot.user(910);
        let r = tksk.send("/siaran").await;
        assert!(r.has_button("sr:a:mine"), "{:?}", r.buttons());
        assert!(
            !r.has_button("sr:a:psm") && !r.has_button("sr:a:war"),
            "{:?}",
            r.buttons()
        );
        for forged in [
            "sr:a:psm",
            "sr:a:tksk",
            "sr:r:32.15.01.1001",
            "sr:w:32.15.02",
        ] {
            let r = tksk.press_on(1, "", forged).await;
            assert!(r.messages().is_empty(), "{forged}: {}", r.all_text());
            assert!(r.answered_callback(), "{forged}");
        }
        tksk.press("sr:a:mine")
            .await
            .assert_contains(&["PSM Kecamatan Karawang Barat", "1 penerima"]);
        tksk.send("Laporan kunjungan paling lambat Jumat.").await;
        tksk.press("sr:now").await;
        tksk.press("sr:send").await.assert_contains(&["1 penerima"]);
        let id = broadcasts::recent(&bot.db, Some(910), 1).await.unwrap()[0].id;
        drained(&bot.db, id, Duration::from_secs(15)).await;
        let got = received(&bot, "Laporan kunjungan");
        assert_eq!(got.get(&911), Some(&1), "{got:?}");
        assert_eq!(got.get(&912), None, "{got:?}");
        assert!(
            bot.api.calls().iter().any(|c| c.chat_id() == Some(911)
                && c.text().contains("Siaran TKSK Kecamatan Karawang Barat")),
            "the PSM sees who sends it"
        );
        // A resident and a PSM cannot start one.
        bot.user(5)
            .send("/siaran")
            .await
            .assert_contains(&["khusus untuk petugas"]);
        let r = bot.user(911).send("/siaran").await;
        assert!(!r.all_text().contains("Siaran untuk"), "{}", r.all_text());
        bot.stop().await;
    });
}

#[tokio::test]
async fn residents_of_a_kelurahan_receive_it_and_can_stop_and_restart_broadcasts() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 920, Role::Dinsos, &[KABUPATEN], "Bu Operator").await;
        residents(&bot.db, KULON, 100..103).await;
        residents(&bot.db, NAGASARI, 200..201).await;
        let op = bot.user(920);
        op.send("/siaran").await;
        op.press("sr:a:war").await;
        let r = op.press(&format!("sr:k:{KARAWANG_BARAT}")).await;
        assert!(r.has_button(&format!("sr:r:{KULON}")), "{:?}", r.buttons());
        op.press(&format!("sr:r:{KULON}"))
            .await
            .assert_contains(&["warga Kelurahan Karawang Kulon", "3 penerima"]);
        op.send("Penyaluran BPNT bulan ini di e-Warong mulai Senin.")
            .await;
        op.press("sr:now").await;
        op.press("sr:send").await;
        drained(&bot.db, 1, Duration::from_secs(15)).await;
        let got = received(&bot, "Penyaluran BPNT");
        assert_eq!(got.len(), 4, "three residents and the preview: {got:?}");
        assert!(!got.contains_key(&200), "not Nagasari: {got:?}");

        // A resident stops broadcasts with the button under it, and is told how to come back.
        let warga = bot.user(100);
        let r = warga.press("nt:off").await;
        r.assert_contains(&["tidak akan menerima siaran"]);
        assert!(r.has_button("nt:on"));
        let (n, _) = broadcasts::reach(
            &bot.db,
            &Audience::parse(&format!("kelurahan:{KULON}")).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(n, 2);
        // Queued before they opted in again: skipped, and counted.
        let (id, count) = queue(
            &tdb,
            &bot.db,
            &format!("kelurahan:{KULON}"),
            "Kedua",
            now() + 1,
        )
        .await;
        assert_eq!(count, 2);
        warga
            .press("nt:on")
            .await
            .assert_contains(&["menerima siaran lagi"]);
        drained(&bot.db, id, Duration::from_secs(15)).await;
        let (_, count) = queue(
            &tdb,
            &bot.db,
            &format!("kelurahan:{KULON}"),
            "Ketiga",
            now(),
        )
        .await;
        assert_eq!(count, 3, "back in the audience");
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_scheduled_broadcast_goes_out_at_its_time_and_not_before() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 930, Role::Dinsos, &[KABUPATEN], "Bu Operator").await;
        enrolled(&bot, 931, Role::Psm, &[KULON], "Bu Euis").await;
        // In the bot: a time typed in WIB is the time of every delivery.
        let op = bot.user(930);
        op.send("/siaran").await;
        op.press("sr:a:psm").await;
        op.send("Besok ada pelatihan.").await;
        op.press("sr:later").await.assert_contains(&["WIB"]);
        op.send("kemarin")
            .await
            .assert_contains(&["belum bisa kami baca"]);
        op.send("01/01/2020 08.00")
            .await
            .assert_contains(&["sudah lewat"]);
        let when = kesos_bot::i18n::to_wib(now() + 2 * 86400);
        let typed = when.format("%d/%m/%Y 08.00").to_string();
        let r = op.send(&typed).await;
        r.assert_contains(&["Waktu kirim:", "08.00 WIB"]);
        op.press("sr:send")
            .await
            .assert_contains(&["akan dikirim", "08.00 WIB"]);
        let (next, send_at): (i64, i64) = sqlx::query_as(
            "SELECT o.next_try_at, b.send_at FROM outbox o JOIN broadcasts b ON b.id = o.broadcast",
        )
        .fetch_one(&bot.db.pool)
        .await
        .unwrap();
        assert_eq!(next, send_at);
        assert_eq!(
            kesos_bot::i18n::to_wib(send_at).format("%H:%M").to_string(),
            "08:00"
        );
        // In the list, it waits for its time and can be stopped.
        let r = op.press("sr:l").await;
        r.assert_contains(&["dijadwalkan", "Menunggu waktu kirim: 1"]);
        op.press("sr:stop:1").await;
        let c = broadcasts::counts(&bot.db, &[1]).await.unwrap()[&1];
        assert_eq!((c.queued, c.cancelled), (0, 1));

        // Two seconds ahead: nothing before, delivered after.
        let (id, _) = queue(&tdb, &bot.db, "psm", "Tepat waktu", now() + 2).await;
        tokio::time::sleep(Duration::from_millis(900)).await;
        assert!(
            received(&bot, "Tepat waktu").is_empty(),
            "sent before its time"
        );
        drained(&bot.db, id, Duration::from_secs(10)).await;
        assert_eq!(received(&bot, "Tepat waktu").get(&931), Some(&1));
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_restart_in_the_middle_of_a_broadcast_completes_it_without_repeats() {
    on_each_backend!(|tdb| {
        let api = crate::support::fake_api::FakeApi::start().await;
        let bot = TestBot::start_with(&tdb, api, &["--send-rate", "20"]).await;
        residents(&bot.db, KULON, 1000..1060).await;
        let (id, count) = queue(
            &tdb,
            &bot.db,
            &format!("kelurahan:{KULON}"),
            "Sosialisasi PKH",
            now(),
        )
        .await;
        assert_eq!(count, 60);
        // A resident writing meanwhile is answered ahead of the broadcast (how fast is the
        // bench's to measure): the answer is out while most deliveries still wait.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while received(&bot, "Sosialisasi PKH").len() < 5 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the broadcast did not start"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        bot.user(77).send("/start").await.assert_contains(&["Siti"]);
        let waiting = broadcasts::counts(&bot.db, &[id]).await.unwrap()[&id].queued;
        assert!(
            waiting >= 20,
            "only {waiting} deliveries were still waiting"
        );
        // Stopped part way through, then started again.
        let api = bot.stop().await;
        let sent_before = received_on(&api, "Sosialisasi PKH").len();
        assert!(
            (1..60).contains(&sent_before),
            "{sent_before} sent before the stop"
        );
        let bot = TestBot::start_with(&tdb, api, &["--send-rate", "20"]).await;
        drained(&bot.db, id, Duration::from_secs(20)).await;
        let got = received(&bot, "Sosialisasi PKH");
        assert_eq!(got.len(), 60, "every resident");
        assert!(got.values().all(|n| *n == 1), "none twice: {got:?}");
        bot.stop().await;
    });
}

fn received_on(api: &crate::support::fake_api::FakeApi, part: &str) -> Vec<i64> {
    api.calls()
        .into_iter()
        .filter(|c| c.method.starts_with("send") && c.text().contains(part))
        .filter_map(|c| c.chat_id())
        .collect()
}

#[tokio::test]
async fn the_command_line_sends_a_photo_once_and_reports_the_counts() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 941, Role::Psm, &[KULON], "Bu Euis").await;
        enrolled(&bot, 942, Role::Psm, &[NAGASARI], "Bu Ani").await;
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("siaran.txt");
        std::fs::write(&text, "\u{feff}Jadwal posyandu terlampir.\n").unwrap();
        let photo = dir.path().join("jadwal.jpg");
        std::fs::write(&photo, b"\xff\xd8\xff\xe0 not really a jpeg").unwrap();
        let run = |args: &[&str]| {
            let r = crate::support::binary(&tdb, args);
            (r.ok, r.all())
        };
        let (ok, out) = run(&[
            "broadcast",
            "send",
            "--audience",
            "warga",
            "--text-file",
            text.to_str().unwrap(),
        ]);
        assert!(!ok && out.contains("--audience harus"), "{out}");
        let (ok, out) = run(&[
            "broadcast",
            "send",
            "--audience",
            "kecamatan:32.15.99",
            "--text-file",
            text.to_str().unwrap(),
        ]);
        assert!(!ok && out.contains("32.15.99"), "{out}");
        let (ok, out) = run(&[
            "broadcast",
            "send",
            "--audience",
            "psm",
            "--text-file",
            text.to_str().unwrap(),
            "--photo",
            photo.to_str().unwrap(),
        ]);
        assert!(ok, "{out}");
        assert!(
            out.contains("Siaran #1") && out.contains("2 penerima"),
            "{out}"
        );
        drained(&bot.db, 1, Duration::from_secs(15)).await;
        let photos: Vec<_> = bot
            .api
            .calls()
            .into_iter()
            .filter(|c| c.method == "sendphoto")
            .collect();
        assert_eq!(photos.len(), 2, "one photo each");
        assert!(
            photos.iter().all(|c| c.text().contains("Jadwal posyandu")),
            "the text as caption"
        );
        assert_eq!(
            bot.api.uploads(),
            1,
            "uploaded once; the second delivery reuses its file id"
        );
        bot.user(941).press("rd:1").await;
        let (ok, out) = run(&["broadcast", "status", "1"]);
        assert!(ok, "{out}");
        assert!(
            out.contains("terkirim 2") && out.contains("dibaca 1"),
            "{out}"
        );
        let (ok, out) = run(&["broadcast", "list"]);
        assert!(
            ok && out.contains("#1") && out.contains("semua PSM"),
            "{out}"
        );
        let (ok, out) = run(&[
            "broadcast",
            "send",
            "--audience",
            "psm",
            "--text-file",
            text.to_str().unwrap(),
            "--at",
            "2020-01-01 08:00",
        ]);
        assert!(!ok && out.contains("sudah lewat"), "{out}");
        bot.stop().await;
    });
}
