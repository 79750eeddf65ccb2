package dev.mailtask.access;

/** What an API token may do: an admin everything, an agent the daily work on tasks (see {@link AccessTable}). */
public enum Role {
    ADMIN,
    AGENT;

    public boolean allows(Role required) {
        return this == ADMIN || this == required;
    }
}
