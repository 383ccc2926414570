package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Keycloak from its distribution (unpacked from Maven Central by the build), in development mode, its data in the
 * stack's PostgreSQL so that it survives restarts. The realm {@code deploy/keycloak/tom-realm.json} is imported on the
 * first start; later starts keep the realm as it is.
 */
public final class Keycloak extends ProcessComponent {
    static final String REALM = "tom";
    /** The console's origin as the realm file gives it (its redirect URI). */
    static final String CONSOLE_ORIGIN = "http://localhost:8080";
    /** DEMO ONLY: the local stack's Keycloak administrator. */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final StackConfig config;

    Keycloak(StackConfig config) {
        super("keycloak", config.data());
        this.config = config;
    }

    /** The unpacked distribution: its folder name carries the version the build unpacked. */
    static Path home(StackConfig config) {
        try (var dirs = Files.list(config.buildOutput())) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-") && Files.isDirectory(d))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Keycloak is not unpacked in " + config.buildOutput()
                            + ": build deploy/local-stack first (./tom-assure does)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start() {
        Path home = home(config);
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            // The realm names the console at its usual origin; a stack on other ports signs people in to its own.
            String realm = Files.readString(config.repo().resolve("deploy/keycloak/tom-realm.json"))
                    .replace(CONSOLE_ORIGIN, config.consoleUrl());
            Files.writeString(imports.resolve("tom-realm.json"), realm);
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage the realm", e);
        }
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + config.keycloakPort(),
                "--http-management-port=" + config.keycloakManagementPort(),
                "--health-enabled=true",
                "--import-realm",
                "--db=postgres",
                "--db-url=" + config.jdbcUrl(Postgres.KEYCLOAK_DATABASE),
                "--db-username=" + StackConfig.DB_USER,
                "--db-password=" + StackConfig.DB_PASSWORD);
        process.start(command, Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD), home);
    }

    @Override
    public boolean isReady() {
        return process.isAlive() && Http.ok(config.keycloakHealth());
    }
}
