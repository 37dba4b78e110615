-- Rule sets for area classification and for leaving the ĐBKK list, versioned by legal basis and
-- period. The logic of each family is code (data/rules); the thresholds are these editable params.
CREATE TABLE rule_sets (
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
    family      TEXT NOT NULL CHECK (family IN ('qd50','qd33','qd03')),
    purpose     TEXT NOT NULL CHECK (purpose IN ('classify','leave')),
    from_year   INTEGER NOT NULL,
    to_year     INTEGER NOT NULL,
    params      TEXT NOT NULL DEFAULT '{}',   -- JSON: threshold name → value
    unverified  TEXT NOT NULL DEFAULT '[]',   -- JSON: names of thresholds not checked against the text
    note        TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX rule_sets_code ON rule_sets(code) WHERE deleted = 0;
