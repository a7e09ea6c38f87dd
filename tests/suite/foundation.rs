//! End-to-end: the commands every user has, and the bot's behaviour with bad input.

use crate::on_each_backend;
use crate::support::TestBot;
use crate::support::fake_api::FakeApi;
use kesos_bot::domain::notice::Notice;
use kesos_bot::store::{inbox, outbox, users};
use std::time::Duration;

#[tokio::test]
async fn start_greets_by_first_name_in_indonesian_and_offers_the_menu() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let r = bot.user(501).send("/start").await;
        r.assert_contains(&["Selamat datang, Siti!", "Silakan pilih menu"]);
        for data in [
            "menu:cek",
            "menu:skrining",
            "menu:info",
            "menu:bantuan",
            "menu:bahasa",
        ] {
            assert!(r.has_button(data), "menu lacks {data}: {:?}", r.buttons());
        }
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_new_user_whose_telegram_speaks_english_starts_in_english() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        bot.user_en(502)
            .send("/start")
            .await
            .assert_contains(&["Welcome, John!"]);
        // Any other language starts in Indonesian.
        let mut javanese = bot.user(503);
        javanese.lang = Some("jv".into());
        javanese
            .send("/start")
            .await
            .assert_contains(&["Selamat datang"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn the_chosen_language_is_kept_across_a_restart() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(504);
        let r = u.send("/bahasa").await;
        assert!(r.has_button("lang:id") && r.has_button("lang:en"));
        let r = u.press("lang:en").await;
        assert!(r.answered_callback());
        r.assert_contains(&["now speaks English"]);
        // The chat's command menu follows the choice.
        assert!(r.calls.iter().any(|c| {
            c.method == "setmycommands"
                && c.body["commands"]
                    .to_string()
                    .contains("Check social assistance")
        }));
        let api = bot.stop().await;

        let bot = TestBot::start_with(&tdb, api, &[]).await;
        bot.user(504)
            .send("/start")
            .await
            .assert_contains(&["Welcome, Siti!"]);
        bot.user(504).send("/bahasa").await;
        bot.user(504)
            .press("lang:id")
            .await
            .assert_contains(&["Bahasa Indonesia"]);
        bot.user(504)
            .send("/start")
            .await
            .assert_contains(&["Selamat datang"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn help_depends_on_the_role() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let r = bot.user(505).send("/bantuan").await;
        r.assert_contains(&["/cek", "/skrining", "/hapusdata", "/aduan"]);
        assert!(!r.all_text().contains("/tugas"));
        // /petunjuk is the same help (a resident may read "bantuan" as "aid").
        let same = bot.user(505).send("/petunjuk").await;
        assert_eq!(same.text(), r.text());
        users::set_role(
            &bot.db,
            505,
            kesos_bot::domain::role::Role::Psm,
            Some("32.15.01.1001"),
        )
        .await
        .unwrap();
        bot.user(505)
            .send("/bantuan")
            .await
            .assert_contains(&["PSM", "/tugas", "/kunjungan"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn batal_says_whether_anything_was_open() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(506);
        u.send("/batal")
            .await
            .assert_contains(&["tidak ada proses"]);
        u.send("/hapusdata").await;
        u.send("/batal")
            .await
            .assert_contains(&["sudah dibatalkan"]);
        // The confirmation button of the cancelled flow is now stale.
        let r = u.press("erase:yes").await;
        assert!(r.toast().unwrap().contains("tidak berlaku"));
        assert!(
            users::get(&bot.db, 506).await.unwrap().is_some(),
            "nothing was erased"
        );
        bot.stop().await;
    });
}

#[tokio::test]
async fn privasi_explains_what_is_stored() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        bot.user(507).send("/privasi").await.assert_contains(&[
            "tidak pernah disimpan utuh",
            "UU 27/2022",
            "/hapusdata",
        ]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn hapusdata_erases_only_after_confirmation() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(508);
        u.send("/start").await;
        let r = u.send("/hapusdata").await;
        r.assert_contains(&["yakin"]);
        u.press("erase:no")
            .await
            .assert_contains(&["tidak dihapus"]);
        assert!(users::get(&bot.db, 508).await.unwrap().is_some());

        u.send("/hapusdata").await;
        u.press("erase:yes")
            .await
            .assert_contains(&["sudah kami hapus"]);
        assert!(
            users::get(&bot.db, 508).await.unwrap().is_none(),
            "the user row is gone"
        );
        let (dialogues,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM dialogues WHERE chat_id = 508")
                .fetch_one(&bot.db.pool)
                .await
                .unwrap();
        assert_eq!(dialogues, 0);
        bot.stop().await;
    });
}

#[tokio::test]
async fn anything_outside_a_flow_gets_a_helpful_answer() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(509);
        let r = u.send("halo, saya mau tanya bansos").await;
        r.assert_contains(&["belum memahami"]);
        assert!(r.has_button("menu:cek"));
        let r = u.sticker().await;
        r.assert_contains(&["hanya dapat membaca pesan teks"]);
        assert!(r.has_button("menu:cek"));
        u.photo("photo-1")
            .await
            .assert_contains(&["hanya dapat membaca pesan teks"]);
        u.location(-6.3, 107.3)
            .await
            .assert_contains(&["hanya dapat membaca pesan teks"]);
        u.send("/apaini")
            .await
            .assert_contains(&["/apaini tidak dikenal", "/bantuan"]);
        let long = "a".repeat(5000);
        u.send(&long).await.assert_contains(&["belum memahami"]);
        // Forged or foreign payloads, and well-formed presses of flows that are not open:
        // each gets the same short toast and changes nothing.
        for data in [
            "menu:unknown",
            "",
            "kj:r:12:rich",
            "tg:o:-1",
            "usl:kel:32.15.01.1001; DROP TABLE wilayah",
            "usl:send",
            "skr:y:3",
            "erase:yes",
        ] {
            let r = u.press_on(1, "old", data).await;
            assert!(r.toast().unwrap().contains("/start"), "{data:?}");
            assert!(
                r.messages().is_empty(),
                "a stale button only gets a short toast: {data:?}"
            );
        }
        assert!(
            kesos_bot::store::users::get(&bot.db, u.id)
                .await
                .unwrap()
                .is_some(),
            "erase:yes outside its question erased nothing"
        );
        bot.stop().await;
    });
}

#[tokio::test]
async fn an_update_delivered_twice_is_handled_once() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(510);
        let msg = u.message(serde_json::json!({ "text": "/start" }));
        let before = bot.api.call_count();
        let id = bot.api.push("message", msg.clone());
        bot.wait_handled(id).await;
        bot.api.push_again(id, "message", msg);
        // Let the repeat arrive and be ignored.
        tokio::time::sleep(Duration::from_millis(800)).await;
        let greetings = bot.api.calls()[before..]
            .iter()
            .filter(|c| c.method == "sendmessage" && c.text().contains("Selamat datang"))
            .count();
        assert_eq!(greetings, 1);
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_new_message_that_reuses_an_old_update_id_is_answered() {
    // Telegram's ids start again after a move to a self-hosted Bot API server, or after a
    // week of silence: an id seen yesterday can carry a new message today.
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let first = bot.user(517).send("/start").await.update_id;
        bot.stop().await;
        // The bot moves to another Bot API server, whose ids start where the first one's did.
        let bot = TestBot::start_with(&tdb, FakeApi::start().await, &[]).await;
        let before = bot.api.call_count();
        let u = bot.user(517);
        let id = bot.api.push(
            "message",
            u.message(serde_json::json!({ "text": "/privasi" })),
        );
        assert_eq!(id, first, "the same id again");
        let answered = bot
            .api
            .wait_call(before, Duration::from_secs(5), |c| {
                c.chat_id() == Some(517) && c.method == "sendmessage"
            })
            .await;
        assert!(answered.is_some(), "the new message was taken for a repeat");
        bot.stop().await;
    });
}

#[tokio::test]
async fn an_update_stored_but_not_handled_before_a_crash_is_handled_at_the_next_start() {
    on_each_backend!(|tdb| {
        // A previous run stored the update and died before handling it.
        let db = tdb.connect().await;
        let api = crate::support::fake_api::FakeApi::start().await;
        let update = serde_json::json!({
            "update_id": 77, "message": {
                "message_id": 5, "date": 1_764_300_000,
                "chat": { "id": 511, "type": "private", "first_name": "Ujang" },
                "from": { "id": 511, "is_bot": false, "first_name": "Ujang", "language_code": "id" },
                "text": "/start", "entities": [{ "type": "bot_command", "offset": 0, "length": 6 }]
            }
        });
        let secret = tdb.secret(&db).await;
        let json = update.to_string();
        let stored = inbox::Received {
            update_id: 77,
            digest: inbox::digest(&secret, &api.url(), &json),
            json,
        };
        let seal = kesos_bot::store::seal::Seal::from_secret(&secret);
        assert_eq!(
            inbox::insert_batch(&db, &seal, &[stored]).await.unwrap(),
            vec![true]
        );
        db.pool.close().await;

        let bot = TestBot::start_with(&tdb, api, &[]).await;
        bot.wait_handled(77).await;
        let greeted = bot
            .api
            .wait_call(0, Duration::from_secs(5), |c| {
                c.chat_id() == Some(511) && c.text().contains("Ujang")
            })
            .await;
        assert!(greeted.is_some(), "the replayed /start was answered");
        bot.stop().await;
    });
}

#[tokio::test]
async fn updates_are_confirmed_to_telegram_only_after_they_are_stored_and_on_stop() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let r = bot.user(512).send("/start").await;
        let api = bot.stop().await;
        assert!(
            api.confirmed_offset() > r.update_id,
            "the handled update was confirmed at stop"
        );
    });
}

#[tokio::test]
async fn a_user_who_blocked_the_bot_is_marked_and_notices_skip_them() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let u = bot.user(513);
        u.send("/start").await;
        bot.api.block(513);
        u.send("/bantuan").await;
        assert_eq!(users::get(&bot.db, 513).await.unwrap().unwrap().blocked, 1);
        // A notice queued for them is recorded as unreachable, not retried forever.
        outbox::enqueue(&bot.db.pool, 513, &Notice::WorkerRevoked, None)
            .await
            .unwrap();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while outbox::count_unsent(&bot.db).await.unwrap() > 0 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the notice was not settled"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let (outcome,): (String,) = sqlx::query_as("SELECT outcome FROM outbox")
            .fetch_one(&bot.db.pool)
            .await
            .unwrap();
        assert_eq!(outcome, "unreachable");
        bot.stop().await;
    });
}

#[tokio::test]
async fn notices_are_delivered_at_most_one_per_second_per_chat() {
    on_each_backend!(|tdb| {
        let api = crate::support::fake_api::FakeApi::start().await;
        let bot = TestBot::start_with(&tdb, api, &["--chat-rate", "1", "--send-rate", "30"]).await;
        bot.user(514).send("/start").await;
        let from = bot.api.call_count();
        for i in 0..3 {
            let notice = Notice::Reminder {
                today: i + 1,
                overdue: 0,
                complaints: 0,
                tasks: None,
            };
            outbox::enqueue(&bot.db.pool, 514, &notice, Some(&format!("k{i}")))
                .await
                .unwrap();
        }
        // The same key again is ignored.
        assert!(
            !outbox::enqueue(&bot.db.pool, 514, &Notice::WorkerRevoked, Some("k0"))
                .await
                .unwrap()
        );
        let last = bot
            .api
            .wait_call(from, Duration::from_secs(15), |c| {
                c.text().contains("batas waktunya hari ini: 3")
            })
            .await
            .expect("all notices arrive");
        let sends: Vec<_> = bot.api.calls()[from..]
            .iter()
            .filter(|c| c.method == "sendmessage" && c.chat_id() == Some(514))
            .cloned()
            .collect();
        assert_eq!(sends.len(), 3, "three notices, the duplicate key dropped");
        for (i, c) in sends.iter().enumerate() {
            let line = format!("batas waktunya hari ini: {}", i + 1);
            assert!(c.text().contains(&line), "in order: {:?}", c.text());
        }
        // Each delivery keeps the id Telegram gave its message (read receipts, edits later).
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            let ids: Vec<(Option<i64>,)> =
                sqlx::query_as("SELECT message_id FROM outbox WHERE chat_id = 514")
                    .fetch_all(&bot.db.pool)
                    .await
                    .unwrap();
            if ids.len() == 3 && ids.iter().all(|(m,)| m.is_some()) {
                break;
            }
            assert!(tokio::time::Instant::now() < deadline, "{ids:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let span = last.at.duration_since(sends[0].at);
        assert!(
            span >= Duration::from_millis(1800),
            "3 messages to one chat took only {span:?}"
        );
        bot.stop().await;
    });
}

#[tokio::test]
async fn the_command_menu_is_published_in_indonesian_and_english() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let calls = bot.api.calls();
        let menus: Vec<_> = calls
            .iter()
            .filter(|c| c.method == "setmycommands")
            .collect();
        let id = menus
            .iter()
            .find(|c| c.body.get("language_code").is_none())
            .expect("default menu");
        let en = menus
            .iter()
            .find(|c| c.body.get("language_code").and_then(|v| v.as_str()) == Some("en"))
            .expect("English menu");
        assert!(
            id.body["commands"]
                .to_string()
                .contains("Cek penerima bansos")
        );
        assert!(
            en.body["commands"]
                .to_string()
                .contains("Check social assistance")
        );
        bot.stop().await;
    });
}

#[tokio::test]
async fn what_a_user_typed_does_not_stay_in_the_inbox_once_handled() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let nik = "3215015203880001";
        bot.user(515).send(&format!("/cek {nik}")).await;
        // Done marks are written in batches of a few milliseconds.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let payloads: Vec<(String,)> = sqlx::query_as("SELECT payload FROM inbox")
            .fetch_all(&bot.db.pool)
            .await
            .unwrap();
        assert!(!payloads.is_empty());
        assert!(
            payloads.iter().all(|(p,)| !p.contains(nik)),
            "the NIK stayed in the inbox"
        );
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_command_glued_to_a_nik_is_not_echoed_back() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        let r = bot.user(516).send("/cek3215015203880001").await;
        r.assert_contains(&["tidak kami kenal", "/bantuan"]);
        assert!(!r.all_text().contains("3215015203880001"));
        // Nothing typed after the command is echoed, after an `@` neither.
        let r = bot.user(516).send("/cek@3215010101800001").await;
        r.assert_contains(&["tidak kami kenal"]);
        assert!(
            !r.all_text().contains("3215010101800001"),
            "{}",
            r.all_text()
        );
        bot.user(516)
            .send("/apaini")
            .await
            .assert_contains(&["/apaini tidak dikenal"]);
        bot.stop().await;
    });
}

#[tokio::test]
async fn a_queued_notice_is_worded_in_the_language_its_recipient_uses_when_it_goes_out() {
    on_each_backend!(|tdb| {
        let bot = TestBot::start(&tdb).await;
        bot.user(515).send("/start").await;
        bot.stop().await;
        let db = tdb.connect().await;
        // Queued while they read Indonesian (the bot is down); they choose English before it
        // goes out.
        let notice = Notice::Reminder {
            today: 2,
            overdue: 1,
            complaints: 0,
            tasks: None,
        };
        outbox::enqueue(&db.pool, 515, &notice, None).await.unwrap();
        users::set_language(&db, 515, kesos_bot::i18n::Lang::En)
            .await
            .unwrap();
        let bot = TestBot::start(&tdb).await;
        let sent = bot
            .api
            .wait_call(0, Duration::from_secs(10), |c| {
                c.method == "sendmessage" && c.chat_id() == Some(515)
            })
            .await
            .expect("the notice goes out");
        assert!(
            sent.text().contains("due today: 2") && sent.text().contains("overdue: 1"),
            "{:?}",
            sent.text()
        );
        bot.stop().await;
    });
}
