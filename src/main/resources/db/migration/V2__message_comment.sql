-- A mail that became a comment points at it (replies are threaded by the comments they answer).
ALTER TABLE message ADD COLUMN comment_id BIGINT REFERENCES task_comment (id) ON DELETE SET NULL;
