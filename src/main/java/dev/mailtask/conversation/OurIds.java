package dev.mailtask.conversation;

import dev.mailtask.directory.MailAccount;
import dev.mailtask.outbound.MessageIds;
import dev.mailtask.store.Database;
import java.util.List;

/** Our Message-IDs, signed with the installation's key (made on first use and kept in the database). */
public final class OurIds {

    private final Database database;
    private final String domain;
    private volatile MessageIds ids;

    public OurIds(Database database, List<MailAccount> accounts) {
        this.database = database;
        this.domain = accounts.stream().filter(a -> a.smtp() != null).findFirst()
                .or(() -> accounts.stream().findFirst())
                .map(a -> a.address().substring(a.address().lastIndexOf('@') + 1)).orElse("mailtask.invalid");
    }

    public MessageIds get() {
        MessageIds current = ids;
        if (current == null) {
            byte[] key = database.inTransaction(s -> InstanceSetting.secret(s, "message-id-key"));
            current = new MessageIds(domain, key);
            ids = current;
        }
        return current;
    }
}
