//! The storage layer on each backend.

use crate::on_each_backend;
use kesos_bot::i18n::Lang;
use kesos_bot::store::dialogue::DbStorage;
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
async fn the_inbox_takes_an_update_once_and_tracks_what_is_pending() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        assert!(inbox::insert(&db, 10, "{}").await.unwrap());
        assert!(
            !inbox::insert(&db, 10, "{}").await.unwrap(),
            "the same update twice"
        );
        assert!(inbox::insert(&db, 11, "{}").await.unwrap());
        assert_eq!(inbox::pending(&db).await.unwrap().len(), 2);
        inbox::mark_done(&db, 10).await.unwrap();
        assert_eq!(
            inbox::pending(&db)
                .await
                .unwrap()
                .iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            vec![11]
        );
        assert_eq!(inbox::max_update_id(&db).await.unwrap(), Some(11));
    });
}

#[tokio::test]
async fn dialogue_state_round_trips_and_an_unreadable_one_reads_as_none() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let storage = DbStorage::new(db.clone());
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
        assert!(users::is_blocked(&db, 1).await.unwrap());
        users::touch(&db, 1, 1, None).await.unwrap();
        assert!(
            !users::is_blocked(&db, 1).await.unwrap(),
            "writing again unblocks"
        );
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
        let lines: Vec<u64> = r.rejected.iter().map(|x| x.line).collect();
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
async fn the_secret_is_generated_once_and_kept_beside_the_data() {
    on_each_backend!(|tdb| {
        let db = tdb.connect().await;
        let a = kesos_bot::store::secret::load_or_create(&db, None)
            .await
            .unwrap();
        let b = kesos_bot::store::secret::load_or_create(&db, None)
            .await
            .unwrap();
        assert_eq!(a, b);
        assert!(a.len() >= 32);
        if let Some(file) = tdb.sqlite_file() {
            use std::os::unix::fs::PermissionsExt;
            let secret = std::path::PathBuf::from(format!("{}.secret", file.display()));
            let mode = std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let configured = kesos_bot::store::secret::load_or_create(&db, Some("kunci-rahasia"))
            .await
            .unwrap();
        assert_eq!(configured, b"kunci-rahasia");
    });
}
