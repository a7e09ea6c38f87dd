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
        media_asks_again(&u, "desa mana").await;
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
