-- working database only
-- The search indexes lost a row at any change of its name key: the two AFTER UPDATE triggers fired
-- newest first (insert the new key, then delete the old one), so a unit or agency saved with any
-- change dropped out of search. One trigger now deletes, then inserts. The indexes hold every
-- row, deleted ones too (searches keep to live rows), so that FTS5's own integrity-check can
-- compare them with their tables (`ketnghia check` runs it); both are rebuilt from their tables.
DROP TRIGGER units_fts_ai;
DROP TRIGGER units_fts_ad;
DROP TRIGGER units_fts_au_old;
DROP TRIGGER units_fts_au_new;
CREATE TRIGGER units_fts_ai AFTER INSERT ON units BEGIN
    INSERT INTO units_fts(rowid, name_key) VALUES (new.seq, new.name_key);
END;
CREATE TRIGGER units_fts_ad AFTER DELETE ON units BEGIN
    INSERT INTO units_fts(units_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
END;
CREATE TRIGGER units_fts_au AFTER UPDATE OF name_key ON units BEGIN
    INSERT INTO units_fts(units_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
    INSERT INTO units_fts(rowid, name_key) VALUES (new.seq, new.name_key);
END;
INSERT INTO units_fts(units_fts) VALUES ('rebuild');

DROP TRIGGER twinning_fts_ai;
DROP TRIGGER twinning_fts_ad;
DROP TRIGGER twinning_fts_au_old;
DROP TRIGGER twinning_fts_au_new;
CREATE TRIGGER twinning_fts_ai AFTER INSERT ON twinning_units BEGIN
    INSERT INTO twinning_fts(rowid, name_key) VALUES (new.seq, new.name_key);
END;
CREATE TRIGGER twinning_fts_ad AFTER DELETE ON twinning_units BEGIN
    INSERT INTO twinning_fts(twinning_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
END;
CREATE TRIGGER twinning_fts_au AFTER UPDATE OF name_key ON twinning_units BEGIN
    INSERT INTO twinning_fts(twinning_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
    INSERT INTO twinning_fts(rowid, name_key) VALUES (new.seq, new.name_key);
END;
INSERT INTO twinning_fts(twinning_fts) VALUES ('rebuild');
