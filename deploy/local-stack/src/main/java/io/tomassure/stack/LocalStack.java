package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole suite on one machine: PostgreSQL, Kafka, Keycloak, an SMTP sink, the four services and the console, started in
 * dependency order, each waited for until healthy; stopped in reverse order. The data folder keeps every part's
 * state, so a restart carries on where the last run stopped.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SERVICE_TIMEOUT = Duration.ofMinutes(2);

    private final StackConfig config;
    private final Consumer<String> progress;
    private final FileLock lock;
    private final MailSink mail;
    private final Postgres postgres;
    private final KafkaCredentials kafkaCredentials;
    private final List<Kafka> kafka = new ArrayList<>();
    private final Keycloak keycloak;
    private final Map<TomService, List<ServiceProcess>> services = new EnumMap<>(TomService.class);
    private final ConsoleProcess console;
    /** In front of the instances when each service runs several; absent otherwise. */
    private final List<EntryPoint> entryPoint = new ArrayList<>();

    public LocalStack(StackConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.lock = lockData(config.data());
        this.mail = new MailSink(config);
        this.postgres = new Postgres(config);
        this.kafkaCredentials = KafkaCredentials.loadOrCreate(config.data().resolve("kafka/credentials.properties"));
        for (StackConfig.KafkaNode node : config.kafka()) {
            kafka.add(new Kafka(config, node, kafkaCredentials));
        }
        this.keycloak = new Keycloak(config);
        for (TomService service : TomService.values()) {
            List<ServiceProcess> instances = new ArrayList<>();
            for (int i = 0; i < config.instances(); i++) {
                instances.add(new ServiceProcess(config, service, i, kafkaCredentials.servicePasswords().get(service)));
            }
            services.put(service, List.copyOf(instances));
        }
        this.console = new ConsoleProcess(config);
        if (config.instances() > 1) {
            entryPoint.add(new EntryPoint(config));
        }
    }

    /** Starts everything and returns once every part is healthy; on failure, stops what it started and throws. */
    public LocalStack start() {
        try {
            stopOrphans();
            // the entry point binds the services' ports first: a port found free but left unbound while the rest
            // starts may be taken meanwhile (as an outgoing connection's local port, say)
            launch(entryPoint);
            startAndAwait(INFRASTRUCTURE_TIMEOUT, List.of(mail, postgres));
            List<Component> infrastructure = new ArrayList<>(kafka);
            infrastructure.add(keycloak);
            startAndAwait(INFRASTRUCTURE_TIMEOUT, infrastructure);
            List<Component> applications = new ArrayList<>(instances());
            applications.add(console);
            startAndAwait(SERVICE_TIMEOUT, applications);
            await(SERVICE_TIMEOUT, entryPoint);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public StackConfig config() {
        return config;
    }

    /** Whether this machine can run a scaled-out stack: its entry point is Debian's HAProxy. */
    public static boolean canScaleOut() {
        return EntryPoint.installed();
    }

    public MailSink mail() {
        return mail;
    }

    /** Kafka client settings that sign in as {@code service}, as that service does. */
    public Map<String, String> kafkaClientSettings(TomService service) {
        Map<String, String> settings = new java.util.HashMap<>(KafkaCredentials.clientSettings(service.module(),
                kafkaCredentials.servicePasswords().get(service)));
        settings.put("bootstrap.servers", config.kafkaBootstrap());
        return settings;
    }

    /** Stops every broker cleanly; the services keep running and their events wait in their outboxes. */
    public void stopKafka() {
        closeTogether(List.copyOf(kafka));
    }

    public void startKafka() {
        startAndAwait(INFRASTRUCTURE_TIMEOUT, kafka);
    }

    /** Kills one Kafka node outright (SIGKILL), as a crash would (its id: 1, 2, 3). */
    public void killKafkaNode(int id) {
        kafka.get(id - 1).kill();
    }

    public void startKafkaNode(int id) {
        startAndAwait(INFRASTRUCTURE_TIMEOUT, List.of(kafka.get(id - 1)));
    }

    /** Stops PostgreSQL cleanly and starts it again, the services running all along. */
    public void restartPostgres(Duration down) {
        postgres.close();
        sleep(down);
        startAndAwait(INFRASTRUCTURE_TIMEOUT, List.of(postgres));
    }

    /** Kills every instance of a service outright (SIGKILL), as a crash would. */
    public void killService(TomService service) {
        services.get(service).forEach(ServiceProcess::kill);
    }

    public void startService(TomService service) {
        startAndAwait(SERVICE_TIMEOUT, services.get(service));
    }

    /** Stops every instance of a service cleanly (SIGTERM), as a rolling restart would. */
    public void stopService(TomService service) {
        closeTogether(List.copyOf(services.get(service)));
    }

    /** Kills one instance of a service outright (its index: 0, 1, ...). */
    public void killInstance(TomService service, int instance) {
        services.get(service).get(instance).kill();
    }

    /** Stops one instance of a service cleanly. */
    public void stopInstance(TomService service, int instance) {
        services.get(service).get(instance).close();
    }

    public void startInstance(TomService service, int instance) {
        startAndAwait(SERVICE_TIMEOUT, List.of(services.get(service).get(instance)));
    }

    /** The name of an instance, as its log, its pid file and PostgreSQL's pg_stat_activity.application_name know it. */
    public String instanceName(TomService service, int instance) {
        return services.get(service).get(instance).name();
    }

    /** Starts a service's (first) process and returns at once, without waiting for it: for timing its start-up. */
    public void launchService(TomService service) {
        services.get(service).get(0).start();
    }

    /** The process id of a running service (its first instance). */
    public long pid(TomService service) {
        return services.get(service).get(0).pid();
    }

    private List<ServiceProcess> instances() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    /** Stops every part, the services first (together) and the database last. */
    @Override
    public void close() {
        closeTogether(List.copyOf(entryPoint));
        closeTogether(List.of(console));
        closeTogether(List.copyOf(instances()));
        List<Component> infrastructure = new ArrayList<>(kafka);
        infrastructure.add(keycloak);
        closeTogether(infrastructure);
        closeTogether(List.of(postgres, mail));
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    private void closeTogether(List<Component> components) {
        List<Thread> stopping = components.stream().map(c -> new Thread(() -> {
            try {
                c.close();
            } catch (RuntimeException e) {
                progress.accept("could not stop " + c.name() + ": " + e.getMessage());
            }
        }, "stop-" + c.name())).toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void startAndAwait(Duration timeout, Collection<? extends Component> components) {
        launch(components);
        await(timeout, components);
    }

    private void launch(Collection<? extends Component> components) {
        for (Component component : components) {
            progress.accept("starting " + component.name());
            component.start();
        }
    }

    /** Polls until every component is ready, saying every few seconds what it is still waiting for. */
    private void await(Duration timeout, Collection<? extends Component> components) {
        long start = System.nanoTime();
        List<Component> waiting = new ArrayList<>(components);
        long lastReport = 0;
        while (!waiting.isEmpty()) {
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            for (Component component : List.copyOf(waiting)) {
                if (component.isReady()) {
                    progress.accept("  ready: " + component.name() + " (" + elapsed + " s)");
                    waiting.remove(component);
                } else if (component.hasExited()) {
                    throw new IllegalStateException(component.name() + " stopped while starting; the end of "
                            + component.log() + ":" + System.lineSeparator() + component.logTail(20));
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (elapsed > timeout.toSeconds()) {
                throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(c -> c.name() + " (see " + c.log() + ")").toList());
            }
            if (elapsed - lastReport >= 5) {
                lastReport = elapsed;
                progress.accept("  waiting for " + String.join(", ", waiting.stream().map(Component::name).toList())
                        + " (" + elapsed + " s)");
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** What a launcher killed outright left running would hold the ports and data: stop it first. */
    private void stopOrphans() {
        List<Component> parts = new ArrayList<>(instances());
        parts.addAll(entryPoint);
        parts.addAll(kafka);
        parts.add(console);
        parts.add(keycloak);
        parts.forEach(part -> ChildProcess.stopOrphan(config.data(), part.name()));
        Postgres.stopOrphan(config.data());
    }

    /** Starts on an empty data folder: whatever an earlier, aborted run left running there is stopped first. */
    public LocalStack startAfresh() {
        stopOrphans();
        try (var files = Files.list(config.data())) {
            for (Path path : files.filter(p -> !p.getFileName().toString().equals("stack.lock")).toList()) {
                try (var tree = Files.walk(path)) {
                    tree.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start();
    }

    /** One stack per data folder: a second launcher on the same folder would corrupt it. */
    private static FileLock lockData(Path data) {
        try {
            Files.createDirectories(data);
            FileChannel channel = FileChannel.open(data.resolve("stack.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("a stack is already running on " + data + " (./tom-assure stop stops it)");
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
