//! The `kesos-bot` command line: see `kesos_bot::config` for the options.

use clap::Parser;
use kesos_bot::config::{Cli, Command, ImportKind, Settings};
use kesos_bot::i18n::operator_language;
use kesos_bot::store::Db;
use std::process::ExitCode;

fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    // A one-shot command reports what went wrong itself, in one line: sqlx's own lines (an
    // import's one large commit is a "slow statement" by design, a failed connection attempt
    // an ERROR) would only alarm the operator. The running bot keeps its warnings in the log.
    let default_filter = match cli.command {
        Command::Run(_) => "info,teloxide=warn,sqlx=warn",
        _ => "info,teloxide=warn,sqlx=off",
    };
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| default_filter.into()),
        )
        .with_writer(std::io::stderr)
        // Colours for a terminal only: a log file or a journal gets plain text.
        .with_ansi(std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
        .init();
    // `kesos-bot export … | head`: a one-shot command whose reader went away ends there, quietly,
    // as other command-line tools do (Rust ignores SIGPIPE, so a print would panic). Not the
    // bot: its log pipe closing must not stop it.
    #[cfg(unix)]
    if !matches!(cli.command, Command::Run(_)) {
        // SAFETY: restoring the default disposition of one signal before any thread starts.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let lang = operator_language();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(cli)) {
        Ok(code) => code,
        // Where SIGPIPE cannot be restored: a closed stdout still ends quietly.
        Err(e) if kesos_bot::cli::failure::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", kesos_bot::cli::failure::explain(lang, &e));
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(run) => {
            let settings = Settings::from_args(&cli.db, &run)?;
            kesos_bot::runtime::run(settings, shutdown_signal()).await?;
        }
        Command::Migrate => {
            Db::connect_and_migrate(&cli.db.database_url).await?;
            println!("migrations applied");
        }
        Command::Import { what } => {
            let lang = operator_language();
            let db = Db::connect_and_migrate(&cli.db.database_url).await?;
            let report = match what {
                ImportKind::Wilayah { file } => {
                    kesos_bot::import::wilayah::import(&db, &file, lang).await?
                }
                ImportKind::Kuota { file } => {
                    kesos_bot::import::kuota::import(&db, &file, lang).await?
                }
                ImportKind::Penyaluran { file } => {
                    let secret = kesos_bot::store::secret::load(&db, &cli.db.key()).await?;
                    kesos_bot::import::penyaluran::import(&db, &file, &secret, lang).await?
                }
                ImportKind::Libur { file } => {
                    kesos_bot::import::libur::import(&db, &file, lang).await?
                }
                ImportKind::Kpm { file } => {
                    let secret = kesos_bot::store::secret::load(&db, &cli.db.key()).await?;
                    kesos_bot::import::kpm::import(&db, &file, &secret, lang).await?
                }
            };
            println!("{}", report.render(lang));
        }
        cmd @ (Command::Worker { .. }
        | Command::Cycle { .. }
        | Command::Export { .. }
        | Command::Backup { .. }
        | Command::Broadcast { .. }
        | Command::Report { .. }
        | Command::Secret { .. }) => {
            return kesos_bot::cli::run(&cli.db, cmd, operator_language()).await;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Completes on SIGINT (Ctrl+C) or SIGTERM (systemd, containers).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
