-- Values an installation makes for itself once and keeps: the key that signs our Message-IDs.
CREATE TABLE instance_setting (
    name            VARCHAR(100) PRIMARY KEY,
    setting_value   VARCHAR(4000) NOT NULL
);
