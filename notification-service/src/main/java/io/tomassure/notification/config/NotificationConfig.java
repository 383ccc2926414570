package io.tomassure.notification.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of notification-service ({@code tom.notification.*}). */
@ConfigMapping(prefix = "tom.notification")
public interface NotificationConfig {

    /** How often due deliveries are sent. */
    @WithDefault("1s")
    Duration dispatchEvery();

    Retry retry();

    Delivery delivery();

    Webhooks webhooks();

    /** When the daily reminders are made (a cron expression). */
    @WithDefault("0 0 7 * * ?")
    String remindersCron();

    /** How many days before an agreement or a piece of evidence expires its reminder goes out. */
    @WithDefault("30")
    int agreementWarningDays();

    /** How many days before required evidence goes out of date its reminders go out, one per number. */
    @WithDefault("30,7")
    List<Integer> evidenceReminderDays();

    /** Working days a review may wait for its decision before it is overdue. */
    @WithDefault("5")
    int reviewServiceLevelDays();

    /** Working days a deployment may wait for its go-live gate after Phase 2 is submitted before it is stuck. */
    @WithDefault("10")
    int goLiveServiceLevelDays();

    /** Failed deliveries are retried with exponential back-off and jitter, then given up (dead). */
    interface Retry {
        @WithDefault("2s")
        Duration base();

        @WithDefault("10m")
        Duration cap();

        @WithDefault("6")
        int maxAttempts();
    }

    /**
     * How many deliveries are in flight at once, in all and per webhook, so that a slow receiver holds up no other
     * (email goes one at a time, to the mail relay).
     */
    interface Delivery {
        @WithDefault("8")
        int concurrency();

        @WithDefault("2")
        int perRecipient();
    }

    /** Where webhooks may point and how they are called. */
    interface Webhooks {
        /** Whether plain http URLs may be registered (development and tests only; https otherwise). */
        @WithDefault("false")
        boolean allowHttp();

        /**
         * Origins ({@code http://localhost:8099}) exempt from the https and public-address rules: a local stack's own
         * receivers. Exact origins only; nothing else is weakened.
         */
        Optional<Set<String>> allowedOrigins();

        /** Active webhooks an organisation may have. */
        @WithDefault("10")
        int maxPerOrganisation();

        /** The whole exchange with a receiver: connection, TLS, request and the response's status line. */
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("3s")
        Duration connectTimeout();

        /**
         * The AES-256 key (Base64) that webhook secrets are encrypted with at rest. Without it a key is generated once
         * and kept in the database, which suits development only.
         */
        Optional<String> secretKey();

        /** How long a rotated-out secret still signs deliveries beside the new one. */
        @WithDefault("24h")
        Duration rotationOverlap();
    }
}
