package io.tomassure.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which environment variables a service actually reads. MicroProfile Config looks a property {@code a.b-c} up in the
 * environment as {@code a.b-c}, {@code a_b_c} and {@code A_B_C}; an environment variable that is none of these forms
 * of a known property is silently ignored by the service, which is exactly the mistake these checks catch.
 */
final class ConfigNames {

    /**
     * Real settings that appear in none of the files read below. Kept short on purpose: a new name belongs in the
     * service's application.properties (even as a default) rather than here.
     */
    static final Set<String> ALLOWED = Set.of(
            // The SmallRye Kafka connector's broker list (defaults to localhost:9092, so no file sets it).
            "kafka.bootstrap.servers",
            // quarkus-mailer login and STARTTLS, needed by a real SMTP relay only.
            "quarkus.mailer.username", "quarkus.mailer.password", "quarkus.mailer.start-tls",
            // Not configuration of Quarkus at all: read by run-java.sh, the launcher of the base image.
            "JAVA_OPTS_APPEND");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9._\\-]+)(?::[^}]*)?}");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");

    private ConfigNames() {
    }

    /**
     * The properties {@code service} knows: keys of its application.properties and of the shared
     * microprofile-config.properties (any profile), names those files refer to as {@code ${name}}, names its code
     * injects ({@code @ConfigProperty}, {@code ${name}} in annotations), and {@link #ALLOWED}.
     */
    static Set<String> known(String service) {
        Set<String> names = new TreeSet<>(ALLOWED);
        for (Properties p : new Properties[] { Repo.sharedProperties(), Repo.serviceProperties(service) }) {
            for (String key : p.stringPropertyNames()) {
                names.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
                addAll(EXPRESSION, p.getProperty(key), names);
            }
        }
        try (Stream<Path> sources = Files.walk(Repo.mainSources(service))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                addAll(CONFIG_PROPERTY, code, names);
                addAll(EXPRESSION, code, names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Whether the environment variable {@code env} sets one of {@code properties}, by the MicroProfile rules. */
    static boolean setsOneOf(String env, Collection<String> properties) {
        return properties.stream().anyMatch(p -> env.equals(p) || env.equals(sanitised(p))
                || env.equals(sanitised(p).toUpperCase(Locale.ROOT)));
    }

    private static String sanitised(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static void addAll(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
