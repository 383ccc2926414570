package io.tomassure.notification.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.notification.config.NotificationConfig;
import io.tomassure.notification.domain.DeliveryFailure;
import io.tomassure.notification.domain.EgressRule;

/**
 * Applies {@link EgressRule} to a webhook's URL: at registration, and again before every send, when the host is
 * resolved and each of its addresses checked. The address checked is the one connected to, so a host whose name
 * resolves to a public address for the check and to an internal one a moment later (DNS rebinding) gains nothing.
 */
@ApplicationScoped
public class WebhookEgress {

    /** Where a delivery goes: the URL, and the checked address to connect to. */
    public record Target(URI url, InetAddress address) {
    }

    /** A URL webhooks may not use: why (for the registrant) and as which delivery failure. */
    public static final class Refused extends Exception {

        private final transient DeliveryFailure failure;

        Refused(String reason, DeliveryFailure failure) {
            super(reason, null, false, false);
            this.failure = failure;
        }

        public DeliveryFailure failure() {
            return failure;
        }
    }

    private final boolean httpAllowed;
    private final Set<String> allowedOrigins;

    WebhookEgress(NotificationConfig config) {
        this.httpAllowed = config.webhooks().allowHttp();
        this.allowedOrigins = config.webhooks().allowedOrigins().orElse(Set.of()).stream().map(URI::create)
                .map(EgressRule::origin).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The target for {@code url}, resolved now, or why it is refused. */
    public Target resolve(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new Refused("must be a URL", DeliveryFailure.BLOCKED_ADDRESS);
        }
        Optional<String> refusal = EgressRule.refusal(uri, httpAllowed, allowedOrigins);
        if (refusal.isPresent()) {
            throw new Refused(refusal.get(), DeliveryFailure.BLOCKED_ADDRESS);
        }
        InetAddress[] addresses;
        try {
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused(PUBLIC_ONLY, DeliveryFailure.DNS);
        }
        if (!EgressRule.allowListed(uri, allowedOrigins) && !Arrays.stream(addresses).allMatch(EgressRule::isPublic)) {
            throw new Refused(PUBLIC_ONLY, DeliveryFailure.BLOCKED_ADDRESS);
        }
        return new Target(uri, addresses[0]);
    }

    /** One answer for a name that does not resolve and one that resolves inside: neither tells what is inside. */
    private static final String PUBLIC_ONLY = "must name a host that resolves to public internet addresses only";
}
