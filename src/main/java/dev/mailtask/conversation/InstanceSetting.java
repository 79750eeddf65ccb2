package dev.mailtask.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.util.Base64;
import org.hibernate.Session;

/** A value the installation makes once and keeps, such as the key that signs our Message-IDs. */
@Entity
@Table(name = "instance_setting")
public class InstanceSetting {

    @Id
    private String name;

    @Column(name = "setting_value", nullable = false)
    private String value;

    protected InstanceSetting() {
    }

    private InstanceSetting(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * The installation's secret of this name: 32 random bytes made on first use and kept in the database, so
     * every node and every restart signs and verifies with the same key, and nobody has to configure one.
     */
    public static byte[] secret(Session session, String name) {
        InstanceSetting setting = session.find(InstanceSetting.class, name);
        if (setting == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            setting = new InstanceSetting(name, Base64.getEncoder().encodeToString(key));
            session.persist(setting);
        }
        return Base64.getDecoder().decode(setting.value);
    }
}
