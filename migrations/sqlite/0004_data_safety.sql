-- Data safety (issue 10).
--
-- inbox: an update is recognised as a repeat by its id *and* a keyed digest of where it came
-- from and what it says, because Telegram's ids start again when a bot moves to another Bot API
-- server or after a week of silence. Payloads are now stored encrypted ('s1:…'); rows from
-- earlier versions keep digest 'legacy'.
CREATE TABLE inbox_v2 (
    update_id   INTEGER NOT NULL,
    digest      TEXT NOT NULL,
    payload     TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    done_at     INTEGER,
    PRIMARY KEY (update_id, digest)
);
INSERT INTO inbox_v2 (update_id, digest, payload, received_at, done_at)
    SELECT update_id, 'legacy', payload, received_at, done_at FROM inbox;
DROP TABLE inbox;
ALTER TABLE inbox_v2 RENAME TO inbox;
CREATE INDEX inbox_pending ON inbox(done_at, update_id);

-- dialogues: `state` is now encrypted; an empty `state` means "no dialogue".
-- dialogue_steps: for each update that changed a chat's dialogue, the state it found (sealed).
-- An update replayed after a crash (its done mark lost) is handled again from the state it was
-- first judged against, not taken as the answer to the next step. Pruned with the inbox, and
-- erased with the chat's data by /hapusdata.
CREATE TABLE dialogue_steps (
    digest      TEXT PRIMARY KEY,              -- the update's digest (as in inbox)
    chat_id     INTEGER NOT NULL,
    prior_state TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX dialogue_steps_chat ON dialogue_steps(chat_id);
CREATE INDEX dialogue_steps_at ON dialogue_steps(at);

-- outbox: a reply that could not be sent while the user waited is kept here, encrypted
-- (sealed = 1), to be sent when the Bot API answers again.
ALTER TABLE outbox ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
