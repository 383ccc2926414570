package io.tomassure.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

class WebhookRulesTest {

    @Test
    void onlyPublicInternetAddressesAreReachable() throws Exception {
        for (String inside : List.of("127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1",
                "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "192.0.0.8", "192.0.2.1",
                "198.18.0.1", "198.51.100.2", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
                "255.255.255.255", "::", "::1", "fd00::1", "fc00::1", "fe80::1", "fec0::1", "ff02::1", "64:ff9b::a00:1",
                "2002:c0a8:101::", "2001::1", "2001:db8::1", "100::1", "::7f00:1")) {
            assertThat(EgressRule.isPublic(InetAddress.getByName(inside))).as(inside).isFalse();
        }
        for (String outside : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "11.0.0.1",
                "2a00:1450:4009:81f::200e", "2606:4700::1111")) {
            assertThat(EgressRule.isPublic(InetAddress.getByName(outside))).as(outside).isTrue();
        }
    }

    @Test
    void aWebhookIsAnHttpsUrlWithoutCredentialsOutsideDevelopment() {
        Set<String> none = Set.of();
        assertThat(EgressRule.refusal(URI.create("https://hooks.example.org/tom"), false, none)).isEmpty();
        assertThat(EgressRule.refusal(URI.create("http://hooks.example.org/tom"), false, none)).contains("must be an https URL");
        assertThat(EgressRule.refusal(URI.create("http://hooks.example.org/tom"), true, none)).isEmpty();
        assertThat(EgressRule.refusal(URI.create("https://me:pw@hooks.example.org/"), false, none)).isPresent();
        assertThat(EgressRule.refusal(URI.create("https://hooks.example.org/#x"), false, none)).isPresent();
        assertThat(EgressRule.refusal(URI.create("https://[::ffff:10.0.0.1]/"), false, none)).isPresent();
        assertThat(EgressRule.refusal(URI.create("file:///etc/passwd"), true, none)).isPresent();
    }

    @Test
    void anAllowListedOriginIsExemptByExactOriginOnly() {
        Set<String> allowed = Set.of("http://localhost:8099");
        assertThat(EgressRule.refusal(URI.create("http://localhost:8099/hooks/tom"), false, allowed)).isEmpty();
        assertThat(EgressRule.allowListed(URI.create("http://LOCALHOST:8099/x"), allowed)).isTrue();
        assertThat(EgressRule.allowListed(URI.create("http://localhost:8083/api"), allowed)).isFalse();
        assertThat(EgressRule.allowListed(URI.create("https://localhost:8099/x"), allowed)).isFalse();
        assertThat(EgressRule.origin(URI.create("https://Example.org/x"))).isEqualTo("https://example.org:443");
    }

    @Test
    void failuresAreCategoriesNotText() {
        assertThat(DeliveryFailure.ofStatus(204)).isNull();
        assertThat(DeliveryFailure.ofStatus(302)).isEqualTo(DeliveryFailure.HTTP_3XX);
        assertThat(DeliveryFailure.ofStatus(404).category()).isEqualTo("http-4xx");
        assertThat(DeliveryFailure.ofStatus(503).category()).isEqualTo("http-5xx");
        assertThat(DeliveryFailure.of(new ConnectException("Connection refused: /10.0.0.1:22"))).isEqualTo(DeliveryFailure.REFUSED);
        assertThat(DeliveryFailure.of(new RuntimeException(new TimeoutException()))).isEqualTo(DeliveryFailure.TIMEOUT);
        assertThat(DeliveryFailure.of(new UnknownHostException("x"))).isEqualTo(DeliveryFailure.DNS);
        assertThat(DeliveryFailure.of(new SSLHandshakeException("PKIX path"))).isEqualTo(DeliveryFailure.TLS);
        assertThat(DeliveryFailure.of(new IllegalStateException("odd"))).isEqualTo(DeliveryFailure.IO);
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        String header = WebhookSignature.sign(List.of("new-secret", "old-secret"), now.getEpochSecond(), "{}");
        String timestamp = Long.toString(now.getEpochSecond());
        assertThat(header).startsWith("v1=").contains(",v1=");
        assertThat(WebhookSignature.verify("new-secret", header, timestamp, "{}", now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("old-secret", header, timestamp, "{}", now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("other", header, timestamp, "{}", now, Duration.ofMinutes(5))).isFalse();
    }
}
