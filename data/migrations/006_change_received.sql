-- Records copied in bulk from another office's package (an office's first import of a national
-- file adds 1.2 million): one short row each pointing to the history line of the import that
-- added them, instead of a history line of their own (about 230 bytes each with its index: a
-- national import grew the file from 650 to 940 MB). Store.History shows it as the record's
-- first line. The history stays local: packages carry no history.
CREATE TABLE change_received (
    record_table TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    seq          INTEGER NOT NULL,  -- change_log.seq of the import's line for these records
    PRIMARY KEY (record_table, record_id)
) WITHOUT ROWID;
