-- KetNghia schema, version 1.
-- Every exchangeable record carries: id (UUID, the identity across offices), created_at, updated_at,
-- office_id (the office that last changed it), version (bumped on every change), deleted (tombstone)
-- and sample (invented demonstration data).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE offices (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE units (
    seq          INTEGER PRIMARY KEY,           -- stable rowid for the search index
    id           TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    office_id    TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0,
    sample       INTEGER NOT NULL DEFAULT 0,
    level        TEXT NOT NULL CHECK (level IN ('province','district','commune','village')),
    kind         TEXT NOT NULL,
    code         TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    sort_key     BLOB NOT NULL,
    parent_id    TEXT REFERENCES units(id),
    opened_on    TEXT,
    closed_on    TEXT,
    ethnic_minority INTEGER NOT NULL DEFAULT 0, -- village: làng đồng bào DTTS; commune: vùng DTTS
    key_dbkk     INTEGER NOT NULL DEFAULT 0,    -- commune: xã trọng điểm ĐBKK
    left_dbkk_year INTEGER,                     -- commune: year it left the ĐBKK list
    ntm_year     INTEGER,                       -- year recognised NTM (commune or village standard)
    ntm_decision TEXT NOT NULL DEFAULT '',
    ntm_date     TEXT,
    health_year  INTEGER,                       -- commune: year it met the commune health criteria
    pilot_level  TEXT NOT NULL DEFAULT '' CHECK (pilot_level IN ('','province','district','commune')),
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX units_parent ON units(parent_id, sort_key);
CREATE INDEX units_level_sort ON units(level, sort_key);
-- An official code is unique among open units of a level (QĐ 124/2004/QĐ-TTg); names are not.
CREATE UNIQUE INDEX units_open_code ON units(level, code)
    WHERE closed_on IS NULL AND deleted = 0 AND code <> '';

-- Search by folded substring: a trigram index over the folded names of live (not tombstoned) units,
-- kept in step by triggers, so that a search counts its matches from the index alone.
CREATE VIRTUAL TABLE units_fts USING fts5(name_key, content='units', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER units_fts_ai AFTER INSERT ON units WHEN new.deleted = 0 BEGIN
    INSERT INTO units_fts(rowid, name_key) VALUES (new.seq, new.name_key);
END;
CREATE TRIGGER units_fts_ad AFTER DELETE ON units WHEN old.deleted = 0 BEGIN
    INSERT INTO units_fts(units_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
END;
CREATE TRIGGER units_fts_au_old AFTER UPDATE OF name_key, deleted ON units WHEN old.deleted = 0 BEGIN
    INSERT INTO units_fts(units_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
END;
CREATE TRIGGER units_fts_au_new AFTER UPDATE OF name_key, deleted ON units WHEN new.deleted = 0 BEGIN
    INSERT INTO units_fts(rowid, name_key) VALUES (new.seq, new.name_key);
END;

-- Predecessor → successor: merges, splits, renames and upgrades (xã → thị trấn).
CREATE TABLE unit_links (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    office_id      TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    deleted        INTEGER NOT NULL DEFAULT 0,
    sample         INTEGER NOT NULL DEFAULT 0,
    predecessor_id TEXT NOT NULL REFERENCES units(id),
    successor_id   TEXT NOT NULL REFERENCES units(id),
    effective_on   TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('merge','split','rename','upgrade','transfer')),
    legal_basis    TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX unit_links_pred ON unit_links(predecessor_id);
CREATE INDEX unit_links_succ ON unit_links(successor_id);

-- A unit that changes parent (a village whose commune merged) keeps its earlier parents here:
-- before moved_on its parent was from_parent_id.
CREATE TABLE unit_moves (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    office_id      TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    deleted        INTEGER NOT NULL DEFAULT 0,
    sample         INTEGER NOT NULL DEFAULT 0,
    unit_id        TEXT NOT NULL REFERENCES units(id),
    from_parent_id TEXT NOT NULL REFERENCES units(id),
    to_parent_id   TEXT NOT NULL REFERENCES units(id),
    moved_on       TEXT NOT NULL,
    legal_basis    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX unit_moves_unit ON unit_moves(unit_id, moved_on);
CREATE INDEX unit_moves_from ON unit_moves(from_parent_id);

-- Area classification as recorded by a decision, kept per unit and period.
CREATE TABLE classifications (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    rule_set    TEXT NOT NULL,                 -- e.g. QD50-2016, QD33-2020
    from_year   INTEGER NOT NULL,
    to_year     INTEGER NOT NULL,
    class       TEXT NOT NULL CHECK (class IN ('KV1','KV2','KV3','DBKK','NONE')),
    decision    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX classifications_unit ON classifications(unit_id, from_year);
CREATE INDEX classifications_rule ON classifications(rule_set, class);

CREATE TABLE twinning_units (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    sort_key    BLOB NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province','district')),
    kind        TEXT NOT NULL CHECK (kind IN ('party','state','mass','armed','enterprise')),
    head        TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    district_id TEXT REFERENCES units(id),  -- for a district-level agency: its district
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX twinning_units_sort ON twinning_units(sort_key);
CREATE VIRTUAL TABLE twinning_fts USING fts5(name_key, content='twinning_units', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER twinning_fts_ai AFTER INSERT ON twinning_units WHEN new.deleted = 0 BEGIN
    INSERT INTO twinning_fts(rowid, name_key) VALUES (new.seq, new.name_key);
END;
CREATE TRIGGER twinning_fts_ad AFTER DELETE ON twinning_units WHEN old.deleted = 0 BEGIN
    INSERT INTO twinning_fts(twinning_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
END;
CREATE TRIGGER twinning_fts_au_old AFTER UPDATE OF name_key, deleted ON twinning_units WHEN old.deleted = 0 BEGIN
    INSERT INTO twinning_fts(twinning_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
END;
CREATE TRIGGER twinning_fts_au_new AFTER UPDATE OF name_key, deleted ON twinning_units WHEN new.deleted = 0 BEGIN
    INSERT INTO twinning_fts(rowid, name_key) VALUES (new.seq, new.name_key);
END;

CREATE TABLE assignments (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    twinning_unit_id TEXT NOT NULL REFERENCES twinning_units(id),
    unit_id     TEXT NOT NULL REFERENCES units(id),
    start_on    TEXT NOT NULL,
    end_on      TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assignments_twin ON assignments(twinning_unit_id, start_on);
CREATE INDEX assignments_unit ON assignments(unit_id, start_on);

CREATE TABLE activities (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    twinning_unit_id TEXT NOT NULL REFERENCES twinning_units(id),
    unit_id     TEXT REFERENCES units(id),
    on_date     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('visit','gift','relief','training','economy','infrastructure','other')),
    description TEXT NOT NULL DEFAULT '',
    cash_vnd    INTEGER NOT NULL DEFAULT 0,
    in_kind_vnd INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX activities_twin ON activities(twinning_unit_id, on_date);
CREATE INDEX activities_unit ON activities(unit_id, on_date);

-- Causes of poverty: an editable list.
CREATE TABLE cause_groups (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    code        TEXT NOT NULL,                -- short and never changed: reviews count by it
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX cause_groups_code ON cause_groups(code) WHERE deleted = 0;

-- Yearly review (rà soát) of one unit. Counts are NULL when not known: unknown is not zero.
CREATE TABLE reviews (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL,
    households  INTEGER,
    em_households INTEGER,
    people      INTEGER,
    poor        INTEGER,
    near_poor   INTEGER,
    poor_em     INTEGER,
    poor_by_cause TEXT NOT NULL DEFAULT '{}',   -- JSON: cause group code → poor households
    party_cell  INTEGER,                        -- village: has a chi bộ (0/1)
    grid_households INTEGER,                    -- village: households on the national grid
    road_all_year INTEGER,                      -- village: road to the commune centre usable all year (0/1)
    cultural    INTEGER,                        -- village: thôn văn hóa (0/1)
    em_people_15_60 INTEGER,                    -- commune: ethnic-minority people aged 15-60
    em_illiterate_15_60 INTEGER,                --   of whom cannot read and write Vietnamese
    workers     INTEGER,                        -- commune: workers
    workers_short_training INTEGER,             --   trained for less than 3 months
    road_km     REAL,                           -- commune: road from the district centre, km
    road_unpaved_km REAL,                       --   of which not asphalt or concrete
    note        TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX reviews_unit_year ON reviews(unit_id, year) WHERE deleted = 0;
CREATE INDEX reviews_year ON reviews(year);

CREATE TABLE criteria_sets (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    legal_basis TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL CHECK (level IN ('commune','village')),
    from_year   INTEGER NOT NULL,
    to_year     INTEGER NOT NULL,
    provisional INTEGER NOT NULL DEFAULT 0,
    pass_points REAL,                           -- points needed in total, for point-scored sets
    note        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE criteria (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    set_id      TEXT NOT NULL REFERENCES criteria_sets(id),
    number      INTEGER NOT NULL,
    name        TEXT NOT NULL,
    max_points  REAL                            -- NULL: a met / not met criterion
);
CREATE INDEX criteria_set ON criteria(set_id, number);

-- One unit's results against one criteria set in one year: JSON criterion number → score
-- (1/0 for met / not met, points for point-scored criteria).
CREATE TABLE criteria_results (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    set_id      TEXT NOT NULL REFERENCES criteria_sets(id),
    year        INTEGER NOT NULL,
    scores      TEXT NOT NULL DEFAULT '{}',
    auto_fail   INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX criteria_results_key ON criteria_results(unit_id, set_id, year) WHERE deleted = 0;

CREATE TABLE targets (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    code        TEXT NOT NULL,
    metric      TEXT NOT NULL,                  -- which derived figure it measures
    name        TEXT NOT NULL,
    comparator  TEXT NOT NULL CHECK (comparator IN ('>','>=','<','<=','between')),
    threshold   REAL NOT NULL,
    threshold_hi REAL,
    deadline_year INTEGER NOT NULL,
    baseline_year INTEGER NOT NULL,
    yearly      INTEGER NOT NULL DEFAULT 0,     -- judged every year up to the deadline
    legal_basis TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);

-- Who changed what, when, from which office. Never edited, never deleted.
CREATE TABLE change_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    person      TEXT NOT NULL DEFAULT '',
    record_table TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT
);
CREATE INDEX change_log_record ON change_log(record_table, record_id, seq);
