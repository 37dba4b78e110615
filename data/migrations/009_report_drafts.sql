-- A committee's whole report (báo cáo năm, sơ kết, tổng kết) being written: the period, the header,
-- the sections of text in HD 36's order and the annexes (report kinds) printed after them. The
-- sections are JSON: each paragraph keeps the figure it was drafted from and the text as drafted,
-- so that "Cập nhật số liệu" can refresh what a person has not edited.
CREATE TABLE report_drafts (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    office_id   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    unit_id     TEXT NOT NULL REFERENCES units(id),  -- the area reported on (the province, or a commune)
    kind        TEXT NOT NULL CHECK (kind IN ('nam','so_ket','tong_ket')),
    from_year   INTEGER NOT NULL,
    to_year     INTEGER NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',   -- the subject line; '' : made from the kind and period
    doc_number  TEXT NOT NULL DEFAULT '',   -- the document's number, before the settings' suffix
    place       TEXT NOT NULL DEFAULT '',   -- '' : the settings'
    dated       TEXT,                       -- the document's date; NULL : the day it is printed
    signer_name TEXT NOT NULL DEFAULT '',   -- '' : the settings'
    recipients  TEXT NOT NULL DEFAULT '[]', -- JSON list; [] : the settings'
    sections    TEXT NOT NULL DEFAULT '[]', -- JSON: the sections and their paragraphs
    annexes     TEXT NOT NULL DEFAULT '[]', -- JSON list of report kinds printed as annexes
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_drafts_period ON report_drafts(to_year, from_year) WHERE deleted = 0;
