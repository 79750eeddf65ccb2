/**
 * Mail rules: per address, what to do with a mail — plain Java, no Camel.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * RuleFiles files = new RuleFiles(Path.of("config/rules"), references);   // references: projects, employees
 * files.reloadIfChanged();                                  // at start, then from a timer (or RuleFileWatcher)
 * MailFacts facts = MailFacts.of(mail);                     // once per mail, shared by every address's rules
 * RuleDecision d = files.ruleSet("support").orElse(RuleSet.defaultOnly("support")).evaluate(facts);
 * d.action(); d.task(); d.comment(); d.values(); d.trace();  // the trace is plain records: store it, show it
 * }</pre>
 *
 * <h2>Rule files</h2>
 * One YAML file per address in {@code config/rules/} (see {@code config/rules/support.yaml}):
 * <pre>
 * address: support              # the part before '@': a virtual address, a login, or project+N
 * description: Help desk        # optional
 * adminRules: [...]             # optional; rules set by an administrator, tried before "rules"
 * rules:
 *   - name: Invoices            # unique in the file; the trace names rules by it
 *     conditions:               # numbered 1, 2, 3 ... in the order written
 *       - {field: subject, op: contains, value: invoice}
 *       - {header: X-Priority, op: starts with, value: "1"}
 *       - {field: has attachment}
 *     when: 1 and (2 or 3)      # optional; default: all conditions ("1 and 2 and 3")
 *     extract:                  # optional; named values for the texts below
 *       - {name: invoice, in: subject, regex: "INV-(\\d+)"}
 *     action:                   # optional: the main action (see below)
 *       createTask: {project: 1, title: "Invoice {invoice}: {subject}", assignees: [bob]}
 *     set:                      # optional: task fields set whatever the action
 *       participants: [alice]
 *     onlyThisRule: true        # optional: when this rule matches, it alone applies
 * default:                      # optional; default "create task"
 *   action: {createTask: {project: 1}}
 * </pre>
 *
 * <h3>Conditions</h3>
 * {@code field} is one of: {@code from} (sender address), {@code from name}, {@code to}, {@code cc},
 * {@code any recipient} (To, Cc, Delivered-To, X-Original-To), {@code subject}, {@code body} (the text body;
 * for HTML-only mail its text rendering), {@code attachment name}, {@code has attachment} and {@code any mail}
 * (the last two take no op or value); or {@code header: <name>} for any header (every occurrence is looked at;
 * a missing header has no values). {@code op} is one of: {@code contains}, {@code not contains},
 * {@code equals}, {@code starts with}, {@code ends with}, {@code regex} (a Java regular expression found
 * anywhere in the text; anchor with ^ and $). Comparisons ignore case unless {@code caseSensitive: true}.
 * On fields with several values a condition holds when any value matches; {@code not contains} holds when
 * none contains the value (so it holds for an empty Cc). Inline parts (images in HTML) are not attachments.
 * {@code conditions: any mail} is short for one condition that always holds.
 *
 * <h3>Filter expression</h3>
 * {@code when} combines condition numbers with {@code and}, {@code or}, {@code not} and parentheses;
 * {@code not} binds tightest, then {@code and}, then {@code or}. Errors name the position:
 * {@code expected a condition number at position 8 in '(1 and )'}.
 *
 * <h3>Extraction</h3>
 * Each item has a {@code name} and takes its value from {@code in: subject | body | both} (default both,
 * subject first) by one method: {@code after: "Label:"} (the rest of that line), {@code after} + {@code before}
 * (the text between two labels), or {@code regex} (+ optional {@code group}, default 1 when the regex has a
 * group, else the whole match). Labels ignore case unless {@code caseSensitive: true}. Values are trimmed, at
 * most 1,000 characters; several items with one name: the first that finds a value wins.
 *
 * <h3>Actions</h3>
 * {@code action: ignore}, {@code action: contact only}, {@code action: create task}, or
 * {@code action: {createTask: {...}}} with settings {@code project}, {@code title}, {@code assignees},
 * {@code participants}, {@code auditors} (logins), {@code descriptionPrefix}, {@code descriptionSuffix},
 * {@code status} (open | closed), {@code fields} (a list of {@code {name, value}}), or
 * {@code action: {addComment: {task: "{ticket}", ifNotFound: ignore | create task}}} (task: a number or a
 * template; default if not found: create task). {@code set:} takes the same settings as {@code createTask}.
 * Any text may hold {@code {name}} for an extracted value, and the built-ins {@code {subject}} (subject without
 * Re:/Fwd:), {@code {from}} and {@code {fromName}}; a value not found is empty.
 *
 * <h3>Order and merging</h3>
 * Rules are tried top to bottom (admin rules first). Every matching rule applies: its extracted values and
 * settings override earlier ones (people lists — assignees, participants, auditors — are joined); the last matching rule with an action
 * decides the action. A matching rule with {@code onlyThisRule} applies alone: earlier matches are dropped and
 * later rules are not tried (the first such rule wins). The default rule's settings are the base of the merge;
 * its action (create task or ignore) is taken when no matching rule has one.
 *
 * <h3>Safety</h3>
 * Files are validated completely on load (unknown keys, fields, operators, bad regexes and expressions,
 * unknown projects and employees, templates naming values nobody extracts); a bad file is rejected with
 * {@code file:line: reason} and the address keeps its previous rules. Rules see the first 100,000 characters
 * of the body and of each header value; each regex search runs on a budget of character reads and counts as
 * "no match" when it would backtrack catastrophically (the trace says so).
 */
package dev.mailtask.rules;
