-- A stranger's mail into a task is kept as a held comment until an employee lets it in; a project may let
-- strangers in (null: the instance's setting mailtask.intake.stranger-mail).
ALTER TABLE task_comment ADD COLUMN held BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE task_comment ADD COLUMN sender VARCHAR(320);
ALTER TABLE project ADD COLUMN stranger_mail VARCHAR(10);
