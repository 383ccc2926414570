package io.tomassure.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./tom-assure [start] [--demo] [--data DIR]}, {@code ./tom-assure stop} and {@code ./tom-assure status}: the
 * local stack in the foreground, stopped by Ctrl-C or by {@code stop} from another terminal.
 */
public final class Main {
    private static final PrintStream OUT = System.out;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        String command = arguments.isEmpty() || arguments.get(0).startsWith("--") ? "start" : arguments.remove(0);
        boolean demo = arguments.remove("--demo");
        Path repo = StackConfig.findRepo(Path.of(""));
        // ./tom-assure changes into the repository: a relative --data is taken from where it was called.
        Path caller = Path.of(System.getProperty("tom.cwd", ""));
        Path data = option(arguments, "--data").map(caller::resolve).orElse(repo.resolve(".local")).toAbsolutePath().normalize();
        if (!arguments.isEmpty()) {
            usage("unknown arguments: " + arguments);
        }
        StackConfig config = StackConfig.standard(repo, data);
        switch (command) {
            case "start" -> start(config, demo);
            case "stop" -> stop(config);
            case "status" -> status(config);
            default -> usage("unknown command: " + command);
        }
    }

    private static void start(StackConfig config, boolean demo) throws Exception {
        long began = System.nanoTime();
        OUT.println("TOM Assure local stack, data in " + config.data());
        LocalStack stack = new LocalStack(config, OUT::println);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("stopping...");
            stack.close();
            PidFile.delete(launcherPid(config));
            OUT.println("stopped; data kept in " + config.data());
        }, "stack-shutdown"));
        PidFile.write(launcherPid(config), ProcessHandle.current());
        stack.start();
        if (demo) {
            OUT.println("loading demo data...");
            new DemoData(config, OUT::println).withCasesToReview().load();
        }
        OUT.println();
        OUT.println(banner(config, Duration.ofNanos(System.nanoTime() - began)));
        Thread.currentThread().join();
    }

    /** Asks the running launcher to stop (its shutdown hook stops every part in order) and waits for it. */
    private static void stop(StackConfig config) {
        Optional<ProcessHandle> launcher = runningLauncher(config);
        if (launcher.isEmpty()) {
            OUT.println("no stack is running on " + config.data());
            return;
        }
        OUT.println("stopping the stack (pid " + launcher.get().pid() + ")...");
        launcher.get().destroy();
        try {
            launcher.get().onExit().get(3, java.util.concurrent.TimeUnit.MINUTES);
            OUT.println("stopped");
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException | InterruptedException e) {
            OUT.println("still stopping after 3 minutes: see " + config.logs());
        }
    }

    private static void status(StackConfig config) {
        OUT.println(runningLauncher(config).map(h -> "running (pid " + h.pid() + ")").orElse("not running")
                + ", data in " + config.data());
        for (TomService service : TomService.values()) {
            OUT.printf("  %-22s %s%n", service.module(), Http.ok(config.serviceHealth(service)) ? "up" : "down");
        }
        OUT.printf("  %-22s %s%n", "console", Http.ok(config.consoleUrl() + "/q/health/ready") ? "up" : "down");
        OUT.printf("  %-22s %s%n", "keycloak",
                Http.ok(config.keycloakHealth()) ? "up" : "down");
    }

    static String banner(StackConfig config, Duration took) {
        StringBuilder text = new StringBuilder("TOM Assure is up (" + took.toSeconds() + " s). Ctrl-C or ./tom-assure stop stops it.\n\n");
        text.append("  %-22s %s  (sign in with a demo login below)%n".formatted("console", config.consoleUrl()));
        for (TomService service : TomService.values()) {
            text.append("  %-22s %s/q/swagger-ui%n".formatted(service.module(), config.serviceUrl(service)));
        }
        text.append("  %-22s %s/api/v1/audit/stream  (server-sent events)%n".formatted("audit stream", config.serviceUrl(TomService.AUDIT)));
        text.append("  %-22s %s/admin  (DEMO ONLY: %s / %s)%n".formatted("Keycloak", config.keycloakUrl(), Keycloak.ADMIN_USER, Keycloak.ADMIN_PASSWORD));
        text.append("  %-22s %s%n".formatted("token endpoint", config.issuer() + "/protocol/openid-connect/token"));
        text.append("  %-22s localhost:%d, every email kept in %s%n".formatted("SMTP sink", config.smtpPort(), config.data().resolve("mail")));
        text.append("  %-22s %s (the only local origin webhooks may call)%n".formatted("webhook receiver",
                config.webhookReceiverOrigin()));
        text.append("  %-22s %s%n%n".formatted("logs", config.logs()));
        text.append("Demo logins (DEMO ONLY, password \"" + Tokens.DEMO_PASSWORD + "\"):\n");
        for (DemoUser user : DemoUser.values()) {
            text.append("  %-16s %-21s %-6s %s%n".formatted(user.username(), user.role(), user.org(), user.organisation()));
        }
        text.append("  supplier system: client %s, secret %s (client credentials, org %s)%n%n".formatted(
                Tokens.SUPPLIER_SYSTEM_CLIENT, Tokens.SUPPLIER_SYSTEM_SECRET, DemoUser.SUPPLIER.org()));
        text.append("A token:  curl -s -d grant_type=password -d client_id=" + Tokens.LOCAL_TOOLS_CLIENT
                + " -d username=" + DemoUser.SUPPLIER.username() + " -d password=" + Tokens.DEMO_PASSWORD + " "
                + config.issuer() + "/protocol/openid-connect/token\n");
        return text.toString();
    }

    private static Optional<ProcessHandle> runningLauncher(StackConfig config) {
        return PidFile.running(launcherPid(config));
    }

    private static Path launcherPid(StackConfig config) {
        return config.data().resolve("launcher.pid");
    }

    private static Optional<String> option(List<String> arguments, String name) {
        int at = arguments.indexOf(name);
        if (at < 0) {
            return Optional.empty();
        }
        if (at + 1 >= arguments.size()) {
            usage(name + " needs a value");
        }
        String value = arguments.get(at + 1);
        arguments.subList(at, at + 2).clear();
        return Optional.of(value);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ./tom-assure [start] [--demo] [--data DIR] | stop [--data DIR] | status [--data DIR]");
        System.exit(2);
    }
}
