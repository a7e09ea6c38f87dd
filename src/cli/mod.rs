//! The operators' subcommands of the field-workers issue: `worker invite|list|revoke`,
//! `cycle open`, `export tasks|visits`. Messages come from the locales (the machine's language).

pub mod area;
mod broadcast;
pub mod complaints;
pub mod failure;

use crate::config::{Command, CycleAction, DbArgs, ExportKind, SecretAction, WorkerAction};
use crate::domain::role::Role;
use crate::i18n::{Lang, datetime_wib, t, targs, to_wib, today_wib};
use crate::store::workers::{self, InviteError, Revocation};
use crate::store::{Db, cycles, secret, visits};
use area::Want;
use std::io::Write;
use std::process::ExitCode;

pub async fn run(db_args: &DbArgs, cmd: Command, lang: Lang) -> anyhow::Result<ExitCode> {
    let db = Db::connect_and_migrate(&db_args.database_url).await?;
    let out = match cmd {
        Command::Worker { action } => worker(&db, db_args, action, lang).await?,
        Command::Cycle { action } => cycle(&db, action, lang).await?,
        Command::Export { what, .. } => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            match what {
                ExportKind::Complaints => {
                    let key = secret::load(&db, &db_args.key()).await?;
                    let seal = crate::store::seal::Seal::from_secret(&key);
                    complaints::export(&db, &seal, db_args.deadlines(), &mut lock).await?
                }
                other => export(&db, other, &mut lock).await?,
            }
            lock.flush()?;
            Ok(())
        }
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
    secret::write_private(file, "")?;
    crate::store::backup_sqlite(db, file).await?;
    let key_line = if cfg.value.is_none() && cfg.file.is_none() {
        let key = String::from_utf8(key).expect("a key read from a file is text");
        secret::write_private(&key_file, &key)?;
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
    let body = crate::bot::worker::cycle::opened_text(lang, &region.name, &opened);
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
        std::fs::write(&path, crate::report::chart::bars(lang, &r, &area_name)?)?;
        let mut files = vec![path.display().to_string()];
        if r.series.len() > 1 {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let monthly = path.with_file_name(format!("{stem}-bulanan.png"));
            std::fs::write(&monthly, crate::report::chart::line(lang, &r, &area_name)?)?;
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
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::stdout().lock()),
    };
    match format.as_str() {
        "csv" => crate::report::csv(&r, &mut out)?,
        _ => writeln!(out, "{}", crate::report::table(lang, &r, &area_name))?,
    }
    out.flush()?;
    Ok(Ok(()))
}

/// Writes an export as CSV (UTF-8, comma-separated, header first); times are ISO 8601 in WIB.
pub async fn export(db: &Db, what: ExportKind, out: impl Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    match what {
        ExportKind::Tasks => {
            w.write_record([
                "task",
                "kind",
                "area",
                "subject",
                "assignee",
                "assignee_name",
                "status",
                "due",
                "cycle",
            ])?;
            for r in visits::all_tasks(db).await? {
                w.write_record([
                    r.id.to_string(),
                    r.kind,
                    r.area,
                    r.subject,
                    r.assignee.map(|a| a.to_string()).unwrap_or_default(),
                    r.assignee_name.unwrap_or_default(),
                    r.status,
                    r.due_date.unwrap_or_default(),
                    r.cycle,
                ])?;
            }
        }
        ExportKind::Complaints => {
            anyhow::bail!("complaints are exported by cli::complaints::export")
        }
        ExportKind::Kpm => {
            w.write_record([
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
                w.write_record([
                    r.household.to_string(),
                    r.kk_masked,
                    r.nik_masked,
                    r.name,
                    r.area,
                    r.area_name,
                    r.programs.join("|"),
                    r.active.join("|"),
                    r.kks.unwrap_or_default(),
                    r.last_received.unwrap_or_default(),
                ])?;
            }
        }
        ExportKind::Visits => {
            w.write_record([
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
            ])?;
            for r in visits::all(db).await? {
                w.write_record([
                    r.task_id.to_string(),
                    r.kind,
                    r.area,
                    r.subject,
                    r.worker_id.to_string(),
                    r.worker,
                    to_wib(r.at).to_rfc3339(),
                    r.lat.map(|v| format!("{v:.6}")).unwrap_or_default(),
                    r.lon.map(|v| format!("{v:.6}")).unwrap_or_default(),
                    r.location_skip.unwrap_or_default(),
                    r.result,
                    r.notes.unwrap_or_default(),
                    r.photo.unwrap_or_default(),
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
