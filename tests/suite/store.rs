//! The storage layer on each backend.

use crate::on_each_backend;
use kesos_bot::bot::dialogue::DbStorage;
use kesos_bot::i18n::Lang;
use kesos_bot::store::{inbox, regions, users};
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

#[tokio::test]
async fn migrations_ship_karawang_barat_and_its_eight_kelurahan() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        // Migrating twice is harmless.
        db.migrate().await.unwrap();
        let kel = regions::children(&db, "32.15.01").await.unwrap();
        let names: Vec<_> = kel.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(kel.len(), 8, "{names:?}");
        assert!(names.contains(&"Tunggakjati") && names.contains(&"Karawang Kulon"));
        assert_eq!(
            regions::get(&db, "32.15").await.unwrap().unwrap().name,
            "Kabupaten Karawang"
        );
    });
}

#[tokio::test]
async fn the_inbox_takes_an_update_once_tells_a_reused_id_from_a_repeat_and_seals_payloads() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let seal = kesos_bot::store::seal::Seal::from_secret(b"k");
        let api = "https://api.telegram.org";
        let rec = |id: i64, json: &str| inbox::Received {
            update_id: id,
            digest: inbox::digest(b"k", api, json),
            json: json.to_string(),
        };
        let a = r#"{"text":"3215015203880001"}"#;
        assert_eq!(
            inbox::insert_batch(&db, &seal, &[rec(10, a), rec(11, "{}")])
                .await
                .unwrap(),
            vec![true, true]
        );
        assert_eq!(
            inbox::insert_batch(&db, &seal, &[rec(10, a)])
                .await
                .unwrap(),
            vec![false],
            "the same update twice"
        );
        // Telegram's ids start again after a move to another Bot API server: the same id
        // with other content, or from another server, is a new update.
        let other_server = inbox::Received {
            update_id: 11,
            digest: inbox::digest(b"k", "http://127.0.0.1:8081", "{}"),
            json: "{}".into(),
        };
        assert_eq!(
            inbox::insert_batch(&db, &seal, &[rec(10, r#"{"text":"halo"}"#), other_server])
                .await
                .unwrap(),
            vec![true, true]
        );
        let (pending, unreadable) = inbox::pending(&db, &seal).await.unwrap();
        assert_eq!(pending.len(), 4);
        assert!(unreadable.is_empty());
        assert!(pending.iter().any(|p| p.update_id == 10 && p.json == a));
        let raw: Vec<(String,)> = sqlx::query_as("SELECT payload FROM inbox")
            .fetch_all(&db.pool)
            .await
            .unwrap();
        assert!(
            raw.iter()
                .all(|(p,)| p.starts_with("s1:") && !p.contains("3215"))
        );
        inbox::mark_done(&db, 10).await.unwrap();
        let (pending, _) = inbox::pending(&db, &seal).await.unwrap();
        assert_eq!(
            pending.iter().map(|p| p.update_id).collect::<Vec<_>>(),
            vec![11, 11]
        );
        // Under another key nothing opens, and the caller is told which.
        let (_, unreadable) = inbox::pending(&db, &kesos_bot::store::seal::Seal::from_secret(b"x"))
            .await
            .unwrap();
        assert_eq!(unreadable.len(), 2);
    });
}

#[tokio::test]
async fn dialogue_state_round_trips_and_an_unreadable_one_reads_as_none() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let seal = kesos_bot::store::seal::Seal::from_secret(b"k");
        let storage = DbStorage::new(db.clone(), seal.clone(), "u1".into());
        let chat = ChatId(42);
        Storage::<Vec<String>>::update_dialogue(storage.clone(), chat, vec!["a".into()])
            .await
            .unwrap();
        let got: Option<Vec<String>> = storage.clone().get_dialogue(chat).await.unwrap();
        assert_eq!(got, Some(vec!["a".to_string()]));
        // A state saved by an older version that no longer parses.
        let stale: Option<u32> = storage.clone().get_dialogue(chat).await.unwrap();
        assert_eq!(stale, None);
        Storage::<Vec<String>>::remove_dialogue(storage.clone(), chat)
            .await
            .unwrap();
        let gone: Option<Vec<String>> = storage.get_dialogue(chat).await.unwrap();
        assert_eq!(gone, None);
    });
}

#[tokio::test]
async fn a_dialogue_remembers_the_state_the_last_update_found_and_keeps_drafts_sealed() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let seal = kesos_bot::store::seal::Seal::from_secret(b"k");
        let chat = ChatId(43);
        let write = |update: &str, state: &str| {
            let storage = DbStorage::new(db.clone(), seal.clone(), update.to_string());
            let state = state.to_string();
            async move {
                Storage::<String>::update_dialogue(storage, chat, state)
                    .await
                    .unwrap()
            }
        };
        write("u1", "asked for the NIK").await;
        write("u2", "NIK 3215015203880001 given").await;
        // The same update writing twice keeps the state it found.
        write("u2", "asked for the name").await;
        write("u3", "name given").await;
        users::touch(&db, 43, 43, None).await.unwrap();
        let json = |s: &str| serde_json::to_string(s).unwrap();
        let from = |update: &'static str| {
            let db = db.clone();
            let seal = seal.clone();
            async move {
                users::touch_session(&db, 43, 43, None, update)
                    .await
                    .unwrap()
                    .1
                    .for_update(&seal)
            }
        };
        // u2 and u3 both came back after a crash: each is handled from the state it found.
        assert_eq!(from("u2").await, (Some(json("asked for the NIK")), true));
        assert_eq!(from("u3").await, (Some(json("asked for the name")), true));
        // A new update goes on from where the chat is.
        assert_eq!(from("u4").await, (Some(json("name given")), false));
        let raw: Vec<(String,)> = sqlx::query_as(
            "SELECT state FROM dialogues WHERE chat_id = 43
             UNION ALL SELECT prior_state FROM dialogue_steps WHERE chat_id = 43 AND prior_state <> ''",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        assert_eq!(raw.len(), 3);
        assert!(
            raw.iter()
                .all(|(s,)| s.starts_with("s1:") && !s.contains("3215")),
            "{raw:?}"
        );
    });
}

#[tokio::test]
async fn users_keep_their_language_and_start_from_telegrams() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let c = users::touch(&db, 1, 1, Some("en-US")).await.unwrap();
        assert_eq!(c.lang, Lang::En);
        users::set_language(&db, 1, Lang::Id).await.unwrap();
        // Telegram still says English; the stored choice wins.
        assert_eq!(
            users::touch(&db, 1, 1, Some("en-US")).await.unwrap().lang,
            Lang::Id
        );
        users::mark_blocked(&db, 1).await.unwrap();
        let blocked = |db: kesos_bot::store::Db| async move {
            users::recipients(&db, &[1]).await.unwrap()[&1].blocked
        };
        assert!(blocked(db.clone()).await);
        users::touch(&db, 1, 1, None).await.unwrap();
        assert!(!blocked(db.clone()).await, "writing again unblocks");
    });
}

#[tokio::test]
async fn the_whole_regency_imports_and_a_second_import_changes_nothing() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/wilayah-karawang.csv");
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let first = kesos_bot::import::wilayah::import(&db, &file, Lang::Id)
            .await
            .unwrap();
        assert!(first.rejected.is_empty(), "{:?}", first.rejected);
        assert!(first.added >= 300, "{first:?}");
        let second = kesos_bot::import::wilayah::import(&db, &file, Lang::Id)
            .await
            .unwrap();
        assert_eq!((second.added, second.updated), (0, 0));
        assert_eq!(
            second.unchanged,
            first.added + first.updated + first.unchanged
        );
        let kecamatan = regions::children(&db, "32.15").await.unwrap();
        assert_eq!(kecamatan.len(), 30);
    });
}

#[tokio::test]
async fn broken_region_rows_are_named_with_their_line_and_good_rows_load() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("w.csv");
        std::fs::write(
            &file,
            "\u{feff}NAMA;Kode\nKlari;32.15.02\nTanpa kode;\n;32.15.03\nSalah;32-15-04\nDesa Yatim;32.15.99.2001\nDuren;32.15.02.2001\n",
        )
        .unwrap();
        let r = kesos_bot::import::wilayah::import(&db, &file, Lang::Id)
            .await
            .unwrap();
        assert_eq!(r.added, 2, "{r:?}");
        let lines: Vec<u64> = r.rejected.lines();
        assert_eq!(lines, vec![3, 4, 5, 6]);
        let text = r.render(Lang::Id);
        assert!(
            text.contains("Baris 5: kode wilayah \"32-15-04\""),
            "{text}"
        );
        assert!(
            text.contains("Baris 6: wilayah induk 32.15.99 belum terdaftar"),
            "{text}"
        );
        assert!(text.contains("Ditambahkan: 2"), "{text}");
    });
}

#[tokio::test]
async fn the_secret_is_generated_once_for_an_empty_database_and_kept_beside_it() {
    let tdb = crate::support::TestDb::sqlite().await;
    let db = tdb.connect().await;
    let none = kesos_bot::store::secret::KeyConfig::default();
    let a = kesos_bot::store::secret::load(&db, &none).await.unwrap();
    let b = kesos_bot::store::secret::load(&db, &none).await.unwrap();
    assert_eq!(a, b);
    assert!(a.len() >= 32);
    use std::os::unix::fs::PermissionsExt;
    let file = kesos_bot::store::secret::beside(&tdb.sqlite_file().unwrap());
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The same key given by KESOS_SECRET is the same key.
    let given = String::from_utf8(a.clone()).unwrap();
    let same =
        kesos_bot::store::secret::load(&db, &kesos_bot::store::secret::KeyConfig::value(&given))
            .await
            .unwrap();
    assert_eq!(same, a);
}

#[tokio::test]
async fn two_processes_on_one_database_share_one_send_budget() {
    use kesos_bot::store::pace::{self, Budget, Slot};
    let at = |s: Slot| match s {
        Slot::At(t) => t,
        Slot::Busy(t) | Slot::ChatBusy(t) => panic!("not reserved: busy until {t}"),
    };
    on_each_backend!(|tdb| {
        // Two pools, as two instances of the bot would have.
        let (a, b) = (tdb.connect().await, tdb.connect().await);
        let budget = Budget::per_second(30, 1);
        let now = 1_764_300_000_000_000;
        // Into one chat: one message a second, whichever process sends it.
        let s1 = at(pace::reserve(&a, budget, 42, now, None).await.unwrap());
        let s2 = at(pace::reserve(&b, budget, 42, now, None).await.unwrap());
        let s3 = at(pace::reserve(&a, budget, 42, now, None).await.unwrap());
        assert_eq!((s1, s2 - now, s3 - now), (now, 1_000_000, 2_000_000));
        // Into 90 chats from both at once, later: a second's burst, then 30 a second overall.
        let now = now + 10_000_000;
        let mut slots = Vec::new();
        for chat in 0..90 {
            let db = if chat % 2 == 0 { &a } else { &b };
            slots.push(at(pace::reserve(db, budget, 1000 + chat, now, None)
                .await
                .unwrap()));
        }
        let immediate = slots.iter().filter(|s| **s == now).count();
        assert!((28..=31).contains(&immediate), "{immediate}");
        let last = slots.iter().max().unwrap() - now;
        assert!((1_900_000..=2_100_000).contains(&last), "{last}");
        // A bulk delivery does not queue behind that: it reserves nothing (asking twice gets
        // the same answer) and is told when to ask again; then it gets a slot.
        let one = Some(budget.global_us);
        let busy = pace::reserve(&a, budget, 5000, now, one).await.unwrap();
        assert_eq!(
            pace::reserve(&b, budget, 5000, now, one).await.unwrap(),
            busy
        );
        let Slot::Busy(retry) = busy else {
            panic!("{busy:?}")
        };
        assert!(retry >= now + 2_900_000, "{retry}");
        let bulk = at(
            pace::reserve(&a, budget, 5000, retry - budget.global_us, one)
                .await
                .unwrap(),
        );
        assert!(bulk <= retry, "{bulk}");
        // Held only by its own chat's pace, a bulk delivery is told so (and other chats go).
        let again = pace::reserve(&a, budget, 5000, retry, one).await.unwrap();
        assert!(
            matches!(again, Slot::ChatBusy(t) if t >= bulk + 900_000),
            "{again:?}"
        );
        assert!(matches!(
            pace::reserve(&b, budget, 5002, retry, one).await.unwrap(),
            Slot::At(_)
        ));
        // Telegram's pause holds both.
        pace::freeze(&a, now + 30_000_000).await.unwrap();
        assert!(at(pace::reserve(&b, budget, 7, now, None).await.unwrap()) >= now + 30_000_000);
        // Quiet chats are forgotten.
        assert!(pace::prune(&b, now + 60_000_000).await.unwrap() >= 90);
    });
}
