-- Exchange between offices (USB packages). exchange_base remembers, per peer office and record,
-- the state of theirs this office last received and the state of its own just after (a state is
-- "updated_at|office_id|version"), so that a record changed on one side only takes that side and
-- one changed on both is a conflict. A package carries its office's memory too, so that the office
-- receiving it knows what the sender last received of its records.
CREATE TABLE exchange_base (
    peer         TEXT NOT NULL,
    record_table TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    theirs       TEXT NOT NULL,             -- a state (data.Stamp) of the record
    mine         TEXT NOT NULL,
    PRIMARY KEY (peer, record_table, record_id)
) WITHOUT ROWID;

-- Every export, import and undo, for the history screen and `ketnghia backups`.
CREATE TABLE exchange_history (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    person      TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL CHECK (action IN ('export','import','undo','restore')),
    office_id   TEXT NOT NULL DEFAULT '',
    office_name TEXT NOT NULL DEFAULT '',
    file        TEXT NOT NULL DEFAULT '',
    backup      TEXT NOT NULL DEFAULT '',
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    conflicts   INTEGER NOT NULL DEFAULT 0,
    kinds       TEXT NOT NULL DEFAULT '[]',   -- JSON: the same counts by kind of record
    note        TEXT NOT NULL DEFAULT ''
);

-- Units two offices created separately for one real unit (one official code), linked by a person:
-- the peer's ID stands for ours in every package from that peer. A package carries its office's
-- links too, so the peer gets the same link the other way round without being asked.
CREATE TABLE exchange_links (
    peer     TEXT NOT NULL,
    their_id TEXT NOT NULL,
    our_id   TEXT NOT NULL,
    PRIMARY KEY (peer, their_id)
) WITHOUT ROWID;
