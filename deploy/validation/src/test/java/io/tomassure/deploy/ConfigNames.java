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
            // Where Quarkus finds further configuration files: the service's Kafka sign-in, written from a secret.
            "quarkus.config.locations",
            // Not configuration of Quarkus at all: read by run-java.sh, the launcher of the base image.
            "JAVA_OPTS_APPEND");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9._\\-]+)(?::[^}]*)?}");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile(
            "@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)\\s*public\\s+interface\\s+(\\w+)");
    /** An abstract accessor of a mapping interface: {@code Type name();} (default methods have a body). */
    private static final Pattern ACCESSOR = Pattern.compile("(?m)^\\s*([\\w.]+(?:<[^;()]*>)?)\\s+(\\w+)\\(\\)\\s*;");

    private ConfigNames() {
    }

    /**
     * The properties {@code service} knows: keys of its application.properties and of the shared
     * microprofile-config.properties (any profile), names those files refer to as {@code ${name}}, names its code
     * injects ({@code @ConfigProperty}, {@code ${name}} in annotations, {@code @ConfigMapping} interfaces), and
     * {@link #ALLOWED}.
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
                Matcher mapping = CONFIG_MAPPING.matcher(code);
                if (mapping.find()) {
                    mapped(code, mapping.group(2), mapping.group(1), names);
                }
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

    /**
     * The properties of a {@code @ConfigMapping} interface: each accessor is {@code prefix.kebab-name}; an accessor
     * whose type is an interface nested in the file is a group, read with its name as a further prefix.
     */
    private static void mapped(String code, String type, String prefix, Set<String> into) {
        String body = body(code, type);
        int depth = 0;
        StringBuilder own = new StringBuilder(); // the interface's own lines, not those of the groups inside it
        for (char c : body.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0 && c != '}') {
                own.append(c);
            }
        }
        Matcher accessor = ACCESSOR.matcher(own);
        while (accessor.find()) {
            String name = prefix + "." + accessor.group(2).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            String group = accessor.group(1);
            if (Pattern.compile("interface\\s+" + Pattern.quote(group) + "\\b").matcher(code).find()) {
                mapped(code, group, name, into);
            } else {
                into.add(name);
            }
        }
    }

    /** The text between the braces of {@code interface type}. */
    private static String body(String code, String type) {
        Matcher declaration = Pattern.compile("interface\\s+" + Pattern.quote(type) + "\\b[^{]*\\{").matcher(code);
        if (!declaration.find()) {
            return "";
        }
        int depth = 1;
        int i = declaration.end();
        for (; i < code.length() && depth > 0; i++) {
            depth += code.charAt(i) == '{' ? 1 : code.charAt(i) == '}' ? -1 : 0;
        }
        return code.substring(declaration.end(), i - 1);
    }

    private static void addAll(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
