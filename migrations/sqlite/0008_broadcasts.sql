-- Broadcasts (issue 11): a notice to many (siaran sosialisasi), written with one outbox row per
-- recipient in one transaction before anything is sent.
--
-- audience: 'tksk' | 'psm' (optionally ':AREA', inside that area) | 'kecamatan:CODE' (the
-- workers of a kecamatan) | 'kelurahan:CODE' (residents of a desa/kelurahan who used the bot).
-- body: the text, sealed (what an operator typed). media_kind: 'photo' | 'document' | NULL;
-- media: the Telegram file id once known; media_data: a file given on the command line
-- (base64), kept until its first delivery gave it a file id.
CREATE TABLE broadcasts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    author      INTEGER,                       -- Telegram id; NULL for the command line
    author_role TEXT NOT NULL,                 -- dinsos | tksk (the command line: dinsos)
    audience    TEXT NOT NULL,
    body        TEXT NOT NULL,
    media_kind  TEXT,
    media       TEXT,
    media_data  TEXT,
    media_name  TEXT,
    send_at     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    recipients  INTEGER NOT NULL DEFAULT 0,
    draft_key   TEXT UNIQUE,                   -- the bot's draft, so a replayed confirmation creates none
    cancelled_at INTEGER
);
CREATE INDEX broadcasts_author ON broadcasts(author, id);

-- "Sudah dibaca": one acknowledgement per recipient and broadcast.
CREATE TABLE broadcast_reads (
    broadcast   INTEGER NOT NULL REFERENCES broadcasts(id),
    tg_id       INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (broadcast, tg_id)
);

-- Which broadcast an outbox row delivers, and how many of its messages are out already (a
-- delivery of a photo and a long text is two): a retry sends only the rest.
ALTER TABLE outbox ADD COLUMN broadcast INTEGER;
ALTER TABLE outbox ADD COLUMN progress INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_broadcast ON outbox(broadcast, outcome);

-- Residents: the desa/kelurahan their last successful /cek or proposal named (for broadcasts
-- to an area and, later, complaints), and whether they stopped receiving broadcasts.
ALTER TABLE users ADD COLUMN home_area TEXT;
ALTER TABLE users ADD COLUMN notices_off INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_home_area ON users(home_area);
