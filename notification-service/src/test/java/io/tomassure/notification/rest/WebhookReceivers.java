package io.tomassure.notification.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The tests' own webhook receivers on 127.0.0.1, named to the service as its allow-listed origins, as the local stack
 * names its receiver: every other local address stays refused. They are bound once, when first used, and held for
 * the whole run (a port found free and bound only later may be taken meanwhile); a test serves on one for a while.
 */
public class WebhookReceivers implements QuarkusTestResourceLifecycleManager {

    private static final int RECEIVERS = 3;
    private static final AtomicReferenceArray<HttpHandler> HANDLERS = new AtomicReferenceArray<>(RECEIVERS);
    private static final HttpServer[] SERVERS = IntStream.range(0, RECEIVERS).mapToObj(WebhookReceivers::bind)
            .toArray(HttpServer[]::new);

    /** The n-th allow-listed receiver's URL (0 to 2). */
    static String url(int n) {
        return "http://127.0.0.1:" + SERVERS[n].getAddress().getPort() + "/hooks";
    }

    /** Serves {@code handler} on the n-th receiver until closed; meanwhile, and after, it answers 404. */
    static AutoCloseable serve(int n, HttpHandler handler) {
        HANDLERS.set(n, handler);
        return () -> HANDLERS.set(n, null);
    }

    @Override
    public Map<String, String> start() {
        return Map.of("tom.notification.webhooks.allowed-origins", IntStream.range(0, RECEIVERS)
                .mapToObj(n -> url(n).replace("/hooks", "")).collect(Collectors.joining(",")));
    }

    @Override
    public void stop() {
        // the receivers outlive each test class: the next one is given the same origins
    }

    private static HttpServer bind(int n) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "webhook-receiver-" + n);
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/hooks", exchange -> {
                try (exchange) {
                    HttpHandler handler = HANDLERS.get(n);
                    if (handler == null) {
                        exchange.sendResponseHeaders(404, -1);
                    } else {
                        handler.handle(exchange);
                    }
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
