package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scaled-out stack's entry point: HAProxy (Debian's package) on each service's usual port, sending requests in turn
 * to that service's instances that answer their readiness check. Clients, the console included, see one service.
 */
final class EntryPoint extends ProcessComponent {

    static final String HAPROXY = "/usr/sbin/haproxy";

    private final StackConfig config;

    EntryPoint(StackConfig config) {
        super("entry-point", config.data());
        this.config = config;
    }

    /** Whether HAProxy is installed, as a scaled-out stack needs (apt-get install haproxy; .ci/run does it). */
    static boolean installed() {
        return Files.isExecutable(Path.of(HAPROXY));
    }

    @Override
    public void start() {
        if (!installed()) {
            throw new IllegalStateException("a scaled-out stack needs HAProxy: apt-get install haproxy");
        }
        Path dir = config.data().resolve(name());
        Path cfg = dir.resolve("haproxy.cfg");
        try {
            Files.createDirectories(dir);
            Files.writeString(cfg, configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.start(List.of(HAPROXY, "-db", "-f", cfg.toString()), Map.of(), dir);
    }

    @Override
    public boolean isReady() {
        return process.isAlive() && config.servicePorts().keySet().stream().allMatch(s -> Http.ok(config.serviceHealth(s)));
    }

    /**
     * Round robin over the instances that pass {@code /q/health/ready} (checked every second, out after 2 failures);
     * a request a dead instance drops is not retried (it may have been a write), the client sees the error. Streams
     * (Server-Sent Events) may last an hour.
     */
    String configuration() {
        List<String> lines = new ArrayList<>(List.of(
                "global",
                "  maxconn 4096",
                "defaults",
                "  mode http",
                "  timeout connect 2s",
                "  timeout client 1h",
                "  timeout server 1h",
                "  option http-server-close",
                "  option httpchk GET /q/health/ready",
                "  default-server inter 1s fall 2 rise 1"));
        for (TomService service : TomService.values()) {
            lines.add("listen " + service.module());
            lines.add("  bind 127.0.0.1:" + config.servicePorts().get(service));
            lines.add("  balance roundrobin");
            for (int i = 0; i < config.instances(); i++) {
                lines.add("  server " + service.module() + "-" + (i + 1) + " 127.0.0.1:" + config.instancePort(service, i) + " check");
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
