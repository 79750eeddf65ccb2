-- A mail or an attachment may be tens of megabytes. HSQLDB keeps such values in its LOB store (BLOB) and
-- streams them; a VARBINARY lives in the row, and a cached table's rows must fit its bounded row cache.
-- ${large_bytes} is BLOB on HSQLDB and BYTEA (unchanged) on PostgreSQL.
ALTER TABLE message_raw ALTER COLUMN raw SET DATA TYPE ${large_bytes};
ALTER TABLE attachment ALTER COLUMN content SET DATA TYPE ${large_bytes};
ALTER TABLE outbox ALTER COLUMN raw SET DATA TYPE ${large_bytes};
