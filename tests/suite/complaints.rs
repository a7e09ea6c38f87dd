//! Complaints end to end: `/aduan` with buttons and a few words, routing to the kecamatan's
//! TKSK (or Dinas Sosial), the handler's answer, the reporter told and `/status` with its
//! history, reopening, anonymity, someone else's ticket, deadlines in working days with a
//! holiday, escalation, the export, and a kill right after the acknowledgement.

use crate::on_each_backend;
use crate::process::spawn;
use crate::support::fake_api::FakeApi;
use crate::support::{TestBot, User, enrolled};
use chrono::NaiveDate;
use kesos_bot::domain::complaint::Category;
use kesos_bot::domain::role::Role;
use kesos_bot::store::complaints::{self, Deadlines, NewComplaint};
use kesos_bot::store::seal::{Place, Seal};
use kesos_bot::store::{Db, users};
use serde_json::json;
use std::time::Duration;

const KABUPATEN: &str = "32.15";
const KARAWANG_BARAT: &str = "32.15.01";
const KULON: &str = "32.15.01.1001";
const NAGASARI: &str = "32.15.01.1011";

/// Waits until `chat` was sent something containing `part`; returns that call's text.
async fn told(api: &FakeApi, chat: i64, part: &str) -> String {
    let found = api
        .wait_call(0, Duration::from_secs(10), |c| {
            c.chat_id() == Some(chat) && c.text().contains(part)
        })
        .await;
    found
        .unwrap_or_else(|| panic!("chat {chat} was not told {part:?}"))
        .text()
        .to_string()
}

/// A resident whose last `/cek` named `kelurahan`.
async fn resident_of(db: &Db, id: i64, kelurahan: &str) {
    users::touch(db, id, id, Some("id")).await.unwrap();
    users::note_home(&db.pool, id, kelurahan).await.unwrap();
}

/// Files a complaint through `/aduan` with a description and no photo or location; returns
/// the answer to "send".
async fn file(u: &User<'_>, category: Category, village: &str, text: &str) -> String {
    u.send("/aduan").await;
    let r = u.press(&format!("ad:c:{}", category.code())).await;
    if r.has_button(&format!("ad:v:{village}")) {
        u.press(&format!("ad:v:{village}")).await;
    } else {
        if r.has_button("ad:v") {
            u.press("ad:v").await;
        }
        u.press(&format!("ad:k:{}", &village[..8])).await;
        u.press(&format!("ad:v:{village}")).await;
    }
    u.send(text).await.assert_contains(&["foto"]);
    u.press("ad:pd").await.assert_contains(&["lokasi"]);
    let r = u.send("Lewati lokasi").await;
    if category == Category::Objection {
        assert!(r.has_button("ad:an:y"), "{}", r.all_text());
        u.press("ad:an:y").await;
    }
    u.press("ad:send").await.text()
}

fn ticket_in(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.starts_with("ADU-"))
        .map(|w| w.trim_end_matches(['.', ',', ':']).to_string())
        .unwrap_or_else(|| panic!("no ticket in {text}"))
}

#[tokio::test]
async fn a_resident_files_a_complaint_and_follows_it_through_answer_and_reopening() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 600, Role::Tksk, &[KARAWANG_BARAT], "Pak Ujang").await;
        resident_of(&bot.db, 700, KULON).await;
        let warga = bot.user(700);

        let r = warga.send("/aduan").await;
        assert_eq!(
            r.buttons().len(),
            10,
            "nine categories and cancel: {:?}",
            r.buttons()
        );
        // The desa/kelurahan of the last /cek comes first.
        let r = warga.press("ad:c:not_received").await;
        assert!(r.has_button(&format!("ad:v:{KULON}")), "{:?}", r.buttons());
        assert!(
            r.buttons()[0].0.contains("Karawang Kulon"),
            "{:?}",
            r.buttons()
        );
        warga
            .press(&format!("ad:v:{KULON}"))
            .await
            .assert_contains(&["dalam satu pesan"]);
        // Too short, a sticker, too long: explained, asked again, nothing before is lost.
        warga
            .send("tolong")
            .await
            .assert_contains(&["paling sedikit 10 huruf"]);
        warga
            .sticker()
            .await
            .assert_contains(&["dalam bentuk teks"]);
        let long = "Bantuan belum masuk. ".repeat(120);
        let r = warga.send(&long).await;
        r.assert_contains(&["2.519 huruf", "2.000"]);
        assert!(r.has_button("ad:trim"));
        let r = warga
            .send("Bantuan BPNT bulan November belum masuk ke kartu KKS saya.")
            .await;
        r.assert_contains(&["foto pendukung"]);
        warga
            .photo("bukti-1")
            .await
            .assert_contains(&["Foto ke-1 diterima"]);
        warga
            .photo("bukti-1b")
            .await
            .assert_contains(&["Foto ke-2 diterima"]);
        warga.photo("bukti-1c").await.assert_contains(&["lokasi"]);
        warga
            .photo("bukti-1d")
            .await
            .assert_contains(&["jumlah paling banyak", "lokasi"]);
        warga
            .location(-6.3, 107.29)
            .await
            .assert_contains(&["Lokasi diterima"]);
        // No anonymity question outside an objection; a summary to confirm.
        let r = bot.api.calls();
        let summary = r.iter().rev().find(|c| c.chat_id() == Some(700)).unwrap();
        assert!(
            summary.text().contains("Mohon periksa aduan Anda"),
            "{}",
            summary.text()
        );
        assert!(!summary.text().contains("Nama: "), "{}", summary.text());
        assert!(
            complaints::of_reporter(&bot.db, 700, 5)
                .await
                .unwrap()
                .is_empty(),
            "nothing before send"
        );
        let r = warga.press("ad:send").await;
        r.assert_contains(&["ADU-", "TKSK Kecamatan Karawang Barat sudah kami beri tahu"]);
        let ticket = ticket_in(&r.text());

        // The TKSK is told at once: the summary with the reporter's name, the photo after it.
        let notice = told(&bot.api, 600, &format!("Aduan baru {ticket}")).await;
        assert!(
            notice.contains("Pelapor: Siti") && notice.contains("belum masuk"),
            "{notice}"
        );
        let photo = bot
            .api
            .wait_call(0, Duration::from_secs(10), |c| {
                c.method == "sendphoto" && c.chat_id() == Some(600)
            })
            .await
            .expect("the photo re-sent");
        assert_eq!(photo.body["photo"], json!("bukti-1"));
        bot.api
            .wait_call(0, Duration::from_secs(10), |c| {
                c.body["photo"] == json!("bukti-1c")
            })
            .await
            .expect("the third photo");
        let photos = bot
            .api
            .calls()
            .iter()
            .filter(|c| c.method == "sendphoto" && c.chat_id() == Some(600))
            .count();
        assert_eq!(photos, 3, "three photos, not the fourth");

        // The TKSK answers it with a note; the reporter is told with that note.
        let tksk = bot.user(600);
        tksk.press("cp:ok:1")
            .await
            .assert_contains(&["catatan penyelesaian"]);
        tksk.send("Sudah dicek ke bank, bantuan cair tanggal 5 Desember.")
            .await
            .assert_contains(&["selesai"]);
        let update = told(&bot.api, 700, "sudah selesai").await;
        assert!(update.contains("cair tanggal 5 Desember"), "{update}");

        // /status: the list, then the complaint with its history.
        let r = warga.send("/status").await;
        assert!(r.has_button("st:o:1"), "{:?}", r.buttons());
        let r = warga.press("st:o:1").await;
        r.assert_contains(&[&ticket, "Selesai", "Aduan diterima", "cair tanggal 5"]);
        assert!(r.has_button("st:r:1"));
        // Not solved after all: reopened with a reason, and the TKSK is told.
        warga.press("st:r:1").await.assert_contains(&["mengapa"]);
        warga
            .send("Saldo di kartu masih nol.")
            .await
            .assert_contains(&["dibuka kembali"]);
        let back = told(&bot.api, 600, "membuka kembali").await;
        assert!(back.contains("Saldo di kartu masih nol"), "{back}");
        // The reporter adds a photo to the open complaint; the TKSK is told.
        warga.press("st:o:1").await;
        warga.press("st:a:1").await;
        warga
            .photo("bukti-2")
            .await
            .assert_contains(&["sudah kami teruskan"]);
        bot.api
            .wait_call(0, Duration::from_secs(10), |c| {
                c.method == "sendphoto"
                    && c.chat_id() == Some(600)
                    && c.body["photo"] == json!("bukti-2")
            })
            .await
            .expect("the added photo reaches the TKSK");

        // Someone else's ticket reads exactly as one that does not exist.
        let other = bot.user(701);
        let theirs = other.send(&format!("/status {ticket}")).await.text();
        let none = other.send("/status ADU-2026-999999").await.text();
        assert_eq!(
            theirs.replace(&ticket, "X"),
            none.replace("ADU-2026-999999", "X")
        );
        let r = other.press_on(1, "", "st:o:1").await;
        assert!(!r.all_text().contains("Saldo"), "{}", r.all_text());
        // A resident cannot act as a handler; nor can a TKSK of another kecamatan.
        let r = other.press_on(1, "", "cp:ok:1").await;
        assert!(
            r.toast().is_some() && r.messages().is_empty(),
            "{}",
            r.all_text()
        );
        let (history,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM complaint_events WHERE complaint = 1")
                .fetch_one(&bot.db.pool)
                .await
                .unwrap();
        assert_eq!(history, 4, "filed, resolved, reopened, added");
        bot.stop().await;
    });
}

#[tokio::test]
async fn an_anonymous_objection_reaches_the_tksk_and_the_psm_with_no_trace_of_who_sent_it() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 610, Role::Tksk, &[KARAWANG_BARAT], "Pak Ujang").await;
        enrolled(&bot, 611, Role::Psm, &[NAGASARI], "Bu Ani").await;
        let reporter = User {
            bot: &bot,
            id: 74_123_456,
            first_name: "Rahasiawati".into(),
            lang: Some("id".into()),
        };
        let answer = file(
            &reporter,
            Category::Objection,
            NAGASARI,
            "Tetangga saya punya mobil dan toko tetapi menerima PKH.",
        )
        .await;
        let ticket = ticket_in(&answer);
        told(&bot.api, 610, &ticket).await;
        // Handed to the PSM of Nagasari.
        let tksk = bot.user(610);
        let r = tksk.press("cp:h:1").await;
        assert!(
            r.buttons().iter().any(|(label, _)| label == "Bu Ani"),
            "{:?}",
            r.buttons()
        );
        let psm_button = r
            .buttons()
            .into_iter()
            .find(|(l, _)| l == "Bu Ani")
            .unwrap()
            .1;
        tksk.press(&psm_button)
            .await
            .assert_contains(&["sudah diserahkan"]);
        told(&bot.api, 611, &format!("{ticket} diserahkan kepada Anda")).await;
        told(&bot.api, reporter.id, "sedang ditangani PSM").await;
        // Nothing the workers received names the reporter.
        for c in bot.api.calls() {
            if matches!(c.chat_id(), Some(610) | Some(611)) {
                let all = c.body.to_string();
                assert!(
                    !all.contains("Rahasiawati") && !all.contains("74123456"),
                    "{all}"
                );
            }
        }
        let notice = told(&bot.api, 610, "Aduan baru").await;
        assert!(notice.contains("Pelapor: dirahasiakan"), "{notice}");
        // Nor the export.
        let mut csv = Vec::new();
        let seal = Seal::from_secret(&tdb.secret(&bot.db).await);
        kesos_bot::cli::complaints::export(&bot.db, &seal, Deadlines::default(), &mut csv)
            .await
            .unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains(&ticket) && csv.contains("objection"), "{csv}");
        assert!(
            !csv.contains("Rahasiawati") && !csv.contains("74123456"),
            "{csv}"
        );
        bot.stop().await;
    });
}

#[tokio::test]
async fn without_a_tksk_dinsos_is_told_and_past_the_deadline_it_is_escalated_once() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 620, Role::Dinsos, &[KABUPATEN], "Bu Operator").await;
        let answer = file(
            &bot.user(720),
            Category::Kks,
            KULON,
            "Kartu KKS saya hilang sejak bulan lalu.",
        )
        .await;
        assert!(
            answer.contains("Dinas Sosial sudah kami beri tahu"),
            "{answer}"
        );
        assert!(!answer.contains("TKSK"), "{answer}");
        told(&bot.api, 620, "Aduan baru").await;
        // Twenty days on: escalated, Dinas Sosial told once however often the sweep runs.
        let today = kesos_bot::i18n::today_wib() + chrono::Duration::days(20);
        let calendar = complaints::calendar(&bot.db).await.unwrap();
        let d = Deadlines::default();
        assert_eq!(
            complaints::sweep(&bot.db, today, &calendar, d)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            complaints::sweep(&bot.db, today, &calendar, d)
                .await
                .unwrap(),
            0
        );
        bot.api
            .wait_call(0, Duration::from_secs(10), |c| {
                c.text().contains("lewat batas waktu penyelesaian")
            })
            .await;
        let escalations = bot
            .api
            .calls()
            .iter()
            .filter(|c| {
                c.chat_id() == Some(620) && c.text().contains("lewat batas waktu penyelesaian")
            })
            .count();
        assert_eq!(escalations, 1);
        // An operator who enrols later, or lost the notice, finds it with /status.
        let op = bot.user(620);
        let r = op.send("/status").await;
        assert!(r.has_button("cp:v:1"), "{}", r.all_text());
        let r = op.press("cp:v:1").await;
        r.assert_contains(&["Kartu KKS saya hilang"]);
        assert!(
            r.has_button("cp:t:1") && r.has_button("cp:ok:1"),
            "{:?}",
            r.buttons()
        );
        // The operator takes it; the reporter hears of it.
        op.press("cp:t:1").await.assert_contains(&["Anda tangani"]);
        told(&bot.api, 720, "sedang ditangani").await;
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_holiday_loaded_for_the_third_working_day_moves_the_response_deadline_in_the_export() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let seal = Seal::from_secret(&tdb.secret(&db).await);
        users::touch(&db, 730, 730, None).await.unwrap();
        // Filed on Monday 30 November 2026: three working days is Thursday 3 December.
        let filed = complaints::file(
            &db,
            &NewComplaint {
                reporter: 730,
                reporter_name: None,
                anonymous: false,
                category: Category::Short,
                area: KULON,
                place: "Karawang Kulon",
                description_sealed: seal.seal_str(Place::Complaint, "Bantuan kurang Rp50.000"),
                photos: &[],
                location: None,
                filed_on: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
                dedupe: "k1",
            },
            Deadlines::default(),
            &complaints::calendar(&db).await.unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(filed.ticket, "ADU-2026-000001");
        db.pool.close().await;
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| {
            let r = crate::support::binary(&tdb, args);
            assert!(r.ok, "{}", r.stderr);
            r.stdout
        };
        let response_due = |csv: &str| {
            let mut r = csv::Reader::from_reader(csv.as_bytes());
            let h = r.headers().unwrap().clone();
            let i = h.iter().position(|c| c == "response_due").unwrap();
            r.records().next().unwrap().unwrap()[i].to_string()
        };
        assert_eq!(response_due(&run(&["export", "complaints"])), "2026-12-03");
        let file = dir.path().join("libur.csv");
        std::fs::write(
            &file,
            "tanggal;keterangan\n2026-12-03;Hari libur contoh\n03-12-2026;salah format\n2026-12-25;Hari Raya Natal\n",
        )
        .unwrap();
        let report = run(&["import", "libur", file.to_str().unwrap()]);
        assert!(
            report.contains("3") && report.contains("03-12-2026"),
            "{report}"
        );
        assert_eq!(response_due(&run(&["export", "complaints"])), "2026-12-04");
        // Again: nothing changes.
        let again = run(&["import", "libur", file.to_str().unwrap()]);
        assert!(again.contains("tidak berubah: 2"), "{again}");
    });
}

/// Pushes `user`'s press of the button `data` on the latest message that shows it.
fn push_press(api: &FakeApi, user: i64, data: &str) -> i64 {
    let call = api
        .calls()
        .into_iter()
        .rev()
        .find(|c| c.chat_id() == Some(user) && c.buttons().iter().any(|(_, d)| d == data))
        .expect("a message with that button");
    api.push(
        "callback_query",
        json!({
            "id": format!("{data}-{user}"), "chat_instance": format!("ci-{user}"), "data": data,
            "from": { "id": user, "is_bot": false, "first_name": "Siti", "language_code": "id" },
            "message": { "message_id": call.message_id.unwrap(), "date": 1,
                         "chat": { "id": user, "type": "private", "first_name": "Siti" },
                         "text": call.text() }
        }),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_acknowledged_just_before_a_kill_is_there_after_the_restart_and_filed_once() {
    const RESIDENTS: i64 = 6;
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        // Each resident at the summary of a complaint.
        for i in 0..RESIDENTS {
            let u = bot.user(7400 + i);
            u.send("/aduan").await;
            u.press("ad:c:other").await;
            u.press(&format!("ad:k:{KARAWANG_BARAT}")).await;
            u.press(&format!("ad:v:{KULON}")).await;
            u.send("Jalan menuju e-Warong rusak dan banjir.").await;
            u.press("ad:pd").await;
            let r = u.send("Lewati lokasi").await;
            assert!(r.has_button("ad:send"), "{}", r.all_text());
        }
        let api = bot.stop().await;
        for i in 0..RESIDENTS {
            let user = 7400 + i;
            let mut child = spawn(&tdb.url, &api);
            let from = api.call_count();
            push_press(&api, user, "ad:send");
            // Killed the moment the acknowledgement is out (or, for some, before it is).
            if i % 2 == 0 {
                api.wait_call(from, Duration::from_secs(20), |c| {
                    c.chat_id() == Some(user) && c.text().contains("ADU-")
                })
                .await
                .expect("the acknowledgement");
            } else {
                tokio::time::sleep(Duration::from_millis(300 + 150 * i as u64)).await;
            }
            child.child.kill().unwrap();
            child.child.wait().unwrap();
        }
        let mut child = spawn(&tdb.url, &api);
        let db = tdb.connect().await;
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        for i in 0..RESIDENTS {
            let user = 7400 + i;
            let tickets = || {
                api.calls()
                    .iter()
                    .filter(|c| c.chat_id() == Some(user) && c.text().contains("ADU-"))
                    .map(|c| ticket_in(c.text()))
                    .collect::<Vec<_>>()
            };
            while tickets().is_empty() {
                assert!(
                    std::time::Instant::now() < deadline,
                    "resident {user} never got a ticket"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let filed = complaints::of_reporter(&db, user, 10).await.unwrap();
            assert_eq!(filed.len(), 1, "resident {user}");
            assert!(
                tickets().iter().all(|t| *t == filed[0].ticket),
                "{:?}",
                tickets()
            );
        }
        db.pool.close().await;
        let _ = child.child.kill();
        let _ = child.child.wait();
    });
}

#[tokio::test]
async fn a_rutilahu_request_opens_a_survey_and_an_overdue_complaint_is_in_the_tksk_reminder() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        enrolled(&bot, 640, Role::Tksk, &[KARAWANG_BARAT], "Pak Ujang").await;
        let answer = file(
            &bot.user(740),
            Category::Rutilahu,
            KULON,
            "Atap rumah kami bocor dan dindingnya retak.",
        )
        .await;
        let ticket = ticket_in(&answer);
        let kinds: Vec<(String,)> =
            sqlx::query_as("SELECT kind FROM tasks WHERE subject = $1 ORDER BY kind")
                .bind(&ticket)
                .fetch_all(&bot.db.pool)
                .await
                .unwrap();
        let kinds: Vec<String> = kinds.into_iter().map(|k| k.0).collect();
        assert_eq!(kinds, vec!["complaint", "survey_rutilahu"]);
        // Nobody answered: a week on, the TKSK's morning reminder says so.
        let week = chrono::Utc::now() + chrono::Duration::days(7);
        let seven = chrono::TimeZone::with_ymd_and_hms(
            &chrono::Utc,
            chrono::Datelike::year(&week),
            chrono::Datelike::month(&week),
            chrono::Datelike::day(&week),
            1,
            0,
            0,
        )
        .unwrap();
        let queued = kesos_bot::jobs::reminders::tick(
            &bot.db,
            &crate::support::seal(&bot.db).await,
            seven,
            7,
            Deadlines::default(),
        )
        .await
        .unwrap();
        assert_eq!(queued, 1);
        let reminder = told(&bot.api, 640, "Aduan yang lewat batas waktu: 1").await;
        assert!(reminder.contains("Pengingat"), "{reminder}");
        bot.stop().await;
    });
}
