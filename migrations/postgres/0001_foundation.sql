-- Foundation schema. Integers are BIGINT (i64) and times are Unix seconds (UTC) so that the
-- same queries and Rust types serve SQLite and PostgreSQL through sqlx's Any driver.

-- Everyone who has written to the bot. No names are stored: the greeting uses the name
-- Telegram sends with each update.
CREATE TABLE users (
    tg_id       BIGINT PRIMARY KEY,
    chat_id     BIGINT NOT NULL,
    language    TEXT,                          -- 'id', 'en'; NULL until known
    role        TEXT NOT NULL DEFAULT 'warga', -- warga | psm | tksk | dinsos
    area        TEXT,                          -- wilayah code the role covers
    blocked     BIGINT NOT NULL DEFAULT 0,    -- 1 when Telegram says the user blocked the bot
    first_seen  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL
);

-- Regions by Kemendagri code: 32 (province), 32.15 (kabupaten), 32.15.01 (kecamatan),
-- 32.15.01.1001 (kelurahan, 1xxx) or .2001 (desa, 2xxx).
CREATE TABLE wilayah (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,                 -- provinsi | kabupaten | kecamatan | kelurahan | desa
    parent_code TEXT REFERENCES wilayah(code)
);
CREATE INDEX wilayah_parent ON wilayah(parent_code);

INSERT INTO wilayah (code, name, level, parent_code) VALUES
 ('32', 'Jawa Barat', 'provinsi', NULL),
 ('32.15', 'Kabupaten Karawang', 'kabupaten', '32'),
 ('32.15.01', 'Karawang Barat', 'kecamatan', '32.15'),
 ('32.15.01.1001', 'Karawang Kulon', 'kelurahan', '32.15.01'),
 ('32.15.01.1003', 'Adiarsa Barat', 'kelurahan', '32.15.01'),
 ('32.15.01.1005', 'Tanjungpura', 'kelurahan', '32.15.01'),
 ('32.15.01.1006', 'Tanjungmekar', 'kelurahan', '32.15.01'),
 ('32.15.01.1007', 'Tunggakjati', 'kelurahan', '32.15.01'),
 ('32.15.01.1010', 'Karangpawitan', 'kelurahan', '32.15.01'),
 ('32.15.01.1011', 'Nagasari', 'kelurahan', '32.15.01'),
 ('32.15.01.1012', 'Mekarjati', 'kelurahan', '32.15.01');

-- teloxide dialogue state per chat, as JSON.
CREATE TABLE dialogues (
    chat_id     BIGINT PRIMARY KEY,
    state       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Durable inbox: every update is written here before Telegram is told it arrived; done_at is set
-- once the handler finished. The primary key makes a second delivery a no-op.
CREATE TABLE inbox (
    update_id   BIGINT PRIMARY KEY,
    payload     TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    done_at     BIGINT
);
CREATE INDEX inbox_pending ON inbox(done_at, update_id);

-- Who did what, for Dinas Sosial. Never holds a NIK or a name.
CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor       BIGINT,                       -- Telegram id, NULL for the command line
    action      TEXT NOT NULL,
    subject     TEXT,
    detail      TEXT
);

-- Key/value facts about this installation (e.g. the generated secret on PostgreSQL).
CREATE TABLE meta (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);

-- Tasks for field workers: one model serves proposal verification, KPM re-verification,
-- complaint follow-up and surveys. kind: verify_proposal | reverify_kpm | complaint | survey.
-- status: new | assigned | in_progress | done | cancelled.
CREATE TABLE tasks (
    id          BIGSERIAL PRIMARY KEY,
    kind        TEXT NOT NULL,
    area        TEXT NOT NULL REFERENCES wilayah(code),
    subject     TEXT NOT NULL,                 -- e.g. 'USL-…', 'ADU-…', a household id
    assignee    BIGINT,                       -- workers.id, NULL when unassigned
    due_date    TEXT,                          -- YYYY-MM-DD (WIB)
    status      TEXT NOT NULL DEFAULT 'new',
    cycle       TEXT NOT NULL DEFAULT '',           -- re-verification cycle key, '' otherwise
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX tasks_assignee ON tasks(assignee, status, due_date);
CREATE INDEX tasks_area ON tasks(area, status);
CREATE UNIQUE INDEX tasks_kind_subject_cycle ON tasks(kind, subject, cycle);

-- Durable outgoing notices (task assigned, status changed, reminders, broadcasts): written in the
-- same transaction as the change they announce, sent by the outbox worker through the paced
-- queue, and kept until sent. dedupe_key makes "send once" notices (a daily reminder) idempotent.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    chat_id     BIGINT NOT NULL,
    body        TEXT NOT NULL,
    markup      TEXT,                          -- inline keyboard as JSON, if any
    dedupe_key  TEXT UNIQUE,
    created_at  BIGINT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    next_try_at BIGINT NOT NULL,
    sent_at     BIGINT,
    outcome     TEXT                           -- sent | unreachable | failed
);
CREATE INDEX outbox_due ON outbox(sent_at, next_try_at);
