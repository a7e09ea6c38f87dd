-- Data safety (issue 10). See migrations/sqlite/0004_data_safety.sql for the reasons.
ALTER TABLE inbox ADD COLUMN digest TEXT NOT NULL DEFAULT 'legacy';
ALTER TABLE inbox ALTER COLUMN digest DROP DEFAULT;
ALTER TABLE inbox DROP CONSTRAINT inbox_pkey;
ALTER TABLE inbox ADD PRIMARY KEY (update_id, digest);

CREATE TABLE dialogue_steps (
    digest      TEXT PRIMARY KEY,
    chat_id     BIGINT NOT NULL,
    prior_state TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX dialogue_steps_chat ON dialogue_steps(chat_id);
CREATE INDEX dialogue_steps_at ON dialogue_steps(at);

ALTER TABLE outbox ADD COLUMN sealed BIGINT NOT NULL DEFAULT 0;
