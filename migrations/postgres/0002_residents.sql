-- Residents' data: assistance programs, KPM households and their members, proposals (usulan),
-- and the look-up log behind the rate limit of /cek. No NIK or No. KK is stored in plain text:
-- only a keyed hash (HMAC with KESOS_SECRET) for look-ups and a masked form for display.

-- Programs are data: what each gives per month lives here, not in code.
CREATE TABLE programs (
    code              TEXT PRIMARY KEY,        -- SEMBAKO, PKH, PBI (as in the kpm CSV)
    name              TEXT NOT NULL,
    benefit_per_month BIGINT,                 -- rupiah per KPM per month; NULL when it varies
    sort_order        BIGINT NOT NULL DEFAULT 0
);
INSERT INTO programs (code, name, benefit_per_month, sort_order) VALUES
 ('SEMBAKO', 'Program Sembako (BPNT)', 200000, 1),
 ('PKH', 'Program Keluarga Harapan (PKH)', NULL, 2),
 ('PBI', 'PBI Jaminan Kesehatan (PBI-JK)', NULL, 3);

-- A KPM household (keluarga penerima manfaat), grouped by No. KK.
CREATE TABLE households (
    id            BIGSERIAL PRIMARY KEY,
    kk_hash       TEXT NOT NULL UNIQUE,        -- keyed hash of the No. KK
    kk_masked     TEXT NOT NULL,
    kelurahan     TEXT NOT NULL REFERENCES wilayah(code),
    address       TEXT,
    rt            TEXT,
    rw            TEXT,
    desil         BIGINT,
    active        BIGINT NOT NULL DEFAULT 1,  -- 1 while any of its programs is active
    verification  TEXT,                        -- last visit result (VisitResult code), NULL if none
    verified_at   BIGINT,
    fingerprint   TEXT,                        -- digest of the imported data, to skip unchanged rows
    updated_at    BIGINT NOT NULL
);
CREATE INDEX households_kelurahan ON households(kelurahan, active);

-- Members of a household, found by the keyed hash of their NIK.
CREATE TABLE members (
    nik_hash      TEXT PRIMARY KEY,
    nik_masked    TEXT NOT NULL,
    household_id  BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,               -- as on the KTP, for the forgiving name match
    updated_at    BIGINT NOT NULL
);
CREATE INDEX members_household ON members(household_id);

CREATE TABLE household_programs (
    household_id  BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    program       TEXT NOT NULL REFERENCES programs(code),
    active        BIGINT NOT NULL DEFAULT 1,
    kks_status    TEXT,                        -- KKS card: e.g. aktif, belum_terdistribusi, bermasalah
    last_received TEXT,                        -- YYYY-MM of the last aid received, when known
    PRIMARY KEY (household_id, program)
);

-- Proposals (usulan) from /skrining: a household asking to be registered.
CREATE TABLE proposals (
    id            BIGSERIAL PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,        -- USL-…
    tg_id         BIGINT,                     -- who filed it; NULL after /hapusdata
    kelurahan     TEXT NOT NULL REFERENCES wilayah(code),
    name          TEXT NOT NULL,
    nik_hash      TEXT NOT NULL,
    nik_masked    TEXT NOT NULL,
    address       TEXT NOT NULL,
    rt            TEXT,
    rw            TEXT,
    phone         TEXT,
    answers       TEXT NOT NULL,               -- the 14 answers, 'y'/'n' each
    criteria_met  BIGINT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'submitted', -- submitted | verifying | eligible | not_eligible | not_found | duplicate
    dedupe        TEXT UNIQUE,                 -- the flow's one-time key: a repeated confirmation files once
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX proposals_tg ON proposals(tg_id);
CREATE INDEX proposals_nik ON proposals(nik_hash);

-- One row per /cek look-up, for the per-user rate limit; old rows are pruned.
CREATE TABLE lookups (
    tg_id         BIGINT NOT NULL,
    at            BIGINT NOT NULL
);
CREATE INDEX lookups_tg_at ON lookups(tg_id, at);
