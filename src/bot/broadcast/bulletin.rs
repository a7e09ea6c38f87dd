//! A broadcast as its recipients see it: a heading that says who sends it, the author's text,
//! the attachment, and the buttons ("Sudah dibaca"; for residents, stopping broadcasts).
//! [`Opened`] holds the broadcasts of one outbox batch, read and unsealed once.

use crate::app::App;
use crate::bot::button::Button;
use crate::bot::menu::button;
use crate::bot::send::Bulletin;
use crate::domain::broadcast::Audience;
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::i18n::{t, targs};
use crate::store::broadcasts::{self, Broadcast, MediaKind};
use crate::store::outbox::{Content, Queued};
use crate::store::regions;
use crate::store::seal::{Place, Seal};
use base64::Engine;
use std::collections::{HashMap, HashSet};
use teloxide::types::{FileId, InlineKeyboardMarkup, InputFile, ReplyMarkup};

/// A broadcast ready to deliver.
struct Entry {
    /// Stopped by its author: what is left of it is not sent.
    cancelled: bool,
    text: String,
    /// Who it is from, by role and the area it speaks for.
    from: (Role, Option<String>),
    for_residents: bool,
    media: Option<(MediaKind, File)>,
}

#[derive(Clone)]
enum File {
    Id(String),
    Upload { name: String, data: Vec<u8> },
}

/// The broadcasts one batch of the outbox delivers.
#[derive(Default)]
pub struct Opened {
    entries: HashMap<i64, Entry>,
    /// Chats of residents who stopped broadcasts.
    stopped: HashSet<i64>,
    /// Chats, of this batch, of active workers (for broadcasts to workers).
    workers: HashSet<i64>,
}

/// Reads and opens the broadcasts `batch` delivers (none: no query). A broadcast whose text
/// does not open is left out (its deliveries fail, logged); a failing database is an error.
pub async fn open_for(app: &App, batch: &[Queued]) -> anyhow::Result<Opened> {
    let mut ids: Vec<i64> = batch
        .iter()
        .filter_map(|q| match q.content {
            Content::Broadcast(id) => Some(id),
            _ => None,
        })
        .collect();
    if ids.is_empty() {
        return Ok(Opened::default());
    }
    ids.sort_unstable();
    ids.dedup();
    let found = broadcasts::get_many(&app.db, &ids).await?;
    let codes: Vec<String> = found
        .values()
        .filter_map(|b| Audience::parse(&b.audience).ok())
        .filter_map(|a| a.area().map(|c| c.as_str().to_string()))
        .collect();
    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    let names = regions::names(&app.db, &refs).await?;
    let mut opened = Opened::default();
    let (mut residents, mut workers) = (false, false);
    for (id, b) in found {
        let upload = match (&b.media_kind, &b.media) {
            (Some(_), None) => broadcasts::upload_data(&app.db, id).await?,
            _ => None,
        };
        match entry(&app.seal, &b, upload, &names) {
            Some(e) => {
                residents |= e.for_residents;
                workers |= !e.for_residents;
                opened.entries.insert(id, e);
            }
            None => tracing::error!(broadcast = id, "a broadcast's text does not open"),
        }
    }
    let chats: Vec<i64> = batch.iter().map(|q| q.chat_id).collect();
    if residents {
        opened.stopped = broadcasts::opted_out(&app.db, &chats)
            .await?
            .into_iter()
            .collect();
    }
    if workers {
        let active = broadcasts::active_worker_chats(&app.db, &chats).await?;
        opened.workers = active.into_iter().collect();
    }
    Ok(opened)
}

fn entry(
    seal: &Seal,
    b: &Broadcast,
    upload: Option<String>,
    names: &HashMap<String, String>,
) -> Option<Entry> {
    let text = seal.open_string(Place::Broadcast, &b.body).ok()?;
    let audience = Audience::parse(&b.audience).ok()?;
    let area = audience.area().map(|a| {
        names
            .get(a.as_str())
            .cloned()
            .unwrap_or_else(|| a.as_str().to_string())
    });
    let media = match (b.media_kind(), &b.media, upload) {
        (Some(kind), Some(id), _) => Some((kind, File::Id(id.clone()))),
        (Some(kind), None, Some(data)) => {
            let data = base64::engine::general_purpose::STANDARD
                .decode(&data)
                .ok()?;
            let name = b.media_name.clone().unwrap_or_else(|| "lampiran".into());
            Some((kind, File::Upload { name, data }))
        }
        _ => None,
    };
    Some(Entry {
        cancelled: b.cancelled_at.is_some(),
        text,
        from: (b.author_role, area),
        for_residents: audience.is_residents(),
        media,
    })
}

impl Opened {
    /// Broadcasts whose file has not been uploaded yet.
    pub fn needing_upload(&self) -> Vec<i64> {
        self.entries
            .iter()
            .filter(|(_, e)| matches!(e.media, Some((_, File::Upload { .. }))))
            .map(|(id, _)| *id)
            .collect()
    }

    /// The first delivery uploaded the file: the rest send it by its id.
    pub fn uploaded(&mut self, id: i64, file_id: String) {
        if let Some(Entry {
            media: Some((_, file)),
            ..
        }) = self.entries.get_mut(&id)
        {
            *file = File::Id(file_id);
        }
    }

    pub fn for_residents(&self, id: i64) -> bool {
        self.entries.get(&id).is_some_and(|e| e.for_residents)
    }

    /// Whether `chat` is no longer in the audience of `id`: a resident who stopped
    /// broadcasts, or, for a broadcast to workers, someone whose access ended since it was
    /// queued (workers cannot stop work notices themselves).
    pub fn opted_out(&self, id: i64, chat: i64) -> bool {
        match self.entries.get(&id) {
            Some(e) if e.for_residents => self.stopped.contains(&chat),
            Some(_) => !self.workers.contains(&chat),
            None => false,
        }
    }

    /// Whether the author stopped broadcast `id`.
    pub fn cancelled(&self, id: i64) -> bool {
        self.entries.get(&id).is_some_and(|e| e.cancelled)
    }

    /// Broadcast `id` in `lang`, as one recipient receives it; `None` when it cannot be read.
    pub fn bulletin(&self, lang: Lang, id: i64) -> Option<Bulletin> {
        let e = self.entries.get(&id)?;
        let text = render(
            lang,
            (e.from.0, e.from.1.as_deref()),
            e.for_residents,
            &e.text,
        );
        let media = e.media.as_ref().map(|(kind, file)| {
            let file = match file {
                File::Id(id) => InputFile::file_id(FileId(id.clone())),
                File::Upload { name, data } => {
                    InputFile::memory(data.clone()).file_name(name.clone())
                }
            };
            (*kind, file)
        });
        Some(Bulletin {
            text,
            markup: Some(ReplyMarkup::InlineKeyboard(keyboard(
                lang,
                id,
                e.for_residents,
            ))),
            media,
        })
    }
}

/// The words of a broadcast: who sends it, the author's text, and for residents a reminder
/// that Dinas Sosial never asks for money or codes (bansos scams imitate such notices).
pub fn render(
    lang: Lang,
    (role, area): (Role, Option<&str>),
    for_residents: bool,
    text: &str,
) -> String {
    let heading = match (role, area) {
        (Role::Tksk, Some(area)) => targs(
            lang,
            "broadcast-from-tksk",
            &[("area", area.to_string().into())],
        ),
        _ => t(lang, "broadcast-from-dinsos"),
    };
    let mut out = heading;
    if !text.trim().is_empty() {
        out.push_str("\n\n");
        out.push_str(text);
    }
    if for_residents {
        out.push_str("\n\n");
        out.push_str(&t(lang, "broadcast-scam-warning"));
    }
    out
}

/// "Sudah dibaca", and for residents the way to stop broadcasts.
pub fn keyboard(lang: Lang, id: i64, for_residents: bool) -> InlineKeyboardMarkup {
    let mut rows = vec![vec![button(lang, "broadcast-read", Button::Read(id))]];
    if for_residents {
        rows.push(vec![button(lang, "broadcast-stop", Button::Notices(false))]);
    }
    InlineKeyboardMarkup::new(rows)
}
