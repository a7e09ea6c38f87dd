-- The outgoing budget every process on one database shares (PostgreSQL): the earliest time, in
-- microseconds since the Unix epoch, of the next message overall ('global'), into one chat
-- ('chat:<id>'), and of anything after Telegram asked to slow down ('frozen').
CREATE TABLE send_pace (
    key     TEXT PRIMARY KEY,
    next_at INTEGER NOT NULL
);
