//! Command line and configuration: every setting comes from a flag, the environment or a `.env`
//! file, under the names fixed in docs/product-rules.md.

use crate::import::help;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// kesos-bot: the Telegram bot of Dinas Sosial for social assistance (bansos).
#[derive(Debug, Parser)]
#[command(name = "kesos-bot", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Database: `sqlite://FILE` (created if missing) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://kesos.db",
        global = true
    )]
    pub database_url: String,
    /// Key for the keyed hashes of NIK and invite codes and for encrypting what users typed.
    /// On SQLite, when unset, kept in a file beside the database (made for a new database).
    #[arg(long, env = "KESOS_SECRET", hide_env_values = true, global = true)]
    pub secret: Option<String>,
    /// A file holding the key (instead of KESOS_SECRET).
    #[arg(long, env = "KESOS_SECRET_FILE", global = true)]
    pub secret_file: Option<PathBuf>,
    /// Working days for the first response to a complaint.
    #[arg(
        long,
        env = "KESOS_COMPLAINT_RESPONSE_DAYS",
        default_value_t = 3,
        global = true
    )]
    pub complaint_response_days: u32,
    /// Working days for the resolution of a complaint.
    #[arg(
        long,
        env = "KESOS_COMPLAINT_RESOLVE_DAYS",
        default_value_t = 10,
        global = true
    )]
    pub complaint_resolve_days: u32,
}

impl DbArgs {
    /// Where the operator said the key is.
    pub fn key(&self) -> crate::store::secret::KeyConfig {
        crate::store::secret::KeyConfig {
            value: self.secret.clone(),
            file: self.secret_file.clone(),
        }
    }

    /// The complaint deadlines the operator set.
    pub fn deadlines(&self) -> crate::store::complaints::Deadlines {
        crate::store::complaints::Deadlines {
            response_days: self.complaint_response_days,
            resolve_days: self.complaint_resolve_days,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (applies migrations first).
    Run(RunArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Load a CSV file.
    Import {
        #[command(subcommand)]
        what: ImportKind,
    },
    /// Field workers: invite (prints a one-time code), list, revoke.
    Worker {
        #[command(subcommand)]
        action: WorkerAction,
    },
    /// Two-monthly re-verification cycles.
    Cycle {
        #[command(subcommand)]
        action: CycleAction,
    },
    /// Write an export to stdout (or --output): CSV for tools, or a file Excel opens directly.
    Export {
        what: ExportKind,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Only what lies in this area: a Kemendagri code or a name ("Kec. Klari",
        /// "Desa Ciptasari", "Karawang").
        #[arg(long)]
        area: Option<String>,
        /// Write to this file instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Copy the database to FILE while the bot runs (SQLite; for PostgreSQL use pg_dump). The
    /// key file goes beside it as FILE.secret when the key lives beside the database.
    Backup { file: PathBuf },
    /// Reports: `report realisasi --period YYYY-MM..YYYY-MM`.
    Report {
        #[command(subcommand)]
        what: ReportKind,
    },
    /// Broadcasts (siaran): send one to workers or residents, list them, see one's counts.
    Broadcast {
        #[command(subcommand)]
        action: BroadcastAction,
    },
    /// The secret key: `move-out FILE` takes a key that earlier versions kept in the database
    /// out of it, into FILE.
    Secret {
        #[command(subcommand)]
        action: SecretAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum BroadcastAction {
    /// Queue a broadcast; the running bot sends it (now, or at --at).
    Send {
        /// psm, tksk, kecamatan:CODE (its PSM and TKSK) or kelurahan:CODE (its residents who
        /// have used the bot and not opted out).
        #[arg(long)]
        audience: String,
        /// The text, UTF-8, at most 4,096 characters.
        #[arg(long)]
        text_file: PathBuf,
        /// A photo to send with it (at most 10 MB).
        #[arg(long, conflicts_with = "document")]
        photo: Option<PathBuf>,
        /// A document to send with it (at most 50 MB).
        #[arg(long)]
        document: Option<PathBuf>,
        /// When to send it, in WIB: "YYYY-MM-DD HH:MM" (default: now).
        #[arg(long)]
        at: Option<String>,
    },
    /// The latest broadcasts with their counts.
    List,
    /// One broadcast's counts: queued, sent, failed, blocked, read.
    Status { id: i64 },
    /// Stop a broadcast: what has not been sent yet is not sent.
    Cancel { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum SecretAction {
    /// Write the key kept in table meta to a new owner-only FILE, then remove it from the
    /// database; give KESOS_SECRET_FILE=FILE from then on.
    MoveOut { file: PathBuf },
    /// For a database from an earlier version that has data but no check value of its key:
    /// record the key given (KESOS_SECRET or KESOS_SECRET_FILE) as its key. Be sure it is.
    Adopt,
}

#[derive(Debug, Subcommand)]
pub enum WorkerAction {
    /// Create a worker and print their one-time invite code (valid 72 hours).
    Invite {
        /// psm, tksk or dinsos.
        #[arg(long)]
        role: String,
        /// Kemendagri code or name: one or more kelurahan (PSM, repeat the flag), one kecamatan
        /// (TKSK), the kabupaten (dinsos).
        #[arg(long, required = true)]
        area: Vec<String>,
        /// The worker's name, as colleagues know them.
        #[arg(long)]
        name: String,
    },
    /// Workers, their areas and status.
    List,
    /// End a worker's access now; their open tasks go back to their TKSK.
    Revoke { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum CycleAction {
    /// Open a cycle for a kelurahan or kecamatan: one task per active KPM household.
    Open {
        /// Kemendagri code or name of a kelurahan or kecamatan.
        #[arg(long)]
        area: String,
        /// Any month of the two-month cycle, YYYY-MM (default: the current one, WIB).
        #[arg(long)]
        period: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    /// ticket, category, kelurahan, status, deadlines (WIB), handler, escalated, resolution;
    /// nothing about the reporter
    Complaints,
    /// task, kind, area, subject, assignee, status, due, cycle, and the household as a person
    /// finds it: desa/kelurahan, name (the proposer, or the household's members), masked
    /// No. KK, address, RT/RW
    Tasks,
    /// one row per KPM member: household, masked No. KK and NIK, name, desa/kelurahan,
    /// programs (and which are active), KKS status, last month received; never a full number
    Kpm,
    /// visit time (WIB), latitude, longitude, result, notes, photo file id, and the household
    /// visited as for tasks
    Visits,
}

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ExportFormat {
    /// UTF-8, comma-separated, LF line ends: for tools and scripts
    #[default]
    Csv,
    /// what Excel on an Indonesian PC opens with its columns split: UTF-8 with BOM,
    /// semicolon-separated, CRLF, decimal comma, codes and text kept as text
    Excel,
}

/// Each import's help ends with its columns, the other names they are known by and the values
/// understood (`import::help`, in the operator's language).
#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// Regions: columns `kode`, `nama` (Kemendagri codes).
    #[command(after_help = help::text(help::Kind::Wilayah))]
    Wilayah { file: PathBuf },
    /// KPM households: `nik`, `nama`, `no_kk`, `kelurahan`, `program` (+ optional columns).
    #[command(after_help = help::text(help::Kind::Kpm))]
    Kpm { file: PathBuf },
    /// Public holidays for complaint deadlines: `tanggal` (YYYY-MM-DD), `keterangan`.
    #[command(after_help = help::text(help::Kind::Libur))]
    Libur { file: PathBuf },
    /// Official quotas: `kelurahan` (or a kecamatan: its official total), `program`,
    /// `periode` (YYYY or YYYY-MM), `kuota`.
    #[command(after_help = help::text(help::Kind::Kuota))]
    Kuota { file: PathBuf },
    /// Distributions: `nik` or `no_kk`, `program`, `periode` (YYYY-MM), `diterima` (ya/tidak).
    #[command(after_help = help::text(help::Kind::Penyaluran))]
    Penyaluran { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// Kuota against realisasi per desa/kelurahan, with totals, and the monthly series.
    Realisasi {
        /// YYYY-MM..YYYY-MM (or one month YYYY-MM, or a year YYYY).
        #[arg(long)]
        period: String,
        /// Kemendagri code or name of a kecamatan, desa/kelurahan (default: everywhere).
        #[arg(long)]
        area: Option<String>,
        /// The program (SEMBAKO/BPNT, PKH, PBI).
        #[arg(long, default_value = "SEMBAKO")]
        program: String,
        /// table, csv, or png (the bar chart to --output, and the monthly line chart beside
        /// it as NAME-bulanan.png when the period has several months).
        #[arg(long, default_value = "table", value_parser = ["table", "csv", "png"])]
        format: String,
        /// Write to this file instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Bot token from @BotFather.
    #[arg(long, env = "TELOXIDE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Bot API base URL (a self-hosted Bot API server or a local stand-in).
    #[arg(
        long,
        env = "TELOXIDE_API_URL",
        default_value = "https://api.telegram.org"
    )]
    pub api_url: String,
    /// Outgoing messages per second, all chats together.
    #[arg(long, env = "KESOS_SEND_RATE", default_value_t = 30)]
    pub send_rate: u32,
    /// Outgoing messages per second into one chat.
    #[arg(long, env = "KESOS_CHAT_RATE", default_value_t = 1)]
    pub chat_rate: u32,
    /// Long-polling timeout in seconds for getUpdates.
    #[arg(long, env = "KESOS_POLL_TIMEOUT", default_value_t = 25)]
    pub poll_timeout: u32,
    /// `/cek` look-ups allowed per user within the window.
    #[arg(long, env = "KESOS_CEK_LIMIT", default_value_t = 5)]
    pub cek_limit: u32,
    /// The window of the `/cek` limit, in minutes.
    #[arg(long, env = "KESOS_CEK_WINDOW_MINUTES", default_value_t = 10)]
    pub cek_window_minutes: u32,
    /// Hour (WIB, 0–23) of the workers' daily task reminder.
    #[arg(long, env = "KESOS_REMINDER_HOUR", default_value_t = 7, value_parser = clap::value_parser!(u32).range(0..24))]
    pub reminder_hour: u32,
}

/// Everything the running bot needs, checked.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub key: crate::store::secret::KeyConfig,
    pub token: String,
    pub api_url: url::Url,
    pub send_rate: u32,
    pub chat_rate: u32,
    pub poll_timeout: u32,
    pub cek_limit: u32,
    pub cek_window_minutes: u32,
    pub reminder_hour: u32,
    pub deadlines: crate::store::complaints::Deadlines,
}

/// A configuration mistake, worded for the operator who has to fix it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "TELOXIDE_TOKEN is not set: put the bot token from @BotFather (https://t.me/BotFather) in the environment, in .env, or pass --token"
    )]
    MissingToken,
    #[error("TELOXIDE_API_URL is not a valid URL ({0}): use e.g. https://api.telegram.org")]
    BadApiUrl(String),
    #[error(transparent)]
    BadDatabaseUrl(#[from] crate::store::BadDatabaseUrl),
    #[error("KESOS_SEND_RATE and KESOS_CHAT_RATE must be at least 1")]
    BadRate,
    #[error("KESOS_CEK_LIMIT and KESOS_CEK_WINDOW_MINUTES must be at least 1")]
    BadCekLimit,
}

impl Settings {
    pub fn from_args(db: &DbArgs, run: &RunArgs) -> Result<Self, ConfigError> {
        let token = run
            .token
            .clone()
            .filter(|t| !t.trim().is_empty())
            .ok_or(ConfigError::MissingToken)?;
        // teloxide appends `/bot{token}/…` itself; a trailing slash would give `//`.
        let trimmed = run.api_url.trim().trim_end_matches('/');
        let api_url =
            url::Url::parse(trimmed).map_err(|e| ConfigError::BadApiUrl(e.to_string()))?;
        crate::store::Backend::of_url(&db.database_url)?;
        if run.send_rate == 0 || run.chat_rate == 0 {
            return Err(ConfigError::BadRate);
        }
        if run.cek_limit == 0 || run.cek_window_minutes == 0 {
            return Err(ConfigError::BadCekLimit);
        }
        Ok(Settings {
            database_url: db.database_url.clone(),
            key: db.key(),
            token,
            api_url,
            send_rate: run.send_rate,
            chat_rate: run.chat_rate,
            poll_timeout: run.poll_timeout,
            cek_limit: run.cek_limit,
            cek_window_minutes: run.cek_window_minutes,
            reminder_hour: run.reminder_hour,
            deadlines: db.deadlines(),
        })
    }
}
