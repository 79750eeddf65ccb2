-- A mail or an attachment may be tens of megabytes. Values over 512 KB go to a second column, a BLOB on
-- HSQLDB: it keeps BLOBs in its LOB store, while a VARBINARY lives in the row and a cached table's rows must
-- fit its bounded row cache. Smaller values stay in the row, where they cost no extra write per commit
-- (see store/StoredBytes). ${large_bytes} is BLOB on HSQLDB and BYTEA on PostgreSQL.
ALTER TABLE message_raw ADD COLUMN raw_large ${large_bytes};
ALTER TABLE message_raw ALTER COLUMN raw ${drop_not_null};
ALTER TABLE attachment ADD COLUMN content_large ${large_bytes};
ALTER TABLE attachment ALTER COLUMN content ${drop_not_null};
ALTER TABLE outbox ADD COLUMN raw_large ${large_bytes};
ALTER TABLE outbox ALTER COLUMN raw ${drop_not_null};
