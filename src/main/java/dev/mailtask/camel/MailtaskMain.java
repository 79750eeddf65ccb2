package dev.mailtask.camel;

import java.util.Map;
import org.apache.camel.main.Main;

/**
 * The standalone bundle: {@code java -jar mailtask.jar [profile]}. Reads {@code config/application.properties},
 * then {@code config/application-<profile>.properties} when a profile is given (as argument or
 * {@code MAILTASK_PROFILE}); environment variables override both ({@code MAILTASK_API_TOKEN} for
 * {@code mailtask.api.token}).
 */
public final class MailtaskMain {

    private MailtaskMain() {
    }

    public static void main(String[] args) throws Exception {
        String profile = args.length > 0 ? args[0] : System.getenv("MAILTASK_PROFILE");
        create(profile, Map.of()).run();
    }

    /** A configured, not yet started bundle; {@code overrides} win over every file and the environment. */
    public static Main create(String profile, Map<String, String> overrides) {
        Main main = new Main();
        String locations = "file:config/application.properties";
        if (profile != null && !profile.isBlank()) {
            locations = "file:config/application-" + profile.trim() + ".properties," + locations;
        }
        main.setPropertyPlaceholderLocations(locations);
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
