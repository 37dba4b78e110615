-- Exchange memories in short form: the peer office and each state are kept as the 8-byte hash of
-- the office's ID and of the state's stamp (kn_key, data.ShortKey), and "mine" is left NULL when it
-- is the same state as "theirs" (most records are the same on both sides). A national file
-- remembers 1.2 million records per peer: this keeps about 70 bytes of each instead of 230.
ALTER TABLE exchange_base RENAME TO exchange_base_v4;
CREATE TABLE exchange_base (
    peer         BLOB NOT NULL,             -- kn_key of the peer office's ID
    record_table TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    theirs       BLOB NOT NULL,             -- kn_key of the state of the peer's version received
    mine         BLOB,                      -- kn_key of the state of ours just after; NULL: the same
    PRIMARY KEY (peer, record_table, record_id)
) WITHOUT ROWID;
INSERT INTO exchange_base
    SELECT kn_key(peer), record_table, record_id, kn_key(theirs), CASE WHEN mine = theirs THEN NULL ELSE kn_key(mine) END
    FROM exchange_base_v4;
DROP TABLE exchange_base_v4;
