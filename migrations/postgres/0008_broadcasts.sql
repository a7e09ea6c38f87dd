-- Broadcasts (issue 11): a notice to many (siaran sosialisasi), written with one outbox row per
-- recipient in one transaction before anything is sent.
--
-- audience: 'tksk' | 'psm' (optionally ':AREA', inside that area) | 'kecamatan:CODE' (the
-- workers of a kecamatan) | 'kelurahan:CODE' (residents of a desa/kelurahan who used the bot).
-- body: the text, sealed (what an operator typed). media_kind: 'photo' | 'document' | NULL;
-- media: the Telegram file id once known; media_data: a file given on the command line
-- (base64), kept until its first delivery gave it a file id.
CREATE TABLE broadcasts (
    id          BIGSERIAL PRIMARY KEY,
    author      BIGINT,                       -- Telegram id; NULL for the command line
    author_role TEXT NOT NULL,                 -- dinsos | tksk (the command line: dinsos)
    audience    TEXT NOT NULL,
    body        TEXT NOT NULL,
    media_kind  TEXT,
    media       TEXT,
    media_data  TEXT,
    media_name  TEXT,
    send_at     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    recipients  BIGINT NOT NULL DEFAULT 0,
    draft_key   TEXT UNIQUE,                   -- the bot's draft, so a replayed confirmation creates none
    cancelled_at BIGINT
);
CREATE INDEX broadcasts_author ON broadcasts(author, id);

-- "Sudah dibaca": one acknowledgement per recipient and broadcast.
CREATE TABLE broadcast_reads (
    broadcast   BIGINT NOT NULL REFERENCES broadcasts(id),
    tg_id       BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (broadcast, tg_id)
);

-- Which broadcast an outbox row delivers, and how many of its messages are out already (a
-- delivery of a photo and a long text is two): a retry sends only the rest.
ALTER TABLE outbox ADD COLUMN broadcast BIGINT;
ALTER TABLE outbox ADD COLUMN progress BIGINT NOT NULL DEFAULT 0;
CREATE INDEX outbox_broadcast ON outbox(broadcast, outcome);

-- Residents: the desa/kelurahan their last successful /cek or proposal named (for broadcasts
-- to an area and, later, complaints), and whether they stopped receiving broadcasts.
ALTER TABLE users ADD COLUMN home_area TEXT;
ALTER TABLE users ADD COLUMN notices_off BIGINT NOT NULL DEFAULT 0;
CREATE INDEX users_home_area ON users(home_area);

-- Bulk deliveries take a slot only when the overall schedule is not already ahead of now by
-- more than `ahead_us`; otherwise nothing is reserved, and the answer says when to ask again and
-- why: busy 1, the overall schedule (ask holding the process's bulk gate); busy 2, only this
-- chat's own pace (ask again without holding up other chats). busy 0: reserved at `slot`.
-- So replies and personal notices never queue behind a broadcast's reservations.
DROP FUNCTION kesos_reserve_send(TEXT, BIGINT, BIGINT, BIGINT, BIGINT);
CREATE FUNCTION kesos_reserve_send(chat_key TEXT, now_us BIGINT, global_us BIGINT,
                                   chat_us BIGINT, burst_us BIGINT, ahead_us BIGINT,
                                   OUT slot BIGINT, OUT busy BIGINT) AS $$
DECLARE
    c BIGINT;
    f BIGINT;
    g BIGINT;
    overall BIGINT;
BEGIN
    INSERT INTO send_pace (key, next_at) VALUES (chat_key, 0), ('frozen', 0), ('global', 0)
        ON CONFLICT (key) DO NOTHING;
    SELECT next_at INTO c FROM send_pace WHERE key = chat_key FOR UPDATE;
    SELECT next_at INTO g FROM send_pace WHERE key = 'global' FOR UPDATE;
    SELECT next_at INTO f FROM send_pace WHERE key = 'frozen';
    overall := GREATEST(now_us, g - burst_us, f);
    slot := GREATEST(overall, c);
    IF overall > now_us + ahead_us THEN
        busy := 1;
        RETURN;
    END IF;
    IF slot > now_us + ahead_us THEN
        busy := 2;
        RETURN;
    END IF;
    busy := 0;
    UPDATE send_pace SET next_at = GREATEST(g, slot) + global_us WHERE key = 'global';
    UPDATE send_pace SET next_at = slot + chat_us WHERE key = chat_key;
END
$$ LANGUAGE plpgsql;
