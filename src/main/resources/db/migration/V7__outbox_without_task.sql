-- Mail that belongs to no task (a notice that a mail was not delivered) goes through the outbox too.
ALTER TABLE outbox ALTER COLUMN task_id ${drop_not_null};
