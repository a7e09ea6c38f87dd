-- Data safety (issue 10). See migrations/sqlite/0004_data_safety.sql for the reasons.
ALTER TABLE inbox ADD COLUMN digest TEXT NOT NULL DEFAULT 'legacy';
ALTER TABLE inbox ALTER COLUMN digest DROP DEFAULT;
ALTER TABLE inbox DROP CONSTRAINT inbox_pkey;
ALTER TABLE inbox ADD PRIMARY KEY (update_id, digest);

ALTER TABLE dialogues ADD COLUMN applied TEXT;
ALTER TABLE dialogues ADD COLUMN prior_state TEXT;

ALTER TABLE outbox ADD COLUMN sealed BIGINT NOT NULL DEFAULT 0;
