-- Text a sender or an API caller decides may be tens of megabytes (a 12 MB mail body overflowed HSQLDB's
-- row cache). As with bytes (V9, store/StoredBytes): text up to 256K characters stays in the row, longer
-- text goes to a second column, a CLOB on HSQLDB, which keeps CLOBs in its LOB store (see store/StoredText).
-- ${large_text} is CLOB on HSQLDB and TEXT on PostgreSQL.
ALTER TABLE task ADD COLUMN description_large ${large_text};
ALTER TABLE task ADD COLUMN description_html_large ${large_text};
ALTER TABLE task_comment ADD COLUMN body_large ${large_text};
ALTER TABLE task_comment ALTER COLUMN body ${drop_not_null};
ALTER TABLE message ADD COLUMN references_large ${large_text};
