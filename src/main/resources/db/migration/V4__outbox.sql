-- Conversation: who was notified of each comment, and the outbox of mail to send. An outbox row is written
-- in the same transaction as its comment; the outbox route sends it and records what the server said.
CREATE TABLE comment_notified_employee (
    comment_id      BIGINT NOT NULL REFERENCES task_comment (id) ON DELETE CASCADE,
    employee_id     BIGINT NOT NULL REFERENCES employee (id),
    PRIMARY KEY (comment_id, employee_id)
);

CREATE TABLE comment_notified_contact (
    comment_id      BIGINT NOT NULL REFERENCES task_comment (id) ON DELETE CASCADE,
    contact_id      BIGINT NOT NULL REFERENCES contact (id),
    PRIMARY KEY (comment_id, contact_id)
);

CREATE SEQUENCE outbox_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE outbox (
    id              BIGINT PRIMARY KEY,
    task_id         BIGINT       NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    comment_id      BIGINT REFERENCES task_comment (id) ON DELETE CASCADE,
    account_id      VARCHAR(100) NOT NULL,
    recipient       VARCHAR(320) NOT NULL,
    contact_id      BIGINT REFERENCES contact (id),
    employee_id     BIGINT REFERENCES employee (id),
    message_id      VARCHAR(1000) NOT NULL,
    reply_token     VARCHAR(100),
    raw             ${bytes}     NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_outbox_reply_token UNIQUE (reply_token)
);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX ix_outbox_message_id ON outbox (message_id);
