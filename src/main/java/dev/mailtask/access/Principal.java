package dev.mailtask.access;

/**
 * Who made an API request: the name of the token used (or {@code bootstrap} for the configured token) and its
 * role. Never holds the token itself.
 *
 * @param tokenId the stored token's id; null for the bootstrap token
 */
public record Principal(String name, Role role, Long tokenId) {

    public static final String BOOTSTRAP = "bootstrap";

    static Principal bootstrap() {
        return new Principal(BOOTSTRAP, Role.ADMIN, null);
    }
}
