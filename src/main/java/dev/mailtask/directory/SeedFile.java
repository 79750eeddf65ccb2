package dev.mailtask.directory;

import dev.mailtask.config.YamlNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;

/**
 * Initial directory data (employees, projects, virtual addresses) from a YAML file, applied only to an
 * empty directory: once people change things over the API, the file no longer overrides them.
 */
public final class SeedFile {

    public record EmployeeSeed(String login, String name, String email, List<String> additionalEmails) {
    }

    public record ProjectSeed(int number, String name, String account) {
    }

    public record VirtualAddressSeed(String name, String description, Integer project) {
    }

    public record Seed(List<EmployeeSeed> employees, List<ProjectSeed> projects,
            List<VirtualAddressSeed> virtualAddresses) {
    }

    private SeedFile() {
    }

    public static Seed load(Path path) {
        YamlNode root = YamlNode.load(path);
        Map<String, YamlNode> top = root.mapping(Set.of("employees", "projects", "virtualAddresses"));
        List<EmployeeSeed> employees = top.containsKey("employees") ? top.get("employees").sequence().stream()
                .map(SeedFile::employee).toList() : List.of();
        List<ProjectSeed> projects = top.containsKey("projects") ? top.get("projects").sequence().stream()
                .map(SeedFile::project).toList() : List.of();
        Set<Integer> numbers = new java.util.HashSet<>();
        projects.forEach(p -> numbers.add(p.number()));
        List<VirtualAddressSeed> addresses = top.containsKey("virtualAddresses")
                ? top.get("virtualAddresses").sequence().stream().map(n -> virtualAddress(n, numbers)).toList()
                : List.of();
        return new Seed(employees, projects, addresses);
    }

    private static EmployeeSeed employee(YamlNode node) {
        Map<String, YamlNode> e = node.mapping(Set.of("login", "name", "email", "additionalEmails"));
        String login = YamlNode.required(node, e, "login").scalar();
        if (!login.matches("[A-Za-z0-9._-]{1,64}")) {
            throw e.get("login").error("login '" + login + "' may hold only letters, digits, '.', '_' and '-'");
        }
        return new EmployeeSeed(login, YamlNode.required(node, e, "name").scalar(),
                e.containsKey("email") ? e.get("email").scalar() : null,
                e.containsKey("additionalEmails") ? e.get("additionalEmails").scalars() : List.of());
    }

    private static ProjectSeed project(YamlNode node) {
        Map<String, YamlNode> e = node.mapping(Set.of("number", "name", "account"));
        return new ProjectSeed(YamlNode.required(node, e, "number").integer(1, 999_999_999),
                YamlNode.required(node, e, "name").scalar(), e.containsKey("account") ? e.get("account").scalar() : null);
    }

    private static VirtualAddressSeed virtualAddress(YamlNode node, Set<Integer> projects) {
        Map<String, YamlNode> e = node.mapping(Set.of("name", "description", "project"));
        Integer project = e.containsKey("project") ? e.get("project").integer(1, 999_999_999) : null;
        if (project != null && !projects.contains(project)) {
            throw e.get("project").error("no project number " + project + " in this file");
        }
        return new VirtualAddressSeed(YamlNode.required(node, e, "name").scalar(),
                e.containsKey("description") ? e.get("description").scalar() : null, project);
    }

    /** Writes the seed when the directory is empty; returns whether it did. */
    public static boolean applyIfEmpty(Session session, Seed seed) {
        long existing = session.createSelectionQuery("select count(e) from Employee e", Long.class).getSingleResult()
                + session.createSelectionQuery("select count(p) from Project p", Long.class).getSingleResult()
                + session.createSelectionQuery("select count(v) from VirtualAddress v", Long.class).getSingleResult();
        if (existing > 0) {
            return false;
        }
        for (EmployeeSeed s : seed.employees()) {
            Employee employee = new Employee(s.login(), s.name(), s.email());
            employee.setAdditionalEmails(s.additionalEmails());
            session.persist(employee);
        }
        Map<Integer, Project> projects = new HashMap<>();
        for (ProjectSeed s : seed.projects()) {
            Project project = new Project(s.number(), s.name());
            project.setAccountId(s.account());
            session.persist(project);
            projects.put(s.number(), project);
        }
        for (VirtualAddressSeed s : seed.virtualAddresses()) {
            session.persist(new VirtualAddress(s.name(), s.description(),
                    s.project() == null ? null : projects.get(s.project())));
        }
        return true;
    }
}
