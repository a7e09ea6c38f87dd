//! The operators' subcommands of the field-workers issue: `worker invite|list|revoke`,
//! `cycle open`, `export tasks|visits`. Messages come from the locales (the machine's language).

pub mod area;
mod broadcast;
pub mod complaints;
pub mod failure;
pub mod sheet;

use crate::config::{
    Command, CycleAction, DbArgs, ExportFormat, ExportKind, SecretAction, WorkerAction,
};
use crate::domain::role::Role;
use crate::i18n::{Lang, datetime_wib, t, targs, to_wib, today_wib};
use crate::store::workers::{self, InviteError, Revocation};
use crate::store::{Db, cycles, secret, visits};
use area::Want;
use sheet::{Cell, Sheet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub async fn run(db_args: &DbArgs, cmd: Command, lang: Lang) -> anyhow::Result<ExitCode> {
    let db = Db::connect_and_migrate(&db_args.database_url).await?;
    let out = match cmd {
        Command::Worker { action } => worker(&db, db_args, action, lang).await?,
        Command::Cycle { action } => cycle(&db, action, lang).await?,
        Command::Export {
            what,
            format,
            area,
            output,
        } => export_command(&db, db_args, what, format, area, output, lang).await?,
        Command::Backup { file } => backup(&db, db_args, &file, lang).await?,
        Command::Broadcast { action } => broadcast::run(&db, db_args, action, lang).await?,
        Command::Report { what } => report(&db, what, lang).await?,
        Command::Secret {
            action: SecretAction::MoveOut { file },
        } => match secret::move_out(&db, &file).await? {
            true => {
                println!(
                    "{}",
                    targs(
                        lang,
                        "cli-secret-moved",
                        &[("file", file.display().to_string().into())]
                    )
                );
                Ok(())
            }
            false => Err(t(lang, "cli-secret-nothing-to-move")),
        },
        Command::Secret {
            action: SecretAction::Adopt,
        } => {
            let fresh = secret::adopt(&db, &db_args.key()).await?;
            println!(
                "{}",
                t(
                    lang,
                    if fresh {
                        "cli-secret-adopted"
                    } else {
                        "cli-secret-already-checked"
                    }
                )
            );
            Ok(())
        }
        _ => Ok(()),
    };
    db.pool.close().await;
    Ok(match out {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    })
}

async fn worker(
    db: &Db,
    db_args: &DbArgs,
    action: WorkerAction,
    lang: Lang,
) -> anyhow::Result<Result<(), String>> {
    match action {
        WorkerAction::Invite { role, area, name } => {
            let Some(role) = Role::parse(&role).filter(|r| r.is_worker()) else {
                return Ok(Err(t(lang, "cli-invite-bad-role")));
            };
            let want = match role {
                Role::Psm => Want::Village,
                Role::Tksk => Want::Kecamatan,
                _ => Want::Kabupaten,
            };
            let mut codes = Vec::with_capacity(area.len());
            for typed in &area {
                match area::resolve(db, lang, typed, want).await? {
                    Ok(region) => codes.push(region.code),
                    Err(why) => return Ok(Err(why)),
                }
            }
            let key = secret::load(db, &db_args.key()).await?;
            match workers::invite(db, &key, role, &codes, &name).await? {
                Ok(inv) => {
                    let until = datetime_wib(lang, inv.expires_at);
                    println!(
                        "{}",
                        targs(
                            lang,
                            "cli-invite-done",
                            &[
                                ("name", name.trim().to_string().into()),
                                ("role", role.code().into()),
                                ("areas", inv.areas.join(", ").into()),
                                ("code", inv.code.into()),
                                ("until", until.into()),
                            ],
                        )
                    );
                    Ok(Ok(()))
                }
                Err(e) => Ok(Err(match e {
                    InviteError::BadRole => t(lang, "cli-invite-bad-role"),
                    InviteError::NoName => t(lang, "cli-invite-no-name"),
                    InviteError::UnknownArea(a) => {
                        targs(lang, "cli-invite-unknown-area", &[("area", a.into())])
                    }
                    InviteError::WrongAreas { role, what } => targs(
                        lang,
                        "cli-invite-wrong-areas",
                        &[("role", role.into()), ("what", what.into())],
                    ),
                })),
            }
        }
        WorkerAction::List => {
            let list = workers::list(db).await?;
            if list.is_empty() {
                println!("{}", t(lang, "cli-list-empty"));
                return Ok(Ok(()));
            }
            println!("{}", t(lang, "cli-list-header"));
            for l in list {
                let status = match (l.worker.active, l.worker.tg_id) {
                    (0, _) => t(lang, "cli-list-revoked"),
                    (_, Some(_)) => t(lang, "cli-list-enrolled"),
                    (_, None) => t(lang, "cli-list-pending"),
                };
                println!(
                    "{} | {} | {} | {} | {} | {}",
                    l.worker.id,
                    l.worker.role.code(),
                    l.worker.name,
                    l.areas.join(", "),
                    status,
                    l.open_tasks
                );
            }
            Ok(Ok(()))
        }
        WorkerAction::Revoke { id } => Ok(match workers::revoke(db, id).await? {
            Revocation::Revoked { returned } => {
                println!(
                    "{}",
                    targs(
                        lang,
                        "cli-revoke-done",
                        &[("id", id.into()), ("returned", returned.into())]
                    )
                );
                Ok(())
            }
            Revocation::NotFound => Err(targs(lang, "cli-revoke-not-found", &[("id", id.into())])),
            Revocation::AlreadyRevoked => {
                Err(targs(lang, "cli-revoke-already", &[("id", id.into())]))
            }
        }),
    }
}

/// `kesos-bot backup FILE`: an online copy of a SQLite database (and its key file beside it, as
/// `FILE.secret`, when the key lives there); restoring is copying both back.
async fn backup(
    db: &Db,
    db_args: &DbArgs,
    file: &std::path::Path,
    lang: Lang,
) -> anyhow::Result<Result<(), String>> {
    if db.backend != crate::store::Backend::Sqlite {
        return Ok(Err(t(lang, "cli-backup-postgres")));
    }
    let name = file.display().to_string();
    let key_file = secret::beside(file);
    if file.exists() || key_file.exists() {
        return Ok(Err(targs(
            lang,
            "cli-backup-exists",
            &[("file", name.into())],
        )));
    }
    // The key must be the database's own before it is copied beside the backup.
    let cfg = db_args.key();
    let key = secret::load(db, &cfg).await?;
    // The copy holds personal data (proposals' names and addresses): owner-only, like the
    // database's key. SQLite writes into an empty file that already exists.
    if let Err(e) = secret::write_private(file, "") {
        return Ok(Err(cannot_write(lang, file, &e)));
    }
    crate::store::backup_sqlite(db, file).await?;
    let key_line = if cfg.value.is_none() && cfg.file.is_none() {
        let key = String::from_utf8(key).expect("a key read from a file is text");
        if let Err(e) = secret::write_private(&key_file, &key) {
            return Ok(Err(cannot_write(lang, &key_file, &e)));
        }
        targs(
            lang,
            "cli-backup-key-copied",
            &[("file", key_file.display().to_string().into())],
        )
    } else {
        t(lang, "cli-backup-key-elsewhere")
    };
    println!(
        "{}\n{key_line}",
        targs(lang, "cli-backup-done", &[("file", name.into())])
    );
    Ok(Ok(()))
}

async fn cycle(db: &Db, action: CycleAction, lang: Lang) -> anyhow::Result<Result<(), String>> {
    let CycleAction::Open { area, period } = action;
    let period = match period {
        Some(p) => match crate::domain::cycle::parse_period(&p) {
            Some((p, _)) => p,
            None => {
                return Ok(Err(targs(
                    lang,
                    "cycle-bad-period",
                    &[("period", p.into())],
                )));
            }
        },
        None => crate::domain::cycle::period_of(today_wib()),
    };
    let region = match area::resolve(db, lang, &area, Want::Cycle).await? {
        Ok(region) => region,
        Err(why) => return Ok(Err(why)),
    };
    let Some(opened) = cycles::open(db, &region.code, &period, None).await? else {
        return Ok(Err(targs(
            lang,
            "cycle-bad-period",
            &[("period", period.into())],
        )));
    };
    let body = crate::bot::worker::cycle::opened_text(
        lang,
        &crate::i18n::place(lang, &region.code, &region.name),
        &opened,
    );
    println!("{body}");
    Ok(Ok(()))
}

/// `report realisasi`: the table (or CSV) to stdout or `--output`.
async fn report(
    db: &Db,
    what: crate::config::ReportKind,
    lang: Lang,
) -> anyhow::Result<Result<(), String>> {
    let crate::config::ReportKind::Realisasi {
        period,
        area,
        program,
        format,
        output,
    } = what;
    let Some(range) = crate::domain::period::parse_range(&period) else {
        return Ok(Err(targs(
            lang,
            "cli-report-bad-period",
            &[("period", period.into())],
        )));
    };
    let programs = crate::import::program_codes(db).await;
    let Some(p) = crate::import::kpm::program_index(&programs, &program) else {
        return Ok(Err(targs(
            lang,
            "import-reason-unknown-program",
            &[("value", program.into())],
        )));
    };
    let program = programs[p as usize].clone();
    let (area_code, area_name) = match area {
        None => (None, t(lang, "report-everywhere")),
        Some(typed) => match area::resolve(db, lang, &typed, Want::Any).await? {
            Ok(r) => (Some(r.code), r.name),
            Err(why) => return Ok(Err(why)),
        },
    };
    let r = crate::report::realisasi(db, &program, range, area_code.as_deref()).await?;
    if format == "png" {
        let Some(path) = output else {
            return Ok(Err(t(lang, "cli-report-png-needs-output")));
        };
        if let Err(e) = std::fs::write(&path, crate::report::chart::bars(lang, &r, &area_name)?) {
            return Ok(Err(cannot_write(lang, &path, &e)));
        }
        let mut files = vec![path.display().to_string()];
        if r.series.len() > 1 {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let monthly = path.with_file_name(format!("{stem}-bulanan.png"));
            if let Err(e) =
                std::fs::write(&monthly, crate::report::chart::line(lang, &r, &area_name)?)
            {
                return Ok(Err(cannot_write(lang, &monthly, &e)));
            }
            files.push(monthly.display().to_string());
        }
        println!(
            "{}",
            targs(
                lang,
                "cli-report-png-written",
                &[("files", files.join(", ").into())]
            )
        );
        return Ok(Ok(()));
    }
    let mut out: Box<dyn Write> = match &output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => return Ok(Err(cannot_write(lang, path, &e))),
        },
        None => Box::new(std::io::stdout().lock()),
    };
    match format.as_str() {
        "csv" => crate::report::csv(&r, &mut out)?,
        _ => writeln!(out, "{}", crate::report::table(lang, &r, &area_name))?,
    }
    out.flush()?;
    Ok(Ok(()))
}

/// `kesos-bot export WHAT [--format csv|excel] [--area AREA] [--output FILE]`.
async fn export_command(
    db: &Db,
    db_args: &DbArgs,
    what: ExportKind,
    format: ExportFormat,
    area: Option<String>,
    output: Option<PathBuf>,
    lang: Lang,
) -> anyhow::Result<Result<(), String>> {
    let area = match area {
        None => None,
        Some(typed) => match area::resolve(db, lang, &typed, Want::Any).await? {
            Ok(region) => Some(region.code),
            Err(why) => return Ok(Err(why)),
        },
    };
    let opts = ExportOptions { format, area };
    let write = async |out: &mut dyn Write| -> anyhow::Result<()> {
        match what {
            ExportKind::Complaints => {
                let key = secret::load(db, &db_args.key()).await?;
                let seal = crate::store::seal::Seal::from_secret(&key);
                complaints::export_with(db, &seal, db_args.deadlines(), &opts, &mut *out).await?
            }
            other => export_with(db, other, &opts, &mut *out).await?,
        }
        out.flush()?;
        Ok(())
    };
    let Some(path) = output else {
        write(&mut std::io::stdout().lock()).await?;
        return Ok(Ok(()));
    };
    let file = match std::fs::File::create(&path) {
        Ok(f) => f,
        Err(e) => return Ok(Err(cannot_write(lang, &path, &e))),
    };
    match write(&mut std::io::BufWriter::new(file)).await {
        Ok(()) => Ok(Ok(())),
        Err(e) => {
            // A half-written export must not be taken for a whole one.
            let _ = std::fs::remove_file(&path);
            match e.downcast_ref::<std::io::Error>() {
                Some(io) => Ok(Err(cannot_write(lang, &path, io))),
                None => Err(e),
            }
        }
    }
}

/// The one line for a file that cannot be written: "Cannot write /path: No such file or
/// directory" (the path once, the system's reason without its error number).
fn cannot_write(lang: Lang, path: &Path, e: &std::io::Error) -> String {
    targs(
        lang,
        "cli-cannot-write",
        &[
            ("file", path.display().to_string().into()),
            ("reason", crate::store::open_error::os_reason(e).into()),
        ],
    )
}

/// What an export is limited to and how it is written.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// Only rows inside this area (a Kemendagri code, resolved by the caller).
    pub area: Option<String>,
}

impl ExportOptions {
    /// Whether a row of this area belongs in the export.
    pub fn includes(&self, code: &str) -> bool {
        self.area
            .as_deref()
            .is_none_or(|area| crate::domain::region::contains(area, code))
    }
}

/// Writes an export as CSV for tools (UTF-8, comma-separated, header first); times are
/// ISO 8601 in WIB.
pub async fn export(db: &Db, what: ExportKind, out: impl Write) -> anyhow::Result<()> {
    export_with(db, what, &ExportOptions::default(), out).await
}

/// Writes an export in the format and for the area asked (see [`sheet`]).
pub async fn export_with(
    db: &Db,
    what: ExportKind,
    opts: &ExportOptions,
    out: impl Write,
) -> anyhow::Result<()> {
    let mut w = Sheet::new(out, opts.format)?;
    // The columns that let a person find the house of a task, after the ones tools know.
    const PLACE: [&str; 6] = ["area_name", "name", "no_kk_masked", "address", "rt", "rw"];
    let place = |area_name: Option<String>, w: Option<&visits::Whereabouts>| -> [Cell; 6] {
        let w = w.cloned().unwrap_or_default();
        [
            area_name.into(),
            w.name.into(),
            w.kk_masked.into(),
            w.address.into(),
            w.rt.into(),
            w.rw.into(),
        ]
    };
    match what {
        ExportKind::Tasks => {
            w.header(
                &[
                    &[
                        "task",
                        "kind",
                        "area",
                        "subject",
                        "assignee",
                        "assignee_name",
                        "status",
                        "due",
                        "cycle",
                    ][..],
                    &PLACE,
                ]
                .concat(),
            )?;
            let places = visits::whereabouts(db).await?;
            for r in visits::all_tasks(db).await? {
                if !opts.includes(&r.area) {
                    continue;
                }
                let found = place(r.area_name, places.get(&r.id));
                w.row(
                    [
                        r.id.to_string().into(),
                        r.kind.into(),
                        Cell::Code(r.area),
                        r.subject.into(),
                        r.assignee.map(|a| a.to_string()).into(),
                        r.assignee_name.into(),
                        r.status.into(),
                        r.due_date.into(),
                        Cell::Code(r.cycle),
                    ]
                    .into_iter()
                    .chain(found),
                )?;
            }
        }
        ExportKind::Complaints => {
            anyhow::bail!("complaints are exported by cli::complaints::export")
        }
        ExportKind::Kpm => {
            w.header(&[
                "household",
                "no_kk_masked",
                "nik_masked",
                "nama",
                "kelurahan_code",
                "kelurahan",
                "programs",
                "programs_active",
                "status_kks",
                "last_received",
            ])?;
            for r in crate::store::reports::kpm_rows(db).await? {
                if !opts.includes(&r.area) {
                    continue;
                }
                w.row([
                    r.household.to_string().into(),
                    r.kk_masked.into(),
                    r.nik_masked.into(),
                    r.name.into(),
                    Cell::Code(r.area),
                    r.area_name.into(),
                    r.programs.join("|").into(),
                    r.active.join("|").into(),
                    r.kks.into(),
                    Cell::Code(r.last_received.unwrap_or_default()),
                ])?;
            }
        }
        ExportKind::Visits => {
            w.header(
                &[
                    &[
                        "task",
                        "kind",
                        "area",
                        "subject",
                        "worker",
                        "worker_name",
                        "visited_at_wib",
                        "latitude",
                        "longitude",
                        "location_skip_reason",
                        "result",
                        "notes",
                        "photo_file_id",
                    ][..],
                    &PLACE,
                ]
                .concat(),
            )?;
            let places = visits::whereabouts(db).await?;
            for r in visits::all(db).await? {
                if !opts.includes(&r.area) {
                    continue;
                }
                let found = place(r.area_name, places.get(&r.task_id));
                w.row(
                    [
                        r.task_id.to_string().into(),
                        r.kind.into(),
                        Cell::Code(r.area),
                        r.subject.into(),
                        r.worker_id.to_string().into(),
                        r.worker.into(),
                        to_wib(r.at).to_rfc3339().into(),
                        Cell::Decimal(r.lat, 6),
                        Cell::Decimal(r.lon, 6),
                        r.location_skip.into(),
                        r.result.into(),
                        r.notes.into(),
                        r.photo.into(),
                    ]
                    .into_iter()
                    .chain(found),
                )?;
            }
        }
    }
    w.finish()?;
    Ok(())
}
