-- PostgreSQL does not index the referencing side of a foreign key (HSQLDB does, by itself): a task's
-- messages, outbox mail and a person's further addresses are looked up by these columns, and deleting a
-- task or contact checks them.
CREATE INDEX ix_message_task ON message (task_id);
CREATE INDEX ix_outbox_task ON outbox (task_id);
CREATE INDEX ix_contact_email_contact ON contact_email (contact_id);
CREATE INDEX ix_employee_email_employee ON employee_email (employee_id);
