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
    private final Kafka kafka;
    private final Keycloak keycloak;
    private final Map<TomService, ServiceProcess> services = new EnumMap<>(TomService.class);
    private final ConsoleProcess console;

    public LocalStack(StackConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.lock = lockData(config.data());
        this.mail = new MailSink(config);
        this.postgres = new Postgres(config);
        this.kafka = new Kafka(config);
        this.keycloak = new Keycloak(config);
        for (TomService service : TomService.values()) {
            services.put(service, new ServiceProcess(config, service));
        }
        this.console = new ConsoleProcess(config);
    }

    /** Starts everything and returns once every part is healthy; on failure, stops what it started and throws. */
    public LocalStack start() {
        try {
            stopOrphans();
            startAndAwait(INFRASTRUCTURE_TIMEOUT, List.of(mail, postgres));
            startAndAwait(INFRASTRUCTURE_TIMEOUT, List.of(kafka, keycloak));
            List<Component> applications = new ArrayList<>(services.values());
            applications.add(console);
            startAndAwait(SERVICE_TIMEOUT, applications);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public StackConfig config() {
        return config;
    }

    public MailSink mail() {
        return mail;
    }

    /** Stops the broker cleanly; the services keep running and their events wait in their outboxes. */
    public void stopKafka() {
        kafka.close();
    }

    public void startKafka() {
        startAndAwait(INFRASTRUCTURE_TIMEOUT, List.of(kafka));
    }

    /** Kills a service outright (SIGKILL), as a crash would. */
    public void killService(TomService service) {
        services.get(service).kill();
    }

    public void startService(TomService service) {
        startAndAwait(SERVICE_TIMEOUT, List.of(services.get(service)));
    }

    /** Stops a service cleanly (SIGTERM), as a rolling restart would. */
    public void stopService(TomService service) {
        services.get(service).close();
    }

    /** Starts a service's process and returns at once, without waiting for it: for timing its start-up. */
    public void launchService(TomService service) {
        services.get(service).start();
    }

    /** The process id of a running service. */
    public long pid(TomService service) {
        return services.get(service).pid();
    }

    /** Stops every part, the services first (together) and the database last. */
    @Override
    public void close() {
        closeTogether(List.of(console));
        closeTogether(List.copyOf(services.values()));
        closeTogether(List.of(keycloak, kafka));
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
        for (Component component : components) {
            progress.accept("starting " + component.name());
            component.start();
        }
        await(timeout, components);
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
                    throw new IllegalStateException(component.name() + " stopped while starting; see " + component.log());
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
        for (ServiceProcess service : services.values()) {
            ChildProcess.stopOrphan(config.data(), service.name());
        }
        ChildProcess.stopOrphan(config.data(), console.name());
        ChildProcess.stopOrphan(config.data(), keycloak.name());
        ChildProcess.stopOrphan(config.data(), kafka.name());
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
