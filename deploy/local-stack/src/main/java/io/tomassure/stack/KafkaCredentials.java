package io.tomassure.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The broker's passwords (SCRAM-SHA-512): the admin's, which the launcher alone uses to set the broker up, and one per
 * service. Made at the first start with a strong random generator and kept in the data folder, readable by its owner
 * only; never in the repository.
 */
record KafkaCredentials(String adminPassword, Map<TomService, String> servicePasswords) {

    static final String ADMIN = "admin";
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The credentials kept in {@code file}, made and kept there first if there are none. */
    static KafkaCredentials loadOrCreate(Path file) {
        try {
            Properties stored = new Properties();
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    stored.load(reader);
                }
            }
            boolean made = false;
            for (String user : users()) {
                if (stored.getProperty(user) == null) {
                    stored.setProperty(user, password());
                    made = true;
                }
            }
            if (made) {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (Writer writer = Files.newBufferedWriter(file)) {
                    stored.store(writer, "Kafka SCRAM-SHA-512 passwords of this local stack: made at its first start");
                }
            }
            Map<TomService, String> services = new EnumMap<>(TomService.class);
            for (TomService service : TomService.values()) {
                services.put(service, stored.getProperty(service.module()));
            }
            return new KafkaCredentials(stored.getProperty(ADMIN), Map.copyOf(services));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Kafka credentials in " + file, e);
        }
    }

    /** The client settings that sign in as {@code user}: what a service is given as its environment, in Kafka's names. */
    static Map<String, String> clientSettings(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM, "sasl.jaas.config",
                jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user, password));
    }

    static String jaas(String module, String user, String password) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static List<String> users() {
        List<String> users = new ArrayList<>(List.of(ADMIN));
        for (TomService service : TomService.values()) {
            users.add(service.module());
        }
        return users;
    }

    private static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
