-- outbox lanes: 0 a reply kept while the Bot API failed (its user is waiting), 1 a personal
-- notice (a task, a status), 2 a bulk delivery (a broadcast). Due rows go out lane by lane.
-- message_id: Telegram's id of the message a row became, for read receipts and edits later.
ALTER TABLE outbox ADD COLUMN lane BIGINT NOT NULL DEFAULT 1;
ALTER TABLE outbox ADD COLUMN message_id BIGINT;
UPDATE outbox SET lane = 0 WHERE sealed = 1;
CREATE INDEX outbox_lane_due ON outbox(sent_at, lane, id);
