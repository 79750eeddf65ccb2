-- The outbox counts what was sent in the rate-limit window (in all, and per recipient at their limit) every
-- second: by send time, not over the whole table. Cancelling a comment's queued mail finds it by comment.
CREATE INDEX ix_outbox_sent_at ON outbox (sent_at);
CREATE INDEX ix_outbox_comment ON outbox (comment_id, status);
