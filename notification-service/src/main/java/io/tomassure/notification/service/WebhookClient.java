package io.tomassure.notification.service;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.notification.config.NotificationConfig;
import io.tomassure.notification.domain.DeliveryFailure;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * POSTs a delivery to a receiver with Vert.x's client, which connects to a given address while the request (Host,
 * TLS server name and certificate check) names the URL's host: the address is the one {@link WebhookEgress} checked.
 * Redirects are never followed; the whole exchange, up to the response's status, has one deadline; the response body
 * is not read, and no connection is kept, so a receiver can hold nothing of ours beyond that deadline.
 */
@ApplicationScoped
public class WebhookClient {

    private final HttpClient http;
    private final long timeoutMillis;

    WebhookClient(Vertx vertx, NotificationConfig config) {
        this.timeoutMillis = config.webhooks().timeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.webhooks().connectTimeout().toMillis())
                .setKeepAlive(false)
                .setVerifyHost(true)
                .setMaxPoolSize(config.delivery().concurrency()));
    }

    /** Sends {@code body} to {@code target}; null when the receiver answered 2xx, else why not. */
    public DeliveryFailure post(WebhookEgress.Target target, Map<String, String> headers, String body) {
        var url = target.url();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(path)
                .setSsl(https).setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(port, target.address().getHostAddress()));
        headers.forEach(options::addHeader);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        try {
            int status = http.request(options)
                    .compose(request -> {
                        sent.set(request);
                        return request.send(body);
                    })
                    .map(response -> {
                        response.exceptionHandler(ignored -> { }); // the reset below ends it: no error to report
                        return response.statusCode();
                    })
                    .toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
            return DeliveryFailure.ofStatus(status);
        } catch (TimeoutException e) {
            return DeliveryFailure.TIMEOUT;
        } catch (ExecutionException e) {
            return DeliveryFailure.of(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryFailure.IO;
        } finally {
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset(); // ends the exchange here: the body is not read, the connection not kept
            }
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
