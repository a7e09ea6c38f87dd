-- Reports (issue 13): official quotas and distributions (penyaluran).
--
-- quotas: the kuota of a program for a kelurahan/desa, or the official total of a kecamatan
-- (both may exist: the report says when they differ), for a year (YYYY) or a month (YYYY-MM).
CREATE TABLE quotas (
    area        TEXT NOT NULL REFERENCES wilayah(code),
    program     TEXT NOT NULL REFERENCES programs(code),
    period      TEXT NOT NULL,
    quota       BIGINT NOT NULL,
    PRIMARY KEY (area, program, period)
);

-- distributions: for a KPM household, a program and a year, the months (bit 0 = January) with
-- a penyaluran record (`known`) and those in which it received (`months`). One row per
-- household, program and year keeps a regency's twelve million monthly records in one million
-- rows, and "received at least once in April–August" is one test of the bits.
-- `area` is the household's desa/kelurahan when the record was written (reports group by it).
CREATE TABLE distributions (
    household_id BIGINT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    program     TEXT NOT NULL,
    year        BIGINT NOT NULL,
    months      BIGINT NOT NULL DEFAULT 0,
    known       BIGINT NOT NULL DEFAULT 0,
    area        TEXT NOT NULL,
    PRIMARY KEY (household_id, program, year)
);
CREATE INDEX distributions_report ON distributions(program, year, area);

-- The households of each (program, year, desa/kelurahan, months received, months recorded), rebuilt for a
-- program and year by every import that changed them: reports of one year read these few
-- thousand rows instead of a million.
CREATE TABLE distribution_summary (
    program     TEXT NOT NULL,
    year        BIGINT NOT NULL,
    area        TEXT NOT NULL,
    months      BIGINT NOT NULL,
    known       BIGINT NOT NULL,
    households  BIGINT NOT NULL,
    PRIMARY KEY (program, year, area, months, known)
);
