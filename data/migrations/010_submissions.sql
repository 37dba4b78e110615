-- Trust between offices. A submission is where one commune's (ward's) figures of a year stand: being
-- entered, sent up (by whom, when), accepted or returned (by whom, when, with a note), reopened by
-- the office that accepted them. It is a record like the others: its history is the change log and
-- it travels in packages. Every change of its state is logged field by field.
CREATE TABLE submissions (
    id               TEXT PRIMARY KEY,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    office_id        TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    deleted          INTEGER NOT NULL DEFAULT 0,
    sample           INTEGER NOT NULL DEFAULT 0,
    unit_id          TEXT NOT NULL REFERENCES units(id),  -- the commune; its villages go with it
    year             INTEGER NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('dang_nhap','da_gui','da_duyet','tra_lai','mo_lai')),
    submitted_by     TEXT NOT NULL DEFAULT '',  -- the person who sent the figures up
    submitted_office TEXT NOT NULL DEFAULT '',  -- and the office (its identity)
    submitted_on     TEXT,
    decided_by       TEXT NOT NULL DEFAULT '',  -- the person who accepted, returned or reopened
    decided_office   TEXT NOT NULL DEFAULT '',
    decided_on       TEXT,
    note             TEXT NOT NULL DEFAULT ''   -- the return's note, or the reason of a reopening
);
CREATE UNIQUE INDEX submissions_key ON submissions(unit_id, year) WHERE deleted = 0;
CREATE INDEX submissions_year ON submissions(year) WHERE deleted = 0;

-- The units and years whose figures are accepted, worked out from the submissions (a commune and
-- the villages under it that year) each time one changes here or comes in a package. The triggers
-- below refuse every write of those figures, whatever writes them; the store says first, in a
-- sentence, who accepted them.
CREATE TABLE figure_locks (
    unit_id       TEXT NOT NULL,
    year          INTEGER NOT NULL,
    submission_id TEXT NOT NULL,
    PRIMARY KEY (unit_id, year)
) WITHOUT ROWID;

CREATE TRIGGER reviews_locked_insert BEFORE INSERT ON reviews
WHEN EXISTS (SELECT 1 FROM figure_locks WHERE unit_id = NEW.unit_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'ketnghia: figures accepted'); END;
CREATE TRIGGER reviews_locked_update BEFORE UPDATE ON reviews
WHEN EXISTS (SELECT 1 FROM figure_locks WHERE (unit_id = OLD.unit_id AND year = OLD.year) OR (unit_id = NEW.unit_id AND year = NEW.year))
BEGIN SELECT RAISE(ABORT, 'ketnghia: figures accepted'); END;
CREATE TRIGGER reviews_locked_delete BEFORE DELETE ON reviews
WHEN EXISTS (SELECT 1 FROM figure_locks WHERE unit_id = OLD.unit_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ketnghia: figures accepted'); END;

CREATE TRIGGER criteria_results_locked_insert BEFORE INSERT ON criteria_results
WHEN EXISTS (SELECT 1 FROM figure_locks WHERE unit_id = NEW.unit_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'ketnghia: figures accepted'); END;
CREATE TRIGGER criteria_results_locked_update BEFORE UPDATE ON criteria_results
WHEN EXISTS (SELECT 1 FROM figure_locks WHERE (unit_id = OLD.unit_id AND year = OLD.year) OR (unit_id = NEW.unit_id AND year = NEW.year))
BEGIN SELECT RAISE(ABORT, 'ketnghia: figures accepted'); END;
CREATE TRIGGER criteria_results_locked_delete BEFORE DELETE ON criteria_results
WHEN EXISTS (SELECT 1 FROM figure_locks WHERE unit_id = OLD.unit_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'ketnghia: figures accepted'); END;

-- A unit's statuses of a year (recognised NTM, the health criteria met, left the ĐBKK list) are
-- figures of that year too.
CREATE TRIGGER units_status_locked BEFORE UPDATE OF ntm_year, ntm_date, ntm_decision, health_year, left_dbkk_year ON units
WHEN (OLD.ntm_year IS NOT NEW.ntm_year OR OLD.ntm_date IS NOT NEW.ntm_date OR OLD.ntm_decision IS NOT NEW.ntm_decision
      OR OLD.health_year IS NOT NEW.health_year OR OLD.left_dbkk_year IS NOT NEW.left_dbkk_year)
 AND EXISTS (SELECT 1 FROM figure_locks WHERE unit_id = NEW.id AND year IN (OLD.ntm_year, NEW.ntm_year, OLD.health_year,
      NEW.health_year, OLD.left_dbkk_year, NEW.left_dbkk_year, CAST(substr(OLD.ntm_date, 1, 4) AS INTEGER), CAST(substr(NEW.ntm_date, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'ketnghia: figures accepted'); END;

-- The signing keys of the offices this one has exchanged with (trust on first use): a package is
-- taken only when it is signed by the key kept here for its office, or a person has compared the
-- new key's fingerprint with the office by phone and confirmed it. The office's own private key is
-- never here: it is in a file beside the database.
CREATE TABLE office_keys (
    office_id    TEXT NOT NULL,
    public_key   TEXT NOT NULL,             -- base64, 32 bytes of Ed25519
    office_name  TEXT NOT NULL DEFAULT '',
    confirmed_by TEXT NOT NULL DEFAULT '',  -- the person who confirmed it
    confirmed_at TEXT NOT NULL,
    current      INTEGER NOT NULL DEFAULT 1, -- the key the office signs with now (earlier ones stay, not current)
    PRIMARY KEY (office_id, public_key)
);
