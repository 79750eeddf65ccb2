package dev.mailtask.rules;

import dev.mailtask.config.ConfigException;
import dev.mailtask.config.YamlNode;
import dev.mailtask.tasks.TaskStatus;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one rule file ({@code config/rules/<address>.yaml}) into a {@link RuleSet}, validating everything:
 * unknown keys, fields and operators, regular expressions, filter expressions, extraction names used in
 * templates, and the projects and employees it names. The first problem is thrown as a
 * {@link ConfigException} naming file, line and reason. The format is described in the README
 * ("Rules") and shown by {@code config/rules/support.yaml}.
 */
public final class RuleFile {

    private static final Set<String> TOP_KEYS = keys("address", "description", "adminRules", "rules", "default");
    private static final Set<String> RULE_KEYS = keys("name", "conditions", "when", "extract", "action", "set",
            "onlyThisRule");
    private static final Set<String> CONDITION_KEYS = keys("field", "header", "op", "value", "caseSensitive");
    private static final Set<String> EXTRACT_KEYS = keys("name", "in", "after", "before", "regex", "group",
            "caseSensitive");
    private static final Set<String> ACTION_KEYS = keys("createTask", "addComment");
    private static final Set<String> TASK_KEYS = keys("project", "title", "assignees", "participants", "auditors",
            "descriptionPrefix", "descriptionSuffix", "status", "fields");
    private static final Set<String> COMMENT_KEYS = keys("task", "ifNotFound");
    private static final Set<String> FIELD_KEYS = keys("name", "value");
    private static final Set<String> DEFAULT_KEYS = keys("action", "set");
    private static final Set<String> BUILTINS = keys("subject", "from", "fromName");

    private static final Pattern ADDRESS = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,63}");
    private static final Pattern PROJECT_ADDRESS = Pattern.compile("project\\+(\\d{1,9})");
    private static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,100}");
    private static final Pattern TASK_NUMBER = Pattern.compile("#?\\s*\\d{1,18}");

    private RuleFile() {
    }

    public static RuleSet load(Path path, RuleReferences references) {
        return read(YamlNode.load(path), references);
    }

    /** Reads rules from text, e.g. a file sent over REST; {@code name} is what errors call the file. */
    public static RuleSet parse(String name, String yaml, RuleReferences references) {
        return read(YamlNode.parse(name, new StringReader(yaml)), references);
    }

    public static RuleSet read(YamlNode root, RuleReferences references) {
        return new Reader(references).file(root);
    }

    private static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }

    /** The state of reading one file: references, rule names, and templates to check once all names are known. */
    private static final class Reader {
        private final RuleReferences references;
        private final Set<String> ruleNames = new HashSet<>();
        private final Set<String> valueNames = new HashSet<>(BUILTINS);
        private final List<Map.Entry<Template, YamlNode>> templates = new ArrayList<>();

        Reader(RuleReferences references) {
            this.references = references;
        }

        RuleSet file(YamlNode root) {
            Map<String, YamlNode> top = root.mapping(TOP_KEYS);
            YamlNode addressNode = YamlNode.required(root, top, "address");
            String address = addressNode.scalar().strip().toLowerCase(java.util.Locale.ROOT);
            if (!ADDRESS.matcher(address).matches()) {
                throw addressNode.error("address '" + address + "' must be the part before '@' of one of our"
                        + " addresses: a virtual address (support), a login (alice) or project+<number>");
            }
            var project = PROJECT_ADDRESS.matcher(address);
            if (project.matches() && !references.projectExists(Integer.parseInt(project.group(1)))) {
                throw addressNode.error("no project number " + project.group(1));
            }
            String description = top.containsKey("description") ? top.get("description").scalar() : null;
            List<Rule> rules = new ArrayList<>();
            for (String section : List.of("adminRules", "rules")) {
                if (top.containsKey(section)) {
                    for (YamlNode item : top.get(section).sequence()) {
                        rules.add(rule(item, section));
                    }
                }
            }
            DefaultRule defaultRule = top.containsKey("default") ? defaultRule(top.get("default"))
                    : DefaultRule.CREATE_TASK;
            for (Map.Entry<Template, YamlNode> t : templates) {
                for (String name : t.getKey().names()) {
                    if (!valueNames.contains(name)) {
                        throw t.getValue().error("'{" + name + "}' is not a value any rule extracts; known: "
                                + String.join(", ", new java.util.TreeSet<>(valueNames)));
                    }
                }
            }
            return new RuleSet(address, description, root.file(), rules, defaultRule);
        }

        private Rule rule(YamlNode node, String section) {
            Map<String, YamlNode> e = node.mapping(RULE_KEYS);
            YamlNode nameNode = YamlNode.required(node, e, "name");
            String name = nameNode.scalar().strip();
            if (name.isEmpty()) {
                throw nameNode.error("a rule needs a name");
            }
            if (!ruleNames.add(name)) {
                throw nameNode.error("there is already a rule named '" + name + "'");
            }
            YamlNode conditionsNode = e.get("conditions");
            if (conditionsNode == null) {
                throw node.error("rule '" + name + "' has no conditions (write 'conditions: any mail' to match"
                        + " every mail)");
            }
            List<Condition> conditions = conditions(conditionsNode);
            Expression expression;
            String when;
            if (e.containsKey("when")) {
                YamlNode whenNode = e.get("when");
                when = whenNode.scalar().strip();
                try {
                    expression = Expression.parse(when, conditions.size());
                } catch (ExpressionException x) {
                    throw whenNode.error("bad filter expression in 'when': " + x.getMessage());
                }
            } else {
                expression = Expression.all(conditions.size());
                when = expression.toString();
            }
            List<Extraction> extractions = new ArrayList<>();
            if (e.containsKey("extract")) {
                for (YamlNode item : e.get("extract").sequence()) {
                    extractions.add(extraction(item));
                }
            }
            MainAction action = e.containsKey("action") ? action(e.get("action"), false) : null;
            TaskPatch set = e.containsKey("set") ? task(e.get("set")) : TaskPatch.EMPTY;
            if (action == null && set.isEmpty() && extractions.isEmpty()) {
                throw node.error("rule '" + name + "' does nothing: give it an 'action', a 'set' or an 'extract'");
            }
            boolean only = e.containsKey("onlyThisRule") && e.get("onlyThisRule").bool();
            return new Rule(name, section, node.line(), conditions, expression, when, extractions, action, set, only);
        }

        private List<Condition> conditions(YamlNode node) {
            if (isScalar(node)) {
                String written = node.scalar();
                if (ConditionField.byName(written) != ConditionField.ANY_MAIL) {
                    throw node.error("'conditions' is a list of conditions, or 'any mail'");
                }
                return List.of(new Condition(1, ConditionField.ANY_MAIL, null, null, null, false));
            }
            List<YamlNode> items = node.sequence();
            if (items.isEmpty()) {
                throw node.error("no conditions (write 'conditions: any mail' to match every mail)");
            }
            List<Condition> conditions = new ArrayList<>();
            for (YamlNode item : items) {
                conditions.add(condition(item, conditions.size() + 1));
            }
            return conditions;
        }

        private Condition condition(YamlNode node, int number) {
            Map<String, YamlNode> e = node.mapping(CONDITION_KEYS);
            ConditionField field;
            String header = null;
            if (e.containsKey("field") == e.containsKey("header")) {
                throw node.error("condition " + number + " needs either 'field' (" + ConditionField.choices()
                        + ") or 'header' (a header name)");
            }
            if (e.containsKey("header")) {
                field = ConditionField.HEADER;
                header = e.get("header").scalar().strip();
                if (!HEADER_NAME.matcher(header).matches()) {
                    throw e.get("header").error("'" + header + "' is not a header name");
                }
            } else {
                String written = e.get("field").scalar();
                field = ConditionField.byName(written);
                if (field == null) {
                    throw e.get("field").error("unknown field '" + written + "'; fields: " + ConditionField.choices()
                            + "; for a header write 'header: <name>'");
                }
            }
            boolean caseSensitive = e.containsKey("caseSensitive") && e.get("caseSensitive").bool();
            if (field.standalone()) {
                for (String key : List.of("op", "value", "caseSensitive")) {
                    if (e.containsKey(key)) {
                        throw e.get(key).error("'" + field.label() + "' takes no '" + key + "'"
                                + (field == ConditionField.HAS_ATTACHMENT
                                        ? " (for mail without attachments write 'not " + number + "' in 'when')" : ""));
                    }
                }
                return new Condition(number, field, null, null, null, false);
            }
            YamlNode opNode = YamlNode.required(node, e, "op");
            Operator op = Operator.byName(opNode.scalar());
            if (op == null) {
                throw opNode.error("unknown op '" + opNode.scalar() + "'; ops: " + Operator.choices());
            }
            YamlNode valueNode = YamlNode.required(node, e, "value");
            String value = valueNode.literal();
            if (value.isEmpty()) {
                throw valueNode.error("the value is empty");
            }
            try {
                return new Condition(number, field, header, op, value, caseSensitive);
            } catch (PatternSyntaxException x) {
                throw badRegex(valueNode, x);
            }
        }

        private Extraction extraction(YamlNode node) {
            Map<String, YamlNode> e = node.mapping(EXTRACT_KEYS);
            YamlNode nameNode = YamlNode.required(node, e, "name");
            String name = nameNode.scalar().strip();
            if (!VALUE_NAME.matcher(name).matches()) {
                throw nameNode.error("value name '" + name + "' must be a letter followed by letters, digits or '_'");
            }
            if (BUILTINS.contains(name)) {
                throw nameNode.error("'" + name + "' is a built-in value (" + String.join(", ", BUILTINS)
                        + "); choose another name");
            }
            valueNames.add(name);
            Extraction.Source source = Extraction.Source.BOTH;
            if (e.containsKey("in")) {
                String written = Words.key(e.get("in").scalar());
                source = switch (written) {
                    case "subject" -> Extraction.Source.SUBJECT;
                    case "body" -> Extraction.Source.BODY;
                    case "both", "subjectandbody", "subjectorbody" -> Extraction.Source.BOTH;
                    default -> throw e.get("in").error("'in' is subject, body or both, not '"
                            + e.get("in").scalar() + "'");
                };
            }
            boolean caseSensitive = e.containsKey("caseSensitive") && e.get("caseSensitive").bool();
            boolean label = e.containsKey("after");
            if (label == e.containsKey("regex")) {
                throw node.error("extraction '" + name + "' needs either 'after' (with optional 'before') or 'regex'");
            }
            if (e.containsKey("before") && !label) {
                throw e.get("before").error("'before' goes with 'after': the value is the text between them");
            }
            if (e.containsKey("group") && label) {
                throw e.get("group").error("'group' goes with 'regex'");
            }
            if (label) {
                String after = e.get("after").literal();
                if (after.isEmpty()) {
                    throw e.get("after").error("'after' is empty");
                }
                String before = e.containsKey("before") ? e.get("before").literal() : null;
                if (before != null && before.isEmpty()) {
                    throw e.get("before").error("'before' is empty");
                }
                return Extraction.afterLabel(name, source, after, before, caseSensitive);
            }
            YamlNode regexNode = e.get("regex");
            Pattern pattern;
            try {
                pattern = Pattern.compile(regexNode.literal(),
                        caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException x) {
                throw badRegex(regexNode, x);
            }
            int groups = pattern.matcher("").groupCount();
            int group = groups > 0 ? 1 : 0;
            if (e.containsKey("group")) {
                group = e.get("group").integer(0, Integer.MAX_VALUE);
                if (group > groups) {
                    throw e.get("group").error("the regex has " + groups + " group" + (groups == 1 ? "" : "s")
                            + "; there is no group " + group);
                }
            }
            return Extraction.regex(name, source, pattern, group);
        }

        private MainAction action(YamlNode node, boolean isDefault) {
            if (isScalar(node)) {
                String written = node.scalar();
                RuleAction type = switch (Words.key(written)) {
                    case "createtask" -> RuleAction.CREATE_TASK;
                    case "ignore" -> RuleAction.IGNORE;
                    case "contactonly" -> RuleAction.CONTACT_ONLY;
                    case "addcomment" -> throw node.error("'add comment' needs the task: write addComment: {task: ...}");
                    default -> throw node.error("unknown action '" + written
                            + "'; actions: create task, add comment, contact only, ignore");
                };
                if (isDefault && type == RuleAction.CONTACT_ONLY) {
                    throw node.error("the default rule either creates a task or ignores the mail");
                }
                return MainAction.simple(type);
            }
            Map<String, YamlNode> e = node.mapping(ACTION_KEYS);
            if (e.size() != 1) {
                throw node.error("an action is one of: ignore, contact only, create task, createTask: {...},"
                        + " addComment: {...}");
            }
            if (e.containsKey("createTask")) {
                YamlNode settings = e.get("createTask");
                TaskPatch task = isScalar(settings) && settings.literal().isEmpty() ? TaskPatch.EMPTY : task(settings);
                return new MainAction(RuleAction.CREATE_TASK, task, null, null);
            }
            YamlNode comment = e.get("addComment");
            if (isDefault) {
                throw comment.error("the default rule either creates a task or ignores the mail");
            }
            Map<String, YamlNode> c = comment.mapping(COMMENT_KEYS);
            YamlNode taskNode = YamlNode.required(comment, c, "task");
            String taskText = taskNode.scalar().strip();
            Template task = template(taskText, taskNode);
            if (task.constant() && !TASK_NUMBER.matcher(taskText).matches()) {
                throw taskNode.error("task '" + taskText + "' is neither a task number nor a template such as"
                        + " '{ticket}'");
            }
            IfNotFound ifNotFound = IfNotFound.CREATE_TASK;
            if (c.containsKey("ifNotFound")) {
                String written = c.get("ifNotFound").scalar();
                ifNotFound = switch (Words.key(written)) {
                    case "ignore" -> IfNotFound.IGNORE;
                    case "createtask" -> IfNotFound.CREATE_TASK;
                    default -> throw c.get("ifNotFound").error("ifNotFound is 'ignore' or 'create task', not '"
                            + written + "'");
                };
            }
            return new MainAction(RuleAction.ADD_COMMENT, TaskPatch.EMPTY, task, ifNotFound);
        }

        private TaskPatch task(YamlNode node) {
            Map<String, YamlNode> e = node.mapping(TASK_KEYS);
            Template project = null;
            if (e.containsKey("project")) {
                YamlNode p = e.get("project");
                project = template(p.scalar().strip(), p);
                if (project.constant()) {
                    int number = p.integer(1, 999_999_999);
                    if (!references.projectExists(number)) {
                        throw p.error("no project number " + number);
                    }
                }
            }
            TaskStatus status = null;
            if (e.containsKey("status")) {
                String written = Words.key(e.get("status").scalar());
                status = switch (written) {
                    case "open" -> TaskStatus.OPEN;
                    case "closed" -> TaskStatus.CLOSED;
                    default -> throw e.get("status").error("status is 'open' or 'closed', not '"
                            + e.get("status").scalar() + "'");
                };
            }
            Map<String, Template> fields = new LinkedHashMap<>();
            if (e.containsKey("fields")) {
                for (YamlNode item : e.get("fields").sequence()) {
                    Map<String, YamlNode> f = item.mapping(FIELD_KEYS);
                    String name = YamlNode.required(item, f, "name").scalar().strip();
                    if (name.isEmpty()) {
                        throw f.get("name").error("a field needs a name");
                    }
                    if (fields.containsKey(name)) {
                        throw f.get("name").error("field '" + name + "' is set twice");
                    }
                    YamlNode value = YamlNode.required(item, f, "value");
                    fields.put(name, template(value.literal(), value));
                }
            }
            return new TaskPatch(project, text(e.get("title")), logins(e.get("assignees")),
                    logins(e.get("participants")), logins(e.get("auditors")), text(e.get("descriptionPrefix")),
                    text(e.get("descriptionSuffix")), status, fields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(fields));
        }

        private DefaultRule defaultRule(YamlNode node) {
            if (isScalar(node)) {
                return new DefaultRule(action(node, true), TaskPatch.EMPTY);
            }
            Map<String, YamlNode> e = node.mapping(DEFAULT_KEYS);
            MainAction action = action(YamlNode.required(node, e, "action"), true);
            TaskPatch set = e.containsKey("set") ? task(e.get("set")) : TaskPatch.EMPTY;
            return new DefaultRule(action, set);
        }

        private Template text(YamlNode node) {
            return node == null ? null : template(node.literal(), node);
        }

        private List<Template> logins(YamlNode node) {
            if (node == null) {
                return null;
            }
            List<Template> logins = new ArrayList<>();
            if (isScalar(node) && node.literal().isEmpty()) {
                return List.of();
            }
            for (YamlNode item : isScalar(node) ? List.of(node) : node.sequence()) {
                String login = item.scalar().strip();
                Template t = template(login, item);
                if (t.constant()) {
                    if (!login.matches("[A-Za-z0-9._-]{1,64}")) {
                        throw item.error("'" + login + "' is not an employee login");
                    }
                    if (!references.employeeExists(login)) {
                        throw item.error("no employee with login '" + login + "'");
                    }
                }
                logins.add(t);
            }
            return List.copyOf(logins);
        }

        private Template template(String text, YamlNode node) {
            Template t = Template.of(text);
            if (!t.constant()) {
                templates.add(Map.entry(t, node));
            }
            return t;
        }
    }

    private static ConfigException badRegex(YamlNode node, PatternSyntaxException x) {
        return node.error("bad regex '" + x.getPattern() + "': " + x.getDescription()
                + (x.getIndex() < 0 ? "" : x.getIndex() >= x.getPattern().length() ? " at the end"
                        : " at position " + (x.getIndex() + 1)));
    }

    private static boolean isScalar(YamlNode node) {
        try {
            node.literal();
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }
}
