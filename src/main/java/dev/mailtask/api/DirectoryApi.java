package dev.mailtask.api;

import static dev.mailtask.api.JsonBody.bool;
import static dev.mailtask.api.JsonBody.text;
import static dev.mailtask.api.JsonBody.texts;
import static dev.mailtask.api.JsonBody.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.contacts.AddressPolicy;
import dev.mailtask.contacts.Contact;
import dev.mailtask.directory.Employee;
import dev.mailtask.directory.Project;
import dev.mailtask.directory.VirtualAddress;
import dev.mailtask.store.Database;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The directory over REST: employees (a login change moves the internal address at once), projects and
 * virtual addresses (deleting one stops its mail at once). Requests are JSON; answers are {@link Views}.
 */
public final class DirectoryApi {

    /** Local parts that name other address kinds and so cannot be a login or a virtual address. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> RESERVED = Set.of("task", "project", "postmaster", "mailer-daemon", "abuse");
    /** The longest name, description or account id the directory stores. */
    private static final int LONGEST_TEXT = 255;

    private final Database database;
    private final List<String> domains;
    private final AddressPolicy addresses;

    /**
     * @param domains   the inbound domains, to show each employee's and address's full addresses
     * @param addresses what an employee's or contact's address may be
     */
    public DirectoryApi(Database database, List<String> domains, AddressPolicy addresses) {
        this.database = database;
        this.domains = List.copyOf(domains);
        this.addresses = addresses;
    }

    public record EmployeeView(long id, String login, String name, String email, List<String> additionalEmails,
            boolean active, List<String> internalAddresses) {
    }

    public record ProjectView(long id, int number, String name, String accountId, String closedTaskReply,
            String strangerMail, List<String> projectAddresses) {
    }

    public record VirtualAddressView(long id, String name, String description, Integer projectNumber,
            List<String> addresses) {
    }

    public List<EmployeeView> employees() {
        return database.read(s -> s.createSelectionQuery("from Employee e order by e.login", Employee.class)
                .getResultList().stream().map(this::view).toList());
    }

    public EmployeeView createEmployee(String body) {
        JsonNode json = JsonBody.parse(body, text("login", LONGEST_TEXT), text("name", LONGEST_TEXT),
                text("email", LONGEST_TEXT), texts("additionalEmails", LONGEST_TEXT));
        String login = name("login", required(json, "login"));
        String name = required(json, "name");
        return write(s -> {
            refuseVirtualAddressNamed(s, login);
            Employee employee = new Employee(login, name, null);
            String email = optional(json, "email");
            if (email != null) {
                employee.changeEmail(address(s, email, employee));
            }
            employee.setAdditionalEmails(addresses(s, strings(json.path("additionalEmails")), employee));
            s.persist(employee);
            s.flush();
            return view(employee);
        }, "an employee with login '" + login + "' exists");
    }

    public EmployeeView updateEmployee(String id, String body) {
        long employeeId = ReadApi.id("employee", id);
        JsonNode json = JsonBody.parse(body, text("login", LONGEST_TEXT), text("name", LONGEST_TEXT),
                text("email", LONGEST_TEXT), bool("active"));
        return write(s -> {
            Employee employee = s.find(Employee.class, employeeId);
            if (employee == null) {
                throw ApiException.notFound("no employee " + employeeId);
            }
            if (json.has("login")) {
                String login = name("login", required(json, "login"));
                refuseVirtualAddressNamed(s, login);
                employee.changeLogin(login);
            }
            if (json.has("name")) {
                employee.rename(required(json, "name"));
            }
            if (json.has("email")) {
                String email = optional(json, "email");
                employee.changeEmail(email == null ? null : address(s, email, employee));
            }
            if (json.hasNonNull("active")) {
                employee.setActive(json.get("active").asBoolean());
            }
            s.flush();
            return view(employee);
        }, "another employee has that login");
    }

    public List<ProjectView> projects() {
        return database.read(s -> s.createSelectionQuery("from Project p order by p.number", Project.class)
                .getResultList().stream().map(this::view).toList());
    }

    public ProjectView createProject(String body) {
        JsonNode json = JsonBody.parse(body, wholeNumber("number"), text("name", LONGEST_TEXT),
                text("accountId", LONGEST_TEXT));
        int number = json.path("number").asInt(-1);
        if (number < 1) {
            throw ApiException.badRequest("number must be a positive whole number");
        }
        String name = required(json, "name");
        return write(s -> {
            Project project = new Project(number, name);
            project.setAccountId(optional(json, "accountId"));
            s.persist(project);
            s.flush();
            return view(project);
        }, "project number " + number + " exists");
    }

    public ProjectView updateProject(String id, String body) {
        long projectId = ReadApi.id("project", id);
        JsonNode json = JsonBody.parse(body, text("name", LONGEST_TEXT), text("accountId", LONGEST_TEXT),
                text("closedTaskReply", LONGEST_TEXT), text("strangerMail", LONGEST_TEXT));
        return write(s -> {
            Project project = s.find(Project.class, projectId);
            if (project == null) {
                throw ApiException.notFound("no project " + projectId);
            }
            if (json.has("name")) {
                project.rename(required(json, "name"));
            }
            if (json.has("accountId")) {
                project.setAccountId(optional(json, "accountId"));
            }
            if (json.has("closedTaskReply")) {
                project.setClosedTaskReply(ReadApi.enumValue(Project.ClosedTaskReply.class, "closedTaskReply",
                        json.get("closedTaskReply").asText()));
            }
            if (json.has("strangerMail")) {
                // null: the instance's setting (mailtask.intake.stranger-mail)
                project.setStrangerMail(json.get("strangerMail").isNull() ? null : ReadApi.enumValue(
                        Project.StrangerMail.class, "strangerMail", json.get("strangerMail").asText()));
            }
            return view(project);
        }, "conflict");
    }

    /** Deletes a project that has no tasks; its project address stops receiving at once. */
    public void deleteProject(String id) {
        long projectId = ReadApi.id("project", id);
        database.run(s -> {
            Project project = s.find(Project.class, projectId);
            if (project == null) {
                throw ApiException.notFound("no project " + projectId);
            }
            long tasks = s.createSelectionQuery("select count(t) from Task t where t.project = :p", Long.class)
                    .setParameter("p", project).getSingleResult();
            long addresses = s.createSelectionQuery("select count(v) from VirtualAddress v where v.project = :p",
                    Long.class).setParameter("p", project).getSingleResult();
            if (tasks > 0 || addresses > 0) {
                throw new ApiException(409, "project " + project.number() + " still has " + tasks + " task(s) and "
                        + addresses + " virtual address(es)");
            }
            s.remove(project);
        });
    }

    /**
     * Renames a contact or sets its additional e-mails (they are matched like the primary one): each a plain
     * address, none of ours and none another person holds.
     */
    public ReadApiContact updateContact(String id, String body) {
        long contactId = ReadApi.id("contact", id);
        JsonNode json = JsonBody.parse(body, text("name", LONGEST_TEXT), texts("additionalEmails", LONGEST_TEXT),
                bool("spammer"));
        return write(s -> {
            Contact contact = s.find(Contact.class, contactId);
            if (contact == null) {
                throw ApiException.notFound("no contact " + contactId);
            }
            if (json.has("name")) {
                contact.rename(required(json, "name"));
            }
            if (json.hasNonNull("spammer")) {
                contact.markSpammer(json.get("spammer").asBoolean());
            }
            if (json.has("additionalEmails")) {
                contact.setAdditionalEmails(addresses(s, strings(json.get("additionalEmails")), contact));
            }
            s.flush();
            return new ReadApiContact(contact.id(), contact.name(), contact.email(), contact.additionalEmails(),
                    contact.spammer());
        }, "conflict");
    }

    public record ReadApiContact(long id, String name, String email, List<String> additionalEmails,
            boolean spammer) {
    }

    public List<VirtualAddressView> virtualAddresses() {
        return database.read(s -> s.createSelectionQuery("from VirtualAddress v order by v.name",
                VirtualAddress.class).getResultList().stream().map(this::view).toList());
    }

    public VirtualAddressView createVirtualAddress(String body) {
        JsonNode json = JsonBody.parse(body, text("name", LONGEST_TEXT), text("description", LONGEST_TEXT),
                wholeNumber("projectNumber"));
        String name = name("name", required(json, "name"));
        return write(s -> {
            long employees = s.createSelectionQuery("select count(e) from Employee e where e.login = :n", Long.class)
                    .setParameter("n", name).getSingleResult();
            if (employees > 0) {
                throw new ApiException(409, "'" + name + "' is an employee's login; choose another name");
            }
            Project project = json.hasNonNull("projectNumber") ? project(s, json.get("projectNumber").asInt()) : null;
            VirtualAddress address = new VirtualAddress(name, optional(json, "description"), project);
            s.persist(address);
            s.flush();
            return view(address);
        }, "a virtual address named '" + name + "' exists");
    }

    /** Changes a virtual address's description or project (its name is its identity: delete and create). */
    public VirtualAddressView updateVirtualAddress(String id, String body) {
        long addressId = ReadApi.id("virtual address", id);
        JsonNode json = JsonBody.parse(body, text("description", LONGEST_TEXT), wholeNumber("projectNumber"));
        return write(s -> {
            VirtualAddress address = s.find(VirtualAddress.class, addressId);
            if (address == null) {
                throw ApiException.notFound("no virtual address " + addressId);
            }
            if (json.has("description")) {
                address.describe(optional(json, "description"));
            }
            if (json.has("projectNumber")) {
                address.moveTo(json.get("projectNumber").isNull() ? null : project(s, json.get("projectNumber").asInt()));
            }
            return view(address);
        }, "conflict");
    }

    private static Project project(Session s, int number) {
        return s.createSelectionQuery("from Project p where p.number = :n", Project.class)
                .setParameter("n", number).uniqueResultOptional()
                .orElseThrow(() -> ApiException.badRequest("no project number " + number));
    }

    /** Deletes a virtual address; its mail is rejected from the next mail on. */
    public void deleteVirtualAddress(String id) {
        long addressId = ReadApi.id("virtual address", id);
        database.run(s -> {
            VirtualAddress address = s.find(VirtualAddress.class, addressId);
            if (address == null) {
                throw ApiException.notFound("no virtual address " + addressId);
            }
            s.remove(address);
        });
    }

    private static void refuseVirtualAddressNamed(Session s, String login) {
        long addresses = s.createSelectionQuery("select count(v) from VirtualAddress v where v.name = :n", Long.class)
                .setParameter("n", login).getSingleResult();
        if (addresses > 0) {
            throw new ApiException(409, "'" + login + "' is a virtual address; its mail would never reach the employee");
        }
    }

    private String address(Session s, String raw, Object owner) {
        try {
            return addresses.check(s, raw, owner);
        } catch (AddressPolicy.Refused e) {
            throw new ApiException(e.taken() ? 409 : 400, e.getMessage());
        }
    }

    private Set<String> addresses(Session s, List<String> raw, Object owner) {
        try {
            return addresses.check(s, raw, owner);
        } catch (AddressPolicy.Refused e) {
            throw new ApiException(e.taken() ? 409 : 400, e.getMessage());
        }
    }

    /** Runs a change; a unique key the checks before it could not see (a race) is a 409 too. */
    private <T> T write(java.util.function.Function<Session, T> work, String conflict) {
        try {
            return database.inTransaction(work);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ConstraintViolationException violation) {
                    boolean address = violation.getConstraintName() != null && violation.getConstraintName()
                            .toLowerCase(Locale.ROOT).contains("uq_person_address");
                    throw new ApiException(409, address ? "an address in this request was just given to someone"
                            + " else" : conflict);
                }
            }
            throw e;
        }
    }

    private static List<String> strings(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(JsonNode::asText).toList();
    }

    private EmployeeView view(Employee e) {
        return new EmployeeView(e.id(), e.login(), e.name(), e.email(), List.copyOf(e.additionalEmails()), e.active(),
                at(e.login()));
    }

    private ProjectView view(Project p) {
        return new ProjectView(p.id(), p.number(), p.name(), p.accountId(), p.closedTaskReply().name(),
                p.strangerMail() == null ? null : p.strangerMail().name(), at("project+" + p.number()));
    }

    private VirtualAddressView view(VirtualAddress v) {
        return new VirtualAddressView(v.id(), v.name(), v.description(),
                v.project() == null ? null : v.project().number(), at(v.name()));
    }

    private List<String> at(String local) {
        return domains.stream().map(d -> local + "@" + d).toList();
    }

    private static String required(JsonNode json, String field) {
        String value = optional(json, field);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return value.strip();
    }

    private static String optional(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String name(String field, String value) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
            throw ApiException.badRequest(field + " '" + value + "' must be 1-64 letters, digits, '.', '_' or '-',"
                    + " and not one of " + RESERVED);
        }
        return name;
    }
}
