package io.tomassure.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance of one of the four services, run from its packaged application ({@code <module>/target/quarkus-app}):
 * the only one, or one of several behind the stack's entry point.
 */
public final class ServiceProcess extends ProcessComponent {
    /**
     * A small heap that starts small (Serial GC returns what it does not use), bounded code cache and metaspace:
     * what keeps a service near 250 MB resident. TOM_SERVICE_JAVA_OPTS replaces it.
     */
    static final String JAVA_OPTS = "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m "
            + "-XX:MaxMetaspaceSize=160m";

    private final StackConfig config;
    private final TomService service;
    private final int instance;
    private final String kafkaPassword;

    ServiceProcess(StackConfig config, TomService service, int instance, String kafkaPassword) {
        super(config.instances() == 1 ? service.module() : service.module() + "-" + (instance + 1), config.data());
        this.config = config;
        this.service = service;
        this.instance = instance;
        this.kafkaPassword = kafkaPassword;
    }

    TomService service() {
        return service;
    }

    private int port() {
        return config.instancePort(service, instance);
    }

    @Override
    public void start() {
        Path app = packaged(config, service.module());
        process.start(command(app), environment(), app.getParent());
    }

    /**
     * The command that runs a packaged Quarkus application ({@code quarkus-run.jar}) with the services' JVM options,
     * on the services' JDK ({@link #JAVA_HOME}, else this launcher's), from the archive built beside it for a faster
     * start: the AOT cache ({@code app.aot}, JDK 24 and later) when the services have a JDK of their own, else the
     * class-data archive ({@code app-cds.jsa}). Each is only of use to the JDK that built it.
     */
    public static List<String> command(Path app) {
        List<String> command = new ArrayList<>();
        String javaHome = System.getenv(JAVA_HOME);
        command.add(javaHome == null || javaHome.isBlank() ? ChildProcess.javaExecutable()
                : Path.of(javaHome, "bin", "java").toString());
        command.addAll(List.of(javaOptions().split("\\s+")));
        Path cache = app.resolveSibling("app.aot"); // built by -Dquarkus.package.jar.appcds.use-aot on JDK 24+
        Path classes = app.resolveSibling("app-cds.jsa"); // built by -Dquarkus.package.jar.appcds.enabled
        if (javaHome != null && !javaHome.isBlank() && Files.isRegularFile(cache)) {
            command.add("-XX:AOTCache=" + cache);
        } else if (Files.isRegularFile(classes)) {
            command.add("-XX:SharedArchiveFile=" + classes);
        }
        command.addAll(List.of("-jar", app.toString()));
        return command;
    }

    /** Names a JDK 24 or later for the services, which then start from its AOT cache; unset, they run on this JDK. */
    public static final String JAVA_HOME = "TOM_SERVICE_JAVA_HOME";

    /** The packaged application of a module, refused with a clear message when it is not built. */
    static Path packaged(StackConfig config, String module) {
        Path app = config.repo().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: package the services first (./tom-assure does)");
        }
        return app;
    }

    /** The services' JVM options: TOM_SERVICE_JAVA_OPTS, else {@link #JAVA_OPTS}. */
    public static String javaOptions() {
        return System.getenv().getOrDefault("TOM_SERVICE_JAVA_OPTS", JAVA_OPTS).trim();
    }

    /** Everything a service needs to find the rest of the stack, as the environment the README documents. */
    private Map<String, String> environment() {
        Map<String, String> environment = new java.util.HashMap<>(Map.ofEntries(
                // glibc's per-thread arenas would add tens of MB resident for nothing
                Map.entry("MALLOC_ARENA_MAX", "2"),
                Map.entry("QUARKUS_HTTP_PORT", Integer.toString(port())),
                // this machine only: the demo logins must not be reachable from the network
                Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                // named, so that PostgreSQL's pg_stat_activity says which instance holds a connection (or a lock)
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", config.jdbcUrl(service.database()) + "?ApplicationName=" + name()),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", StackConfig.DB_USER),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", StackConfig.DB_PASSWORD),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap()),
                Map.entry("TOM_OIDC_URL", config.issuer()),
                Map.entry("QUARKUS_MAILER_HOST", "localhost"),
                Map.entry("QUARKUS_MAILER_PORT", Integer.toString(config.smtpPort())),
                // webhooks go to public https hosts only, but for the local receiver, named here by its exact origin
                Map.entry("TOM_NOTIFICATION_WEBHOOKS_ALLOWED_ORIGINS", config.webhookReceiverOrigin())));
        // the broker takes the service only as itself (its user is its name: service-support's configuration)
        environment.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("TOM_KAFKA_PASSWORD", kafkaPassword);
        // the audit log, read as the service itself (its own client's token) to replay a TOM to an earlier instant
        environment.put("TOM_AUDIT_URL", config.serviceUrl(TomService.AUDIT));
        if (service.demoClientSecret() != null) {
            environment.put("TOM_SERVICE_CLIENT_SECRET", service.demoClientSecret());
        }
        return environment;
    }

    @Override
    public boolean isReady() {
        return process.isAlive() && Http.ok("http://localhost:" + port() + "/q/health/ready");
    }

}
