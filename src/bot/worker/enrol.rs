//! `/daftar KODE`: binds the caller's Telegram account to a worker's invite code. Open to
//! everyone (a resident becomes a worker with it); wrong codes count toward a lock-out.

use super::{Flow, WorkerCommand, place_names};
use crate::app::App;
use crate::bot::{ChatOf, Dlg, HandlerResult, State, Tg, menu, send};
use crate::i18n::{date, t, targs, time_wib, to_wib};
use crate::store::users::Caller;
use crate::store::workers::{self, Enrolment};
use std::sync::Arc;
use teloxide::prelude::*;

pub async fn on_command(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    cmd: WorkerCommand,
    dialogue: Dlg,
) -> HandlerResult {
    let WorkerCommand::Daftar(code) = cmd else {
        return Ok(());
    };
    if code.trim().is_empty() {
        dialogue.update(State::Worker(Flow::AwaitCode)).await?;
        send::text(
            &bot,
            &app.db,
            caller.chat(),
            &t(caller.lang, "enrol-ask-code"),
            None,
        )
        .await?;
        return Ok(());
    }
    enrol(&bot, &app, &caller, &dialogue, &code).await
}

pub async fn on_code_message(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    msg: &Message,
    dialogue: &Dlg,
) -> HandlerResult {
    match msg.text() {
        Some(code) => enrol(bot, app, caller, dialogue, code).await,
        None => {
            send::text(
                bot,
                &app.db,
                caller.chat(),
                &t(caller.lang, "enrol-ask-code-text"),
                None,
            )
            .await?;
            Ok(())
        }
    }
}

async fn enrol(bot: &Tg, app: &App, caller: &Caller, dialogue: &Dlg, code: &str) -> HandlerResult {
    let lang = caller.lang;
    let outcome = workers::enrol(&app.db, &app.secret, caller.tg_id, code).await?;
    dialogue.update(State::Idle).await?;
    let body = match &outcome {
        Enrolment::Enrolled { worker, areas } => targs(
            lang,
            "enrol-done",
            &[
                ("name", worker.name.clone().into()),
                (
                    "role",
                    t(lang, &format!("role-name-{}", worker.role.code())).into(),
                ),
                ("areas", place_names(&app.db, lang, areas).await.into()),
            ],
        ),
        Enrolment::LockedOut { until } => {
            let when = to_wib(*until);
            let time = format!(
                "{}, {}",
                date(lang, when.date_naive()),
                time_wib(lang, *until)
            );
            targs(lang, "enrol-locked", &[("time", time.into())])
        }
        Enrolment::Wrong => t(lang, "enrol-wrong"),
        Enrolment::Used => t(lang, "enrol-used"),
        Enrolment::Expired => t(lang, "enrol-expired"),
        Enrolment::AlreadyEnrolled => t(lang, "enrol-already"),
    };
    let label = match &outcome {
        Enrolment::Enrolled { .. } => "enrolled",
        Enrolment::LockedOut { .. } => "locked_out",
        Enrolment::Wrong => "wrong",
        Enrolment::Used => "used",
        Enrolment::Expired => "expired",
        Enrolment::AlreadyEnrolled => "already_enrolled",
    };
    // Never the code itself.
    tracing::info!(outcome = label, "enrolment attempt");
    send::text(bot, &app.db, caller.chat(), &body, None).await?;
    if let Enrolment::Enrolled { worker, .. } = outcome {
        // This chat's command menu now shows the worker's commands.
        menu::publish_for_chat(bot, caller.chat(), worker.role, lang).await;
    }
    Ok(())
}
