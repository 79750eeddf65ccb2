-- Rules: the trace of the decision kept with every mail, task fields and auditors that rules set, and the
-- rule sets managed over REST (same YAML as config/rules/*.yaml, validated the same way).
ALTER TABLE message ADD COLUMN trace ${text};

CREATE TABLE task_auditor (
    task_id         BIGINT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    employee_id     BIGINT NOT NULL REFERENCES employee (id),
    PRIMARY KEY (task_id, employee_id)
);

CREATE TABLE task_field (
    task_id         BIGINT       NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    name            VARCHAR(200) NOT NULL,
    field_value     VARCHAR(4000),
    PRIMARY KEY (task_id, name)
);

CREATE TABLE rule_set (
    address         VARCHAR(200) PRIMARY KEY,
    source          ${text}      NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
