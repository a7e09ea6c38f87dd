-- Complaints and objections (issue 12). What the reporter and the handlers typed (description,
-- notes, reasons, the reporter's first name) is stored sealed, like dialogue drafts: a resident
-- may type a NIK into a complaint.
--
-- status: new | in_progress | resolved | rejected | reopened. Deadlines are not stored: they
-- are counted from `filed_on` in working days (holidays below) whenever they are needed, so a
-- holiday loaded later moves them.
CREATE TABLE complaints (
    id          BIGSERIAL PRIMARY KEY,
    ticket      TEXT NOT NULL UNIQUE,          -- ADU-YYYY-NNNNNN
    reporter    BIGINT,                       -- Telegram id; NULL after /hapusdata
    reporter_name TEXT,                        -- sealed first name; NULL when anonymous
    anonymous   BIGINT NOT NULL DEFAULT 0,
    category    TEXT NOT NULL,
    area        TEXT NOT NULL REFERENCES wilayah(code),
    description TEXT NOT NULL,                 -- sealed
    photos      TEXT NOT NULL DEFAULT '',      -- Telegram file ids, space separated
    lat         DOUBLE PRECISION,
    lon         DOUBLE PRECISION,
    status      TEXT NOT NULL DEFAULT 'new',
    handler     BIGINT REFERENCES workers(id),
    task_id     BIGINT REFERENCES tasks(id),
    filed_on    TEXT NOT NULL,                 -- YYYY-MM-DD (WIB)
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    first_response_at BIGINT,
    resolved_at BIGINT,
    escalated_at BIGINT,
    dedupe      TEXT UNIQUE                    -- the draft's key: a replayed "send" files once
);
CREATE INDEX complaints_reporter ON complaints(reporter, id);
CREATE INDEX complaints_open ON complaints(status, area);

-- Every change, with time, actor and note.
CREATE TABLE complaint_events (
    id          BIGSERIAL PRIMARY KEY,
    complaint   BIGINT NOT NULL REFERENCES complaints(id),
    at          BIGINT NOT NULL,
    event       TEXT NOT NULL,                 -- filed | taken | assigned | resolved | rejected | reopened | added | escalated
    actor       BIGINT REFERENCES workers(id),-- NULL: the reporter, or the system
    note        TEXT,                          -- sealed
    photo       TEXT                           -- a file id the reporter added
);
CREATE INDEX complaint_events_of ON complaint_events(complaint, id);

-- Public holidays (kesos-bot import libur): not working days.
CREATE TABLE holidays (
    day         TEXT PRIMARY KEY,              -- YYYY-MM-DD
    name        TEXT NOT NULL
);
