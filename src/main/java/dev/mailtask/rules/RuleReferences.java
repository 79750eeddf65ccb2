package dev.mailtask.rules;

import java.util.Set;

/**
 * What rule loading asks of the directory to reject rules that name a project or an employee that does
 * not exist. The database answers in production; tests and offline checks use {@link #of} or {@link #ANY}.
 */
public interface RuleReferences {

    /** Accepts every project and employee: for syntax-only checks. */
    RuleReferences ANY = new RuleReferences() {
        @Override
        public boolean projectExists(int number) {
            return true;
        }

        @Override
        public boolean employeeExists(String login) {
            return true;
        }
    };

    boolean projectExists(int number);

    boolean employeeExists(String login);

    /** A fixed directory: these project numbers and these employee logins (compared ignoring case). */
    static RuleReferences of(Set<Integer> projects, Set<String> logins) {
        Set<Integer> projectSet = Set.copyOf(projects);
        Set<String> loginSet = logins.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new RuleReferences() {
            @Override
            public boolean projectExists(int number) {
                return projectSet.contains(number);
            }

            @Override
            public boolean employeeExists(String login) {
                return loginSet.contains(login.toLowerCase(java.util.Locale.ROOT));
            }
        };
    }
}
