-- The outgoing budget every process on one database shares (PostgreSQL): the earliest time, in
-- microseconds since the Unix epoch, of the next message overall ('global'), into one chat
-- ('chat:<id>'), and of anything after Telegram asked to slow down ('frozen').
-- UNLOGGED: a schedule is worth nothing after a crash, and a transaction that writes only
-- unlogged rows does not wait for the WAL to reach the disk (each message costs a round trip,
-- not an fsync).
CREATE UNLOGGED TABLE send_pace (
    key     TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL
);

-- One round trip per send: reserve the slot of a message into a chat. Rows are locked chat
-- first, then the overall schedule (every caller in that order); the freeze only grows, so it
-- is read without a lock.
CREATE FUNCTION kesos_reserve_send(chat_key TEXT, now_us BIGINT, global_us BIGINT,
                                   chat_us BIGINT, burst_us BIGINT) RETURNS BIGINT AS $$
DECLARE
    c BIGINT;
    f BIGINT;
    g BIGINT;
    slot BIGINT;
BEGIN
    INSERT INTO send_pace (key, next_at) VALUES (chat_key, 0), ('frozen', 0), ('global', 0)
        ON CONFLICT (key) DO NOTHING;
    SELECT next_at INTO c FROM send_pace WHERE key = chat_key FOR UPDATE;
    SELECT next_at INTO g FROM send_pace WHERE key = 'global' FOR UPDATE;
    SELECT next_at INTO f FROM send_pace WHERE key = 'frozen';
    slot := GREATEST(now_us, c, g - burst_us, f);
    UPDATE send_pace SET next_at = GREATEST(g, slot) + global_us WHERE key = 'global';
    UPDATE send_pace SET next_at = slot + chat_us WHERE key = chat_key;
    RETURN slot;
END
$$ LANGUAGE plpgsql;
