-- Mailtask schema. Portable between HSQLDB and PostgreSQL; ${bytes} and ${text} are Flyway placeholders
-- set per database (see dev.mailtask.store.Database).

CREATE SEQUENCE employee_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE contact_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE project_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE task_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE comment_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE attachment_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE virtual_address_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE message_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE mail_account (
    id              VARCHAR(100) PRIMARY KEY,
    protocol        VARCHAR(10)  NOT NULL,
    host            VARCHAR(255) NOT NULL,
    port            INTEGER      NOT NULL,
    username        VARCHAR(255) NOT NULL,
    folder          VARCHAR(255),
    address         VARCHAR(320) NOT NULL,
    domains         VARCHAR(2000) NOT NULL,
    addresses       VARCHAR(4000) NOT NULL
);

CREATE TABLE employee (
    id              BIGINT PRIMARY KEY,
    login           VARCHAR(100) NOT NULL,
    name            VARCHAR(255) NOT NULL,
    email           VARCHAR(320),
    active          BOOLEAN      NOT NULL,
    CONSTRAINT uq_employee_login UNIQUE (login)
);

CREATE TABLE employee_email (
    employee_id     BIGINT       NOT NULL REFERENCES employee (id) ON DELETE CASCADE,
    email           VARCHAR(320) NOT NULL,
    CONSTRAINT uq_employee_email UNIQUE (email)
);

CREATE TABLE contact (
    id              BIGINT PRIMARY KEY,
    name            VARCHAR(255) NOT NULL,
    email           VARCHAR(320) NOT NULL,
    spammer         BOOLEAN      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_contact_email UNIQUE (email)
);

CREATE TABLE contact_email (
    contact_id      BIGINT       NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    email           VARCHAR(320) NOT NULL,
    CONSTRAINT uq_contact_additional_email UNIQUE (email)
);

CREATE TABLE project (
    id              BIGINT PRIMARY KEY,
    number          INTEGER      NOT NULL,
    name            VARCHAR(255) NOT NULL,
    account_id      VARCHAR(100),
    CONSTRAINT uq_project_number UNIQUE (number)
);

CREATE TABLE virtual_address (
    id              BIGINT PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    description     VARCHAR(255),
    project_id      BIGINT REFERENCES project (id),
    CONSTRAINT uq_virtual_address_name UNIQUE (name)
);

CREATE TABLE task (
    id              BIGINT PRIMARY KEY,
    number          BIGINT       NOT NULL,
    title           VARCHAR(1000) NOT NULL,
    description     ${text},
    description_html ${text},
    status          VARCHAR(20)  NOT NULL,
    project_id      BIGINT REFERENCES project (id),
    assigner_employee_id BIGINT REFERENCES employee (id),
    assigner_contact_id  BIGINT REFERENCES contact (id),
    account_id      VARCHAR(100),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_task_number UNIQUE (number)
);
CREATE INDEX ix_task_created ON task (created_at);

CREATE TABLE task_assignee (
    task_id         BIGINT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    employee_id     BIGINT NOT NULL REFERENCES employee (id),
    PRIMARY KEY (task_id, employee_id)
);

CREATE TABLE task_participant_employee (
    task_id         BIGINT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    employee_id     BIGINT NOT NULL REFERENCES employee (id),
    PRIMARY KEY (task_id, employee_id)
);

CREATE TABLE task_participant_contact (
    task_id         BIGINT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    contact_id      BIGINT NOT NULL REFERENCES contact (id),
    PRIMARY KEY (task_id, contact_id)
);

CREATE TABLE task_comment (
    id              BIGINT PRIMARY KEY,
    task_id         BIGINT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    author_employee_id BIGINT REFERENCES employee (id),
    author_contact_id  BIGINT REFERENCES contact (id),
    body            ${text} NOT NULL,
    hidden          BOOLEAN NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_comment_task ON task_comment (task_id);

CREATE TABLE attachment (
    id              BIGINT PRIMARY KEY,
    task_id         BIGINT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    comment_id      BIGINT REFERENCES task_comment (id) ON DELETE CASCADE,
    position        INTEGER      NOT NULL,
    file_name       VARCHAR(1000) NOT NULL,
    content_type    VARCHAR(255) NOT NULL,
    content_id      VARCHAR(1000),
    inline_part     BOOLEAN      NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    content         ${bytes}     NOT NULL,
    CONSTRAINT uq_attachment_position UNIQUE (task_id, position)
);

CREATE TABLE message (
    id              BIGINT PRIMARY KEY,
    direction       VARCHAR(10)  NOT NULL,
    account_id      VARCHAR(100) NOT NULL,
    message_key     VARCHAR(1000) NOT NULL,
    message_id      VARCHAR(1000),
    in_reply_to     VARCHAR(1000),
    references_ids  ${text},
    from_address    VARCHAR(320),
    subject         VARCHAR(1000),
    status          VARCHAR(20)  NOT NULL,
    decision        VARCHAR(2000),
    error           ${text},
    raw_size        BIGINT       NOT NULL,
    task_id         BIGINT REFERENCES task (id) ON DELETE SET NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_message_key UNIQUE (account_id, direction, message_key)
);
CREATE INDEX ix_message_message_id ON message (message_id);

-- The mail's bytes, apart from its record, so listing and showing records never reads them.
CREATE TABLE message_raw (
    message_id      BIGINT PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    raw             ${bytes}     NOT NULL
);
CREATE INDEX ix_message_status ON message (status);
