//! Field workers (PSM, TKSK) and Dinas Sosial operators: enrolment with `/daftar`, task lists
//! (`/tugas`), handing tasks out (`/tugaskan`), home visits (`/kunjungan`), re-verification
//! cycles (`/siklus`, `/rekap`).
//!
//! Roles are enforced here, in the tree, with [`require_role`] after each command filter and
//! callback prefix. Beyond the role, every button that names a task is checked server-side
//! against the caller ([`access`]) before anything happens.
//!
//! Buttons: [`Button::Tasks`] (task list), [`Button::Handout`] (handing out), [`Button::Visit`]
//! (visit steps).

pub mod cycle;
pub mod enrol;
pub mod rekap;
pub mod tasks;
pub mod visit;

use super::button::Button;
use super::{Handler, HandlerResult, State, require_role};
use crate::app::App;
use crate::domain::region;
use crate::domain::role::Role;
use crate::i18n::{Lang, date, t};
use crate::store::tasks::Task;
use crate::store::users::Caller;
use crate::store::workers::{self, Worker};
use crate::store::{Db, regions};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use teloxide::dispatching::HandlerExt;
use teloxide::prelude::*;
use teloxide::utils::command::BotCommands;

/// Where a worker is in one of their flows (kept in the dialogue table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Flow {
    /// `/daftar` without a code: the next text is the code.
    AwaitCode,
    /// `/siklus` without an area: the next text is the area (and optional period).
    AwaitCycleArea,
    /// A home visit being logged, step by step.
    Visit(visit::draft::Visit),
    /// A broadcast being written (`/siaran`, Dinas Sosial and TKSK).
    Broadcast(crate::bot::broadcast::Draft),
}

#[derive(BotCommands, Clone, Debug)]
#[command(rename_rule = "lowercase")]
pub enum WorkerCommand {
    Daftar(String),
    Tugas(String),
    Kunjungan(String),
    Tugaskan(String),
    Rekap(String),
    Siklus(String),
    Siaran(String),
}

const FIELD: &[Role] = &[Role::Psm, Role::Tksk];
const TKSK: &[Role] = &[Role::Tksk];
const COORDINATORS: &[Role] = &[Role::Tksk, Role::Dinsos];
const DINSOS: &[Role] = &[Role::Dinsos];

/// Worker commands and flows in a message.
pub fn messages() -> Handler {
    use WorkerCommand as C;
    let commands = dptree::entry()
        .filter_command::<WorkerCommand>()
        .branch(
            dptree::filter(|c: WorkerCommand| matches!(c, C::Daftar(_)))
                .endpoint(enrol::on_command),
        )
        .branch(
            dptree::filter(|c: WorkerCommand| matches!(c, C::Tugas(_) | C::Kunjungan(_)))
                .chain(require_role(FIELD))
                .endpoint(on_field_command),
        )
        .branch(
            dptree::filter(|c: WorkerCommand| matches!(c, C::Tugaskan(_)))
                .chain(require_role(TKSK))
                .endpoint(on_field_command),
        )
        .branch(
            dptree::filter(|c: WorkerCommand| matches!(c, C::Rekap(_)))
                .chain(require_role(COORDINATORS))
                .endpoint(cycle::on_rekap),
        )
        .branch(
            dptree::filter(|c: WorkerCommand| matches!(c, C::Siaran(_)))
                .chain(require_role(COORDINATORS))
                .endpoint(on_siaran),
        )
        .branch(
            dptree::filter(|c: WorkerCommand| matches!(c, C::Siklus(_)))
                .chain(require_role(DINSOS))
                .endpoint(cycle::on_siklus),
        );
    // Messages inside a worker flow; commands (even unknown ones) are left to other branches.
    let flows = dptree::filter_map(|s: State| match s {
        State::Worker(f) => Some(f),
        _ => None,
    })
    .filter(|m: Message| !m.text().is_some_and(|t| t.starts_with('/')))
    .endpoint(on_flow_message);
    dptree::entry().branch(commands).branch(flows)
}

/// Worker button presses, each behind its roles.
pub fn callbacks() -> Handler {
    dptree::entry()
        .branch(
            dptree::case![Button::Tasks(press)]
                .chain(require_role(FIELD))
                .endpoint(tasks::on_list_press),
        )
        .branch(
            dptree::case![Button::Handout(press)]
                .chain(require_role(TKSK))
                .endpoint(tasks::on_handout_press),
        )
        .branch(
            dptree::case![Button::Visit { task, press }]
                .chain(require_role(FIELD))
                .endpoint(visit::on_press),
        )
        .branch(
            dptree::case![Button::Rekap { area, csv }]
                .chain(require_role(COORDINATORS))
                .endpoint(rekap::on_press),
        )
        .branch(
            dptree::case![Button::Broadcast(press)]
                .chain(require_role(COORDINATORS))
                .endpoint(crate::bot::broadcast::on_press),
        )
}

async fn on_siaran(
    bot: super::Tg,
    app: Arc<App>,
    caller: Caller,
    dialogue: super::Dlg,
) -> HandlerResult {
    crate::bot::broadcast::on_command(&bot, &app, &caller, &dialogue).await
}

async fn on_field_command(
    bot: super::Tg,
    app: Arc<App>,
    caller: Caller,
    cmd: WorkerCommand,
    dialogue: super::Dlg,
) -> HandlerResult {
    match cmd {
        WorkerCommand::Tugas(_) => tasks::show_list(&bot, &app, &caller, 0, None).await,
        WorkerCommand::Tugaskan(arg) => tasks::on_tugaskan(&bot, &app, &caller, arg.trim()).await,
        WorkerCommand::Kunjungan(arg) => {
            visit::on_command(&bot, &app, &caller, &dialogue, arg.trim()).await
        }
        _ => Ok(()),
    }
}

async fn on_flow_message(
    bot: super::Tg,
    app: Arc<App>,
    caller: Caller,
    msg: Message,
    flow: Flow,
    dialogue: super::Dlg,
) -> HandlerResult {
    match flow {
        Flow::AwaitCode => enrol::on_code_message(&bot, &app, &caller, &msg, &dialogue).await,
        Flow::AwaitCycleArea => cycle::on_area_message(&bot, &app, &caller, &msg, &dialogue).await,
        Flow::Visit(draft) => visit::on_message(&bot, &app, &caller, &msg, &dialogue, draft).await,
        Flow::Broadcast(draft) => {
            crate::bot::broadcast::on_message(&bot, &app, &caller, &msg, &dialogue, draft).await
        }
    }
}

/// How the caller relates to a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The task is theirs to do.
    Assignee,
    /// A TKSK whose kecamatan holds the task.
    Coordinator,
}

/// The caller's active worker record and their relation to a task; `None` when the caller may
/// not touch it. This is the server-side check behind every button naming a task.
pub async fn access(
    db: &Db,
    caller: &Caller,
    task: &Task,
) -> anyhow::Result<Option<(Worker, Access)>> {
    let Some(worker) = workers::worker_by_tg(db, caller.tg_id).await? else {
        return Ok(None);
    };
    if task.assignee == Some(worker.id) {
        return Ok(Some((worker, Access::Assignee)));
    }
    if worker.role == Role::Tksk {
        let areas = workers::areas(db, worker.id).await?;
        if areas.iter().any(|a| region::contains(a, &task.area)) {
            return Ok(Some((worker, Access::Coordinator)));
        }
    }
    Ok(None)
}

/// A region's name, or its code when unknown (or when the names cannot be read: logged).
pub async fn area_name(db: &Db, code: &str) -> String {
    names_joined(db, &[code.to_string()], |_, name| name.to_string()).await
}

/// A region as people name it ("Desa Ciptasari", "Kecamatan Karawang Barat"); see
/// [`i18n::place`](crate::i18n::place).
pub async fn place_name(db: &Db, lang: Lang, code: &str) -> String {
    place_names(db, lang, &[code.to_string()]).await
}

/// [`place_name`] of several regions (one query), joined with commas.
pub async fn place_names(db: &Db, lang: Lang, codes: &[String]) -> String {
    names_joined(db, codes, |code, name| crate::i18n::place(lang, code, name)).await
}

/// Regions' names (one query) as `shown` words them, joined with commas; a code stands for an
/// unknown one.
async fn names_joined(db: &Db, codes: &[String], shown: impl Fn(&str, &str) -> String) -> String {
    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    let names = regions::names(db, &refs).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "cannot read region names; showing codes");
        Default::default()
    });
    codes
        .iter()
        .map(|c| match names.get(c) {
            Some(name) => shown(c, name),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `28 November 2026` from a task's due date, or "no due date".
pub fn due_text(lang: Lang, task: &Task) -> String {
    task.due()
        .map(|d| date(lang, d))
        .unwrap_or_else(|| t(lang, "task-no-due"))
}

/// Answers a button press with a short toast.
pub async fn toast(bot: &super::Tg, q: &CallbackQuery, text: String) -> HandlerResult {
    bot.answer_callback_query(q.id.clone()).text(text).await?;
    Ok(())
}
