package io.tomassure.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A supplier system's webhook endpoint: keeps every call, answers 204. */
final class WebhookReceiver implements AutoCloseable {
    record Call(String timestamp, String signature, String delivery, String body) {

        /**
         * The documented check: v1 = HMAC-SHA256 over "timestamp.body", keyed with the secret as given; during a
         * rotation the header lists one signature per secret, and any may match.
         */
        boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                        .getBytes(StandardCharsets.UTF_8)))).getBytes(StandardCharsets.UTF_8);
                boolean matches = false;
                for (String candidate : signature.split(",")) {
                    matches |= MessageDigest.isEqual(expected, candidate.strip().getBytes(StandardCharsets.UTF_8));
                }
                return matches;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** Listens on {@code port}: the stack's allow-listed receiver port, the only local one webhooks may reach. */
    WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/tom", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            calls.add(new Call(headers.getFirst("X-TOM-Timestamp"), headers.getFirst("X-TOM-Signature"),
                    headers.getFirst("X-TOM-Delivery"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/hooks/tom";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
