//! The bot: one dptree handler tree for every update.
//!
//! Shape of the tree (top to bottom; the first branch that handles an update wins):
//! 1. `finish_update` wraps everything: after the tree ran it marks the update done in the
//!    durable inbox, and turns a handler error into a polite apology to the user.
//! 2. The caller is loaded (or created) from the `users` table: language, role, area.
//! 3. The chat's dialogue state comes with it (one query): handlers take `State` for where
//!    the conversation stands and `Dlg` to change it.
//! 4. Messages: common commands, then resident and worker branches (commands and flows), then
//!    the fallbacks for anything else (free text, media, unknown commands).
//! 5. Button presses: the callback data parsed into a [`button::Button`], then common callbacks,
//!    then the audiences' callbacks, then "stale button" for whatever is left.
//!
//! Role checks live in the tree (see [`require_role`]), never inside endpoints.

pub mod broadcast;
pub mod button;
pub mod common;
pub mod complaint;
pub mod dialogue;
mod legacy;
pub mod menu;
pub mod notice;
pub mod pace;
pub mod resident;
pub mod send;
pub mod state;
pub mod worker;

use crate::app::App;
use crate::domain::role::Role;
use crate::i18n::{Lang, t};
use crate::store::users::{self, Caller};
use dialogue::DbStorage;
use dptree::di::DependencyMap;
use dptree::{Cont, HandlerDescription, HandlerSignature};
use futures::FutureExt;
use std::ops::ControlFlow;
use std::sync::Arc;
use teloxide::dispatching::dialogue::Dialogue;
use teloxide::dispatching::{DpHandlerDescription, UpdateFilterExt};
use teloxide::prelude::*;
use teloxide::types::{ChatMemberStatus, Update, UpdateKind};

pub use send::Tg;
pub use state::State;

pub type HandlerResult = anyhow::Result<()>;
pub type Handler = dptree::Handler<'static, HandlerResult, DpHandlerDescription>;
pub type Dlg = Dialogue<State, DbStorage>;

/// The Telegram chat of a caller (the store keeps it as a number).
pub trait ChatOf {
    fn chat(&self) -> ChatId;
}

impl ChatOf for Caller {
    fn chat(&self) -> ChatId {
        ChatId(self.chat_id)
    }
}

/// The whole handler tree, as production and the tests run it.
pub fn schema() -> Handler {
    let messages = Update::filter_message()
        .branch(common::commands())
        .branch(complaint::messages())
        .branch(resident::messages())
        .branch(worker::messages())
        .branch(common::message_fallback());
    // Callback data is parsed once, here; what does not parse, and a press that no branch
    // takes (its flow is over), is answered "no longer valid".
    let callbacks = Update::filter_callback_query()
        .branch(
            dptree::filter_map(|q: CallbackQuery| {
                q.data.as_deref().and_then(button::Button::parse)
            })
            .branch(common::callbacks())
            .branch(broadcast::callbacks())
            .branch(complaint::callbacks())
            .branch(resident::callbacks())
            .branch(worker::callbacks()),
        )
        .endpoint(common::stale_button);
    let membership = Update::filter_my_chat_member().endpoint(membership_changed);

    finish_update().branch(membership).branch(
        dptree::filter_map_async(load_session)
            .map(|s: Session| s.caller)
            .map(|s: Session| s.state)
            .map(|s: Session| s.dialogue)
            .branch(messages)
            .branch(callbacks),
    )
}

/// Runs the rest of the tree, then marks the update done in the inbox. A handler error is
/// logged (without personal data) and the user gets an apology instead of silence.
fn finish_update() -> Handler {
    dptree::from_fn_with_description(
        DpHandlerDescription::entry(),
        |deps: DependencyMap, cont: Cont<'static, HandlerResult>| async move {
            let update: Arc<Update> = deps.get();
            let app: Arc<Arc<App>> = deps.get();
            let bot: Arc<Tg> = deps.get();
            // A panicking handler must not take the dispatcher down (teloxide's per-chat
            // worker would die, and the next update of that chat with it).
            let result = match std::panic::AssertUnwindSafe(cont(deps))
                .catch_unwind()
                .await
            {
                Ok(result) => result,
                Err(_) => {
                    tracing::error!(update = update.id.0, "handler panicked");
                    ControlFlow::Break(Err(anyhow::anyhow!("handler panicked")))
                }
            };
            let result = match result {
                ControlFlow::Break(Err(e)) => {
                    tracing::error!(update = update.id.0, error = %e, "handler failed");
                    apologise(&bot, &app, &update).await;
                    ControlFlow::Break(Ok(()))
                }
                // A private message or button press always reaches an endpoint once the
                // caller is loaded; when nothing handled it, loading failed (the database is
                // unreachable). Apologise and leave it pending: it is replayed at the next start.
                ControlFlow::Continue(deps) if is_from_a_person(&update) => {
                    tracing::error!(update = update.id.0, "update not handled; kept for replay");
                    apologise(&bot, &app, &update).await;
                    return ControlFlow::Continue(deps);
                }
                other => other,
            };
            app.mark_done(update.id.0 as i64).await;
            result
        },
        HandlerSignature::Entry,
    )
}

/// A message or a button press in a private chat: what the tree always answers.
fn is_from_a_person(update: &Update) -> bool {
    matches!(
        update.kind,
        UpdateKind::Message(_) | UpdateKind::CallbackQuery(_)
    ) && update.chat().is_some_and(|c| c.is_private())
}

async fn apologise(bot: &Tg, app: &App, update: &Update) {
    let Some(chat) = update.chat() else { return };
    let lang = match update.from() {
        Some(u) => users::get(&app.db, u.id.0 as i64)
            .await
            .ok()
            .flatten()
            .and_then(|r| r.language)
            .map(|c| Lang::from_code(&c))
            .unwrap_or_else(|| Lang::from_telegram(u.language_code.as_deref())),
        None => Lang::Id,
    };
    if let UpdateKind::CallbackQuery(q) = &update.kind {
        let _ = bot.answer_callback_query(q.id.clone()).await;
    }
    let _ = send::text(bot, &app.db, chat.id, &t(lang, "error-internal"), None).await;
}

/// Who wrote, and where their conversation stands: loaded together for every update.
#[derive(Clone)]
struct Session {
    caller: Caller,
    state: State,
    dialogue: Dlg,
}

/// Loads (creating on first contact) the user behind an update from a private chat, with the
/// chat's dialogue state in the same query. Dependencies after this: `Caller`, `State`, `Dlg`.
async fn load_session(update: Update, app: Arc<App>) -> Option<Session> {
    let user = update.from()?;
    let chat = update.chat()?;
    if !chat.is_private() {
        return None;
    }
    // What dialogue writes record, so that a replay after a crash is recognised.
    let digest = app.digest_of(&update);
    let loaded = users::touch_session(
        &app.db,
        user.id.0 as i64,
        chat.id.0,
        user.language_code.as_deref(),
        &digest,
    )
    .await;
    match loaded {
        Ok((caller, saved)) => {
            let (json, replay) = saved.for_update(&app.seal);
            if replay {
                // Applied before a crash lost its done mark: handled again from the state it
                // found then, so that it does the same (and says the same) once more.
                tracing::info!(
                    update = update.id.0,
                    "update applied before the last stop; handling it again from its step"
                );
            }
            let state = json
                .map(|json| State::from_saved(&json))
                .unwrap_or_default();
            Some(Session {
                caller,
                state,
                dialogue: Dlg::new(
                    DbStorage::new(app.db.clone(), app.seal.clone(), digest),
                    chat.id,
                ),
            })
        }
        Err(e) => {
            tracing::error!(update = update.id.0, error = %e, "cannot load the caller");
            None
        }
    }
}

/// A user who blocks the bot is marked so that notices skip them; unblocking clears it.
async fn membership_changed(update: ChatMemberUpdated, app: Arc<App>) -> HandlerResult {
    match update.new_chat_member.status() {
        ChatMemberStatus::Banned => users::mark_blocked(&app.db, update.chat.id.0).await?,
        ChatMemberStatus::Member => users::mark_unblocked(&app.db, update.chat.id.0).await?,
        _ => {}
    }
    Ok(())
}

/// Lets the update through only for callers with one of `roles`; everyone else gets a polite
/// refusal and nothing changes. This is the single place where roles are enforced.
///
/// Built by hand (like `finish_update`) with a signature that continues, so that it can be
/// chained after a command filter and before an endpoint: a plain
/// `entry().branch(filter.endpoint(..))` is typed by dptree as "never continues", and chaining
/// anything after it panics at start ("Dead code detected").
pub fn require_role(roles: &'static [Role]) -> Handler {
    dptree::from_fn_with_description(
        DpHandlerDescription::entry(),
        move |deps: DependencyMap, cont: Cont<'static, HandlerResult>| async move {
            let caller: Arc<Caller> = deps.get();
            if roles.contains(&caller.role) {
                return cont(deps).await;
            }
            let bot: Arc<Tg> = deps.get();
            let app: Arc<Arc<App>> = deps.get();
            let update: Arc<Update> = deps.get();
            ControlFlow::Break(
                refuse_role(
                    (*bot).clone(),
                    (*app).clone(),
                    (*caller).clone(),
                    (*update).clone(),
                )
                .await,
            )
        },
        HandlerSignature::Other {
            obligations: [
                dptree::Type::of::<Caller>(),
                dptree::Type::of::<Tg>(),
                dptree::Type::of::<Arc<App>>(),
                dptree::Type::of::<Update>(),
            ]
            .into_iter()
            .map(|t| (t, std::panic::Location::caller()))
            .collect(),
            guaranteed_outcomes: Default::default(),
            conditional_outcomes: Default::default(),
            continues: true,
        },
    )
}

async fn refuse_role(bot: Tg, app: Arc<App>, caller: Caller, update: Update) -> HandlerResult {
    if let UpdateKind::CallbackQuery(q) = &update.kind {
        bot.answer_callback_query(q.id.clone())
            .text(t(caller.lang, "role-refused-short"))
            .await?;
        return Ok(());
    }
    let key = if caller.role == Role::Warga {
        "role-refused-warga"
    } else {
        "role-refused"
    };
    send::text(&bot, &app.db, caller.chat(), &t(caller.lang, key), None).await?;
    Ok(())
}
