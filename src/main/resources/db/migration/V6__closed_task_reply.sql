-- A reply to a closed task either reopens it or starts a new task that follows it, as each project prefers.
ALTER TABLE project ADD COLUMN closed_task_reply VARCHAR(20) DEFAULT 'REOPEN' NOT NULL;
ALTER TABLE task ADD COLUMN follows_task_id BIGINT REFERENCES task (id) ON DELETE SET NULL;
