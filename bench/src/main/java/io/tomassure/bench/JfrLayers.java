package io.tomassure.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording ({@link FlightRecording}) read as a profile by layer of the stack: each CPU sample and each
 * allocation sample charged to the library of the innermost frame outside the JDK (Hibernate, the JDBC driver,
 * Jackson, Vert.x, ...), the JDK's own classes being charged to whoever called them; then the hottest methods and the
 * collector's pauses. Run as {@code java bench/src/main/java/io/tomassure/bench/JfrLayers.java [--from INSTANT
 * --to INSTANT] <file.jfr>...}: a dump holds whole chunks of the recording, so the step's own stretch is picked by its
 * instants (ISO 8601, e.g. 2026-12-07T19:05:28Z), which the harness prints with each file. Classes that Quarkus
 * generates beside ours (client proxies, intercepted subclasses, REST invokers) are charged to CDI and REST.
 */
public final class JfrLayers {
    private static final String USAGE = "usage: JfrLayers [--from INSTANT --to INSTANT] <file.jfr>...";
    /** Package prefixes and the layer each belongs to, the first that matches winning. */
    private static final List<Map.Entry<String, String>> LAYERS = List.of(
            Map.entry("org.postgresql.", "JDBC driver (PostgreSQL)"),
            Map.entry("io.agroal.", "connection pool (Agroal)"),
            Map.entry("org.hibernate.validator.", "bean validation"),
            Map.entry("io.quarkus.hibernate.validator.", "bean validation"),
            Map.entry("org.hibernate.", "Hibernate ORM"),
            Map.entry("io.quarkus.hibernate.", "Hibernate ORM"),
            Map.entry("com.fasterxml.jackson.", "JSON (Jackson)"),
            Map.entry("io.netty.", "HTTP and I/O (Vert.x, Netty)"),
            Map.entry("io.vertx.", "HTTP and I/O (Vert.x, Netty)"),
            Map.entry("org.jboss.resteasy.", "REST (RESTEasy Reactive)"),
            Map.entry("io.quarkus.resteasy.", "REST (RESTEasy Reactive)"),
            Map.entry("javaq.", "REST (RESTEasy Reactive)"), // its generated parameter converters
            Map.entry("com.github.benmanes.caffeine.", "caches (Caffeine)"),
            Map.entry("org.jboss.threads.", "worker threads (JBoss Threads)"),
            Map.entry("io.micrometer.", "metrics (Micrometer)"),
            Map.entry("io.quarkus.oidc.", "tokens (OIDC, JWT)"),
            Map.entry("io.smallrye.jwt.", "tokens (OIDC, JWT)"),
            Map.entry("org.jose4j.", "tokens (OIDC, JWT)"),
            Map.entry("org.eclipse.microprofile.jwt.", "tokens (OIDC, JWT)"),
            Map.entry("io.quarkus.security.", "security"),
            Map.entry("io.quarkus.vertx.http.runtime.security.", "security"),
            Map.entry("org.apache.kafka.", "Kafka client"),
            Map.entry("io.smallrye.reactive.messaging.", "messaging (SmallRye)"),
            Map.entry("io.quarkus.narayana.", "transactions (Narayana)"),
            Map.entry("com.arjuna.", "transactions (Narayana)"),
            Map.entry("io.quarkus.arc.", "CDI (ArC)"),
            Map.entry("io.tomassure.", "TOM Assure's code"),
            Map.entry("io.smallrye.mutiny.", "Mutiny"),
            Map.entry("org.jboss.logging.", "logging"),
            Map.entry("org.jboss.logmanager.", "logging"),
            Map.entry("io.quarkus.", "Quarkus, other"),
            Map.entry("io.smallrye.", "SmallRye, other"));

    public static void main(String[] args) throws IOException {
        List<String> files = new ArrayList<>(List.of(args));
        Instant from = option(files, "--from", Instant.MIN);
        Instant to = option(files, "--to", Instant.MAX);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        for (String file : files) {
            System.out.println(describe(Path.of(file), from, to));
        }
    }

    private static Instant option(List<String> args, String name, Instant otherwise) {
        int at = args.indexOf(name);
        if (at < 0) {
            return otherwise;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " wants an instant; " + USAGE);
        }
        Instant instant = Instant.parse(args.get(at + 1));
        args.subList(at, at + 2).clear();
        return instant;
    }

    /** The profile of one recording's events that started between {@code from} and {@code to}, as Markdown tables. */
    static String describe(Path file, Instant from, Instant to) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> !e.getStartTime().isBefore(from) && !e.getStartTime().isAfter(to)).toList();
        List<RecordedEvent> cpu = named(events, "jdk.ExecutionSample");
        if (cpu.isEmpty()) {
            return "**%s**: no CPU samples between %s and %s".formatted(file.getFileName(), from, to);
        }
        List<RecordedEvent> allocations = named(events, "jdk.ObjectAllocationSample");
        List<RecordedEvent> pauses = named(events, "jdk.GarbageCollection");
        Duration span = Duration.between(cpu.stream().map(RecordedEvent::getStartTime).min(Comparable::compareTo).orElseThrow(),
                cpu.stream().map(RecordedEvent::getStartTime).max(Comparable::compareTo).orElseThrow());
        double allocated = allocations.stream().mapToDouble(e -> e.getLong("weight")).sum();
        double paused = pauses.stream().mapToDouble(e -> e.getDuration("sumOfPauses").toNanos() / 1e6).sum();
        return """
                **%s**: %d CPU samples of running Java threads in %.0f s; %.0f MB allocated (%.0f MB/s); %d collections, \
                %.0f ms paused in all.

                | layer | CPU samples | allocated |
                |---|---|---|
                %s
                | hottest methods (the frame on the CPU) | CPU samples |
                |---|---|
                %s""".formatted(file.getFileName(), cpu.size(), span.toMillis() / 1000.0, allocated / 1e6,
                allocated / 1e6 / Math.max(0.001, span.toMillis() / 1000.0), pauses.size(), paused,
                layerRows(cpu, allocations), topRows(cpu, 15));
    }

    /**
     * The layer a stack is charged to: that of its innermost frame outside the JDK, or "the JDK alone" when every frame
     * is the JDK's. {@code classNames}: the frames' classes, innermost first.
     */
    static String layer(List<String> classNames) {
        for (String className : classNames) {
            if (className.contains("_ClientProxy") || className.contains("_Subclass") || className.endsWith("_Bean")) {
                return "CDI (ArC)";
            }
            if (className.contains("$quarkusrestinvoker$")) {
                return "REST (RESTEasy Reactive)";
            }
            if (!isJdk(className)) {
                return LAYERS.stream().filter(l -> className.startsWith(l.getKey())).map(Map.Entry::getValue).findFirst()
                        .orElseGet(() -> "other: " + className.replaceFirst("^((?:[a-z0-9_]+\\.){1,2}).*", "$1") + "*");
            }
        }
        return "the JDK alone";
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    private static String layerRows(List<RecordedEvent> cpu, List<RecordedEvent> allocations) {
        Map<String, Double> cpuShare = shares(cpu, e -> 1);
        Map<String, Double> allocationShare = shares(allocations, e -> e.getLong("weight"));
        Set<String> layers = new LinkedHashSet<>(cpuShare.keySet());
        layers.addAll(allocationShare.keySet()); // those that only allocate, last
        StringBuilder rows = new StringBuilder();
        layers.forEach(layer -> rows.append("| %s | %.1f %% | %.1f %% |%n".formatted(layer, cpuShare.getOrDefault(layer, 0.0),
                allocationShare.getOrDefault(layer, 0.0))));
        return rows.toString();
    }

    /** Each layer's share of the events' weight, in percent, largest first. */
    private static Map<String, Double> shares(List<RecordedEvent> events, ToDoubleFunction<RecordedEvent> weight) {
        double total = events.stream().mapToDouble(weight).sum();
        return events.stream().collect(Collectors.groupingBy(e -> layer(classes(e.getStackTrace())),
                Collectors.summingDouble(weight))).entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> 100 * e.getValue() / total, (a, b) -> a, LinkedHashMap::new));
    }

    private static String topRows(List<RecordedEvent> cpu, int count) {
        return cpu.stream().filter(e -> e.getStackTrace() != null && !e.getStackTrace().getFrames().isEmpty())
                .collect(Collectors.groupingBy(e -> method(e.getStackTrace().getFrames().get(0)), Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
                .map(e -> "| `%s` | %.1f %% |".formatted(e.getKey(), 100.0 * e.getValue() / cpu.size()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static List<String> classes(RecordedStackTrace stack) {
        return stack == null ? List.of() : stack.getFrames().stream().map(f -> f.getMethod().getType().getName()).toList();
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private JfrLayers() {
    }
}
