//! `kesos-bot broadcast send|list|status|cancel`: the command-line way to `/siaran`. `send`
//! writes the broadcast and its deliveries (one transaction, as the bot does); the running bot
//! sends them, now or at `--at`.

use super::area::{self, Want};
use crate::bot::broadcast::list_entry;
use crate::config::{BroadcastAction, DbArgs};
use crate::domain::broadcast::{self as rules, Audience, WhenError};
use crate::domain::region::RegionCode;
use crate::domain::role::Role;
use crate::i18n::{Lang, datetime_wib, t, targs, to_wib};
use crate::store::broadcasts::{self, Media, MediaKind, NewBroadcast};
use crate::store::seal::{Place, Seal};
use crate::store::{Db, now, regions, secret};
use std::path::Path;

/// Telegram's upload limits through the Bot API.
const MAX_PHOTO: u64 = 10 * 1024 * 1024;
const MAX_DOCUMENT: u64 = 50 * 1024 * 1024;

pub async fn run(
    db: &Db,
    db_args: &DbArgs,
    action: BroadcastAction,
    lang: Lang,
) -> anyhow::Result<Result<(), String>> {
    match action {
        BroadcastAction::Send {
            audience,
            text_file,
            photo,
            document,
            at,
        } => {
            let attachment = match (photo, document) {
                (Some(p), _) => Some((MediaKind::Photo, p, MAX_PHOTO)),
                (None, Some(d)) => Some((MediaKind::Document, d, MAX_DOCUMENT)),
                (None, None) => None,
            };
            let draft = match read_draft(db, lang, &audience, &text_file, attachment, at).await? {
                Ok(d) => d,
                Err(message) => return Ok(Err(message)),
            };
            let key = secret::load(db, &db_args.key()).await?;
            let seal = Seal::from_secret(&key);
            let (id, count) = broadcasts::create(
                db,
                &NewBroadcast {
                    author: None,
                    author_role: Role::Dinsos,
                    audience: &draft.audience,
                    body_sealed: seal.seal_str(Place::Broadcast, &draft.text),
                    media: draft.media,
                    send_at: draft.send_at.unwrap_or_else(now),
                    draft_key: None,
                },
            )
            .await?;
            let when = match draft.send_at {
                Some(at) => targs(
                    lang,
                    "broadcast-when-at",
                    &[("when", datetime_wib(lang, at).into())],
                ),
                None => t(lang, "broadcast-when-now"),
            };
            println!(
                "{}",
                targs(
                    lang,
                    "cli-broadcast-queued",
                    &[
                        ("id", id.into()),
                        ("count", count.into()),
                        ("when", when.into())
                    ],
                )
            );
            Ok(Ok(()))
        }
        BroadcastAction::List => {
            let list = broadcasts::recent(db, None, 20).await?;
            if list.is_empty() {
                println!("{}", t(lang, "cli-broadcast-none"));
                return Ok(Ok(()));
            }
            let ids: Vec<i64> = list.iter().map(|b| b.id).collect();
            let counts = broadcasts::counts(db, &ids).await?;
            for b in &list {
                let c = counts.get(&b.id).copied().unwrap_or_default();
                println!("{}\n", list_entry(db, lang, b, &c).await);
            }
            Ok(Ok(()))
        }
        BroadcastAction::Status { id } => {
            let Some(b) = broadcasts::get(db, id).await? else {
                return Ok(Err(targs(
                    lang,
                    "cli-broadcast-unknown",
                    &[("id", id.into())],
                )));
            };
            let c = broadcasts::counts(db, &[id])
                .await?
                .remove(&id)
                .unwrap_or_default();
            println!("{}", list_entry(db, lang, &b, &c).await);
            println!(
                "{}",
                targs(
                    lang,
                    "cli-broadcast-status",
                    &[
                        ("recipients", b.recipients.into()),
                        ("queued", c.queued.into()),
                        ("sent", c.sent.into()),
                        ("failed", c.failed.into()),
                        ("blocked", c.blocked.into()),
                        ("optedout", c.opted_out.into()),
                        ("cancelled", c.cancelled.into()),
                        ("read", c.read.into()),
                    ],
                )
            );
            Ok(Ok(()))
        }
        BroadcastAction::Cancel { id } => match broadcasts::cancel(db, id, None).await? {
            Some(n) => {
                let body = targs(
                    lang,
                    "broadcast-stopped",
                    &[("id", id.into()), ("count", n.into())],
                );
                println!("{body}");
                Ok(Ok(()))
            }
            None => Ok(Err(targs(
                lang,
                "cli-broadcast-cannot-cancel",
                &[("id", id.into())],
            ))),
        },
    }
}

struct Draft {
    audience: Audience,
    text: String,
    media: Media,
    send_at: Option<i64>,
}

/// Reads and checks what `broadcast send` was given; `Err` is the line to print.
async fn read_draft(
    db: &Db,
    lang: Lang,
    audience: &str,
    text_file: &Path,
    attachment: Option<(MediaKind, std::path::PathBuf, u64)>,
    at: Option<String>,
) -> anyhow::Result<Result<Draft, String>> {
    let audience = match with_area_code(db, lang, audience).await? {
        Ok(a) => a,
        Err(why) => return Ok(Err(why)),
    };
    let Ok(audience) = Audience::parse(&audience) else {
        return Ok(Err(t(lang, "cli-broadcast-bad-audience")));
    };
    if let Some(area) = audience.area()
        && regions::get(db, area.as_str()).await?.is_none()
    {
        let args = [("area", area.as_str().to_string().into())];
        return Ok(Err(targs(lang, "cli-invite-unknown-area", &args)));
    }
    let file = text_file.display().to_string();
    let text = match std::fs::read(text_file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text.trim_start_matches('\u{feff}').trim_end().to_string(),
            Err(_) => {
                return Ok(Err(targs(
                    lang,
                    "cli-broadcast-not-utf8",
                    &[("file", file.into())],
                )));
            }
        },
        Err(e) => {
            let args = [("file", file.into()), ("error", e.to_string().into())];
            return Ok(Err(targs(lang, "cli-broadcast-cannot-read", &args)));
        }
    };
    let length = text.chars().count();
    if length > rules::MAX_TEXT || (text.trim().is_empty() && attachment.is_none()) {
        let args = [
            ("length", (length as i64).into()),
            ("max", (rules::MAX_TEXT as i64).into()),
        ];
        return Ok(Err(targs(lang, "cli-broadcast-bad-length", &args)));
    }
    let media = match attachment {
        None => Media::None,
        Some((kind, path, limit)) => {
            let file = path.display().to_string();
            let data = match std::fs::read(&path) {
                Ok(d) => d,
                Err(e) => {
                    let args = [("file", file.into()), ("error", e.to_string().into())];
                    return Ok(Err(targs(lang, "cli-broadcast-cannot-read", &args)));
                }
            };
            if data.len() as u64 > limit || data.is_empty() {
                let args = [("file", file.into()), ("mb", ((limit >> 20) as i64).into())];
                return Ok(Err(targs(lang, "cli-broadcast-file-size", &args)));
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "lampiran".into());
            Media::Upload { kind, name, data }
        }
    };
    let send_at = match at {
        None => None,
        Some(typed) => match rules::parse_when(&typed, to_wib(now())) {
            Ok(at) => Some(at),
            Err(e) => {
                let key = match e {
                    WhenError::Unreadable => "cli-broadcast-bad-time",
                    WhenError::Past => "broadcast-time-past",
                    WhenError::TooFar => "broadcast-time-too-far",
                };
                return Ok(Err(targs(
                    lang,
                    key,
                    &[("days", rules::MAX_AHEAD_DAYS.into())],
                )));
            }
        },
    };
    Ok(Ok(Draft {
        audience,
        text,
        media,
        send_at,
    }))
}

/// The audience with its area as a code: `kecamatan:Karawang Barat` or `kelurahan:Kel. Nagasari`
/// become `kecamatan:32.15.01` and `kelurahan:32.15.01.1011` (the area resolved as every
/// `--area` is); an audience without an area, or with a code, is left as it is.
async fn with_area_code(
    db: &Db,
    lang: Lang,
    audience: &str,
) -> anyhow::Result<Result<String, String>> {
    let Some((kind, typed)) = audience.trim().split_once(':') else {
        return Ok(Ok(audience.to_string()));
    };
    let want = match kind.trim().to_ascii_lowercase().as_str() {
        "kecamatan" => Want::Kecamatan,
        "kelurahan" | "desa" => Want::Village,
        "psm" | "tksk" => Want::Any,
        _ => return Ok(Ok(audience.to_string())),
    };
    if RegionCode::parse(typed).is_ok() {
        return Ok(Ok(audience.to_string()));
    }
    Ok(area::resolve(db, lang, typed, want)
        .await?
        .map(|region| format!("{}:{}", kind.trim(), region.code)))
}
