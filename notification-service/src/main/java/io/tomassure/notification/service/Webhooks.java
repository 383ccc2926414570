package io.tomassure.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tomassure.notification.config.NotificationConfig;
import io.tomassure.notification.repository.WebhookRepository;
import io.tomassure.notification.repository.WebhookRepository.Webhook;
import io.tomassure.support.Ids;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.time.TimeSource;

/**
 * An organisation's webhook endpoints: registered only where {@link WebhookEgress} lets deliveries go, a bounded
 * number of them, each with a secret shown once and kept sealed ({@link WebhookSecrets}), which can be rotated with
 * an overlap during which both secrets sign.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);

    /** A webhook and, just after registration or rotation, its secret in the clear (never shown again). */
    public record Shown(Webhook webhook, String secret) {
    }

    private final WebhookRepository repository;
    private final WebhookEgress egress;
    private final WebhookSecrets secrets;
    private final TimeSource time;
    private final NotificationConfig.Webhooks config;

    Webhooks(WebhookRepository repository, WebhookEgress egress, WebhookSecrets secrets, TimeSource time,
            NotificationConfig config) {
        this.repository = repository;
        this.egress = egress;
        this.secrets = secrets;
        this.time = time;
        this.config = config.webhooks();
    }

    /** Registers an endpoint for {@code organisation}; refused (400) where deliveries may not go, 409 over the cap. */
    public Shown register(String organisation, String username, String url) {
        try {
            egress.resolve(url); // before the transaction: a slow name server holds no connection
        } catch (WebhookEgress.Refused refused) {
            throw ProblemException.invalid("url", "url " + refused.getMessage());
        }
        UUID id = Ids.next();
        String secret = WebhookSecrets.newSecret();
        Webhook webhook = new Webhook(id, organisation, url, secrets.seal(id, secret), null, null, time.now());
        QuarkusTransaction.requiringNew().run(() -> {
            repository.lockOrganisation(organisation);
            if (repository.countActive(organisation) >= config.maxPerOrganisation()) {
                throw new ProblemException(Problem.of(409, "webhook-limit", "Too many webhooks",
                        organisation + " has " + config.maxPerOrganisation() + " webhooks, the most an organisation "
                                + "may have; remove one first").with("maxWebhooks", config.maxPerOrganisation()));
            }
            repository.insert(webhook, username);
        });
        LOG.infof("webhook %s registered for %s by %s", id, organisation, username);
        return new Shown(webhook, secret);
    }

    public List<Webhook> of(String organisation) {
        return repository.active(organisation);
    }

    /** A new secret for an endpoint; the old one keeps signing beside it for the overlap window. */
    public Shown rotate(String organisation, UUID id, String username) {
        String secret = WebhookSecrets.newSecret();
        Instant previousUntil = time.now().plus(config.rotationOverlap());
        if (!QuarkusTransaction.requiringNew().call(() -> repository.rotate(id, organisation, secrets.seal(id, secret),
                previousUntil))) {
            throw ProblemException.notFound("Webhook " + id);
        }
        LOG.infof("webhook %s secret rotated by %s; the previous one signs until %s", id, username, previousUntil);
        return new Shown(repository.find(id, organisation).orElseThrow(), secret);
    }

    public void remove(String organisation, UUID id) {
        if (!repository.deactivate(id, organisation)) {
            throw ProblemException.notFound("Webhook " + id);
        }
    }

    /** The secrets that sign a delivery to {@code webhook} now, newest first. */
    public List<String> signingSecrets(Webhook webhook) {
        String current = secrets.open(webhook.id(), webhook.secret());
        boolean overlapping = webhook.previousSecret() != null && webhook.previousSecretUntil() != null
                && time.now().isBefore(webhook.previousSecretUntil());
        return overlapping ? List.of(current, secrets.open(webhook.id(), webhook.previousSecret())) : List.of(current);
    }

    /** An active endpoint, whoever's it is (for the dispatcher). */
    public Optional<Webhook> active(UUID id) {
        return repository.find(id, null);
    }
}
