package io.tomassure.notification.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Ports on 127.0.0.1 for the tests' own webhook receivers, named to the service as its allow-listed origins, as the
 * local stack names its receiver: every other local address stays refused.
 */
public class WebhookReceivers implements QuarkusTestResourceLifecycleManager {

    private static final int[] PORTS = IntStream.range(0, 3).map(i -> freePort()).toArray();

    /** The n-th allow-listed receiver's URL (0 to 2). */
    static String url(int n) {
        return "http://127.0.0.1:" + PORTS[n] + "/hooks";
    }

    static int port(int n) {
        return PORTS[n];
    }

    @Override
    public Map<String, String> start() {
        return Map.of("tom.notification.webhooks.allowed-origins", IntStream.of(PORTS).mapToObj(p -> "http://127.0.0.1:" + p)
                .collect(Collectors.joining(",")));
    }

    @Override
    public void stop() {
        // nothing runs here: each test starts and stops its receivers
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
