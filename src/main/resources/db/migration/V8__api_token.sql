-- API tokens with a role. Only the SHA-256 of a token is stored (see dev.mailtask.access.ApiTokens).
CREATE SEQUENCE api_token_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE api_token (
    id              BIGINT PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    -- The name while the token is active, NULL once it is revoked. A plain UNIQUE constraint on it means
    -- "unique among active tokens" on HSQLDB and PostgreSQL alike (NULLs never collide), with no partial index.
    active_name     VARCHAR(100),
    role            VARCHAR(10)  NOT NULL,
    token_hash      VARCHAR(64)  NOT NULL,
    prefix          VARCHAR(20)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(100) NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
    CONSTRAINT uq_api_token_active_name UNIQUE (active_name),
    CONSTRAINT ck_api_token_role CHECK (role IN ('ADMIN', 'AGENT'))
);
