package io.tomassure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * The README's configuration table, held to the {@code @ConfigMapping} interfaces: every setting a mapping declares
 * must have its row, named in full ({@code <key>} stands for any one name, as in a map of settings by kind).
 */
public final class ConfigurationTable {

    /** A row's first cell, which names its settings, each in backquotes. */
    private static final Pattern FIRST_CELL = Pattern.compile("^\\| ([^|]+) \\|", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    private ConfigurationTable() {
    }

    /** The settings of {@code mappings} that the README at {@code readme} has no row for. */
    public static List<String> undocumented(Path readme, Class<?>... mappings) {
        List<Pattern> documented = documented(readme);
        List<String> missing = new ArrayList<>();
        for (Class<?> mapping : mappings) {
            for (String setting : settings(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping)) {
                if (documented.stream().noneMatch(row -> row.matcher(setting).matches())) {
                    missing.add(setting);
                }
            }
        }
        return missing;
    }

    /** Fails, naming them, unless the README in the repository's root has a row for every setting of {@code mappings}. */
    public static void assertDocumented(Class<?>... mappings) {
        List<String> missing = undocumented(Path.of("..", "README.md"), mappings);
        if (!missing.isEmpty()) {
            throw new AssertionError("settings without a row in the README's configuration table: " + missing);
        }
    }

    /** Every setting a mapping declares, a map's key as {@code <key>}. */
    static List<String> settings(String prefix, Class<?> group) {
        List<String> names = new ArrayList<>();
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            WithName renamed = method.getAnnotation(WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(method.getName()));
            Type type = method.getGenericReturnType();
            if (method.getReturnType() == Map.class) {
                Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
                if (value instanceof Class<?> nested && nested.isInterface() && nested.getAnnotation(ConfigMapping.class) == null
                        && !nested.getName().startsWith("java.")) {
                    names.addAll(settings(name + ".<key>", nested));
                } else {
                    names.add(name + ".<key>");
                }
            } else if (method.getReturnType().isInterface() && !method.getReturnType().getName().startsWith("java.")) {
                names.addAll(settings(name, method.getReturnType()));
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private static List<Pattern> documented(Path readme) {
        try {
            String text = Files.readString(readme);
            String table = text.substring(text.indexOf("## Configuration"));
            List<Pattern> rows = new ArrayList<>();
            Matcher row = FIRST_CELL.matcher(table);
            while (row.find()) {
                Matcher name = NAME.matcher(row.group(1));
                while (name.find()) {
                    StringBuilder regex = new StringBuilder();
                    for (String part : name.group(1).replace("\"", "").split("(?=<)|(?<=>)")) {
                        regex.append(part.startsWith("<") ? "[^.]+" : Pattern.quote(part));
                    }
                    rows.add(Pattern.compile(regex.toString()));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
