-- Field workers: PSM, TKSK and Dinas Sosial operators, their areas, one-time invite codes,
-- home visits and re-verification cycles. Times are Unix seconds (UTC); names of workers are
-- kept (they are staff, and operators must see who is who), residents' data is not copied here.

-- A field worker or operator. tg_id is NULL until the invite code is used with /daftar.
CREATE TABLE workers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tg_id       INTEGER,
    role        TEXT NOT NULL,                 -- psm | tksk | dinsos
    name        TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,    -- 0 once revoked
    created_at  INTEGER NOT NULL,
    enrolled_at INTEGER,
    revoked_at  INTEGER
);
-- One active worker per Telegram account; revoked rows keep their history.
CREATE UNIQUE INDEX workers_tg_active ON workers(tg_id) WHERE active = 1;

-- The areas a worker covers: one kecamatan (TKSK), one or more kelurahan (PSM), the regency
-- (dinsos).
CREATE TABLE worker_areas (
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    area        TEXT NOT NULL REFERENCES wilayah(code),
    PRIMARY KEY (worker_id, area)
);
CREATE INDEX worker_areas_area ON worker_areas(area);

-- One-time invite codes, kept only as a keyed hash (HMAC-SHA256 with KESOS_SECRET).
CREATE TABLE invites (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code_hash   TEXT NOT NULL UNIQUE,
    worker_id   INTEGER NOT NULL REFERENCES workers(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    used_by     INTEGER                        -- Telegram id that used it
);

-- Failed /daftar attempts, for the lock-out (five in an hour locks the user out for an hour).
CREATE TABLE code_attempts (
    tg_id       INTEGER NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX code_attempts_tg_at ON code_attempts(tg_id, at);

-- Home visits (kunjungan), one per task.
CREATE TABLE visits (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id       INTEGER NOT NULL UNIQUE REFERENCES tasks(id),
    worker_id     INTEGER NOT NULL REFERENCES workers(id),
    at            INTEGER NOT NULL,
    lat           REAL,
    lon           REAL,
    location_skip TEXT,                        -- why no location was shared
    result        TEXT NOT NULL,               -- VisitResult code
    answers       TEXT,                        -- the 14 criteria as confirmed, for proposals
    photo         TEXT,                        -- Telegram file id of the house photo
    notes         TEXT
);
CREATE INDEX visits_worker ON visits(worker_id, at);

-- Two-monthly re-verification cycles (verivali) opened per area.
CREATE TABLE cycles (
    period      TEXT NOT NULL,                 -- YYYY-MM, first month of the two-month block
    area        TEXT NOT NULL REFERENCES wilayah(code),
    due_date    TEXT NOT NULL,                 -- YYYY-MM-DD (WIB), end of the block
    opened_at   INTEGER NOT NULL,
    opened_by   INTEGER,                       -- Telegram id; NULL from the command line
    created     INTEGER NOT NULL,              -- tasks created when opened
    PRIMARY KEY (period, area)
);

CREATE INDEX tasks_cycle_area ON tasks(cycle, area);
