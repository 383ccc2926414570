package io.tomassure.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.tomassure.stack.TomService;

/**
 * Start-up to first request: each service is stopped and started again with the rest of the stack running, and
 * timed from the launch of its JVM to the first 200 of an authenticated API request (token checked against
 * Keycloak's keys). Then its resident memory once idle. Under-load memory is sampled by {@link MemorySampler}.
 */
final class StartupMemory {
    record Result(Map<TomService, double[]> startupMs, Map<TomService, Double> idleMb) {
    }

    /** Each service's highest resident memory in MB, in the load steps sustained and in those past the knee. */
    record Peaks(Map<TomService, Double> sustained, Map<TomService, Double> overloaded) {
    }

    static Result measure(Bench bench, int runs) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        Map<TomService, double[]> startup = new EnumMap<>(TomService.class);
        Map<TomService, Double> idle = new EnumMap<>(TomService.class);
        for (TomService service : TomService.values()) {
            double[] times = new double[runs];
            for (int run = 0; run < runs; run++) {
                bench.stack.stopService(service);
                String token = bench.supplierSystemToken();
                long launched = System.nanoTime();
                bench.stack.launchService(service);
                HttpRequest me = HttpRequest.newBuilder(URI.create(bench.config.serviceUrl(service) + "/api/v1/me"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build();
                while (!ok(client, me)) {
                    if (System.nanoTime() - launched > Duration.ofMinutes(2).toNanos()) {
                        throw new IllegalStateException(service + " did not answer within 2 minutes");
                    }
                    Thread.sleep(5);
                }
                times[run] = (System.nanoTime() - launched) / 1e6;
                bench.log("  %s: first request answered %.0f ms after launch".formatted(service.module(), times[run]));
            }
            startup.put(service, times);
        }
        Thread.sleep(bench.seconds(20).toMillis()); // settled: start-up garbage collected, consumers joined
        for (TomService service : TomService.values()) {
            idle.put(service, bench.residentMb(service));
        }
        bench.log("  idle resident memory (MB): " + idle);
        return new Result(startup, idle);
    }

    private static boolean ok(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    /**
     * The highest resident memory of each service while load steps run, sampled twice a second, kept apart for the
     * steps the stack sustained and for those past the knee (where requests queue and are refused).
     */
    static final class MemorySampler implements AutoCloseable {
        private final Map<TomService, Double> sinceTaken = new EnumMap<>(TomService.class);
        private final Map<TomService, Double> sustained = new EnumMap<>(TomService.class);
        private final Map<TomService, Double> overloaded = new EnumMap<>(TomService.class);
        private final Thread thread;
        private volatile boolean running = true;

        MemorySampler(Bench bench) {
            thread = new Thread(() -> {
                while (running) {
                    for (TomService service : TomService.values()) {
                        try {
                            double mb = bench.residentMb(service);
                            synchronized (sinceTaken) {
                                sinceTaken.merge(service, mb, Math::max);
                            }
                        } catch (java.io.UncheckedIOException missed) {
                            // past the knee the load generator's sockets can take every file descriptor for a
                            // while: this sample is lost, the sampler must not be (it serves every later step)
                        }
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** Runs one load step and files the peaks sampled during it by whether the step was sustained. */
        Stats step(Supplier<Stats> load) {
            take();
            Stats step = load.get();
            take().forEach((service, mb) -> (step.sustained() ? sustained : overloaded).merge(service, mb, Math::max));
            return step;
        }

        private Map<TomService, Double> take() {
            synchronized (sinceTaken) {
                Map<TomService, Double> peaks = new EnumMap<>(sinceTaken);
                sinceTaken.clear();
                return peaks;
            }
        }

        /** The peaks so far, in the steps the stack sustained and in those past the knee. */
        Peaks peaks() {
            return new Peaks(new EnumMap<>(sustained), new EnumMap<>(overloaded));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    private StartupMemory() {
    }

}
