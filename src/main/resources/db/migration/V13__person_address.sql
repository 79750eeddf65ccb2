-- One table of every address a person is known by: contacts' and employees', primary and additional. Its
-- unique key is what keeps one address from belonging to two people (mail for Dave must never go to Carol);
-- the contact and employee tables keep their primary address as the one mail goes to.
CREATE TABLE person_address (
    email           VARCHAR(320) NOT NULL,
    contact_id      BIGINT REFERENCES contact (id) ON DELETE CASCADE,
    employee_id     BIGINT REFERENCES employee (id) ON DELETE CASCADE,
    CONSTRAINT uq_person_address UNIQUE (email),
    CONSTRAINT ck_person_address_owner CHECK ((contact_id IS NULL AND employee_id IS NOT NULL)
        OR (contact_id IS NOT NULL AND employee_id IS NULL))
);
CREATE INDEX ix_person_address_contact ON person_address (contact_id);
CREATE INDEX ix_person_address_employee ON person_address (employee_id);

-- An address held twice so far stays with one owner: employees before contacts, primary before additional,
-- the oldest first. The other holder keeps it as its primary column but is no longer found by it.
INSERT INTO person_address (email, employee_id)
    SELECT e.email, MIN(e.id) FROM employee e WHERE e.email IS NOT NULL GROUP BY e.email;
INSERT INTO person_address (email, employee_id)
    SELECT x.email, MIN(x.employee_id) FROM employee_email x
    WHERE NOT EXISTS (SELECT 1 FROM person_address p WHERE p.email = x.email) GROUP BY x.email;
INSERT INTO person_address (email, contact_id)
    SELECT c.email, c.id FROM contact c
    WHERE NOT EXISTS (SELECT 1 FROM person_address p WHERE p.email = c.email);
INSERT INTO person_address (email, contact_id)
    SELECT x.email, MIN(x.contact_id) FROM contact_email x
    WHERE NOT EXISTS (SELECT 1 FROM person_address p WHERE p.email = x.email) GROUP BY x.email;

DROP TABLE contact_email;
DROP TABLE employee_email;
