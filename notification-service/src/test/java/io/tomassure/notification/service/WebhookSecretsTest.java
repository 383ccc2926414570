package io.tomassure.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    private final SecretKeySpec key = WebhookSecrets.key(new byte[32]);

    @Test
    void aSealedSecretOpensOnlyForItsWebhookAndKey() {
        UUID webhook = UUID.randomUUID();
        String secret = WebhookSecrets.newSecret();
        byte[] sealed = WebhookSecrets.seal(key, webhook, secret);

        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(WebhookSecrets.open(key, webhook, sealed)).isEqualTo(secret);
        assertThat(WebhookSecrets.seal(key, webhook, secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> WebhookSecrets.open(key, UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> WebhookSecrets.open(WebhookSecrets.key(otherKey), webhook, sealed))
                .isInstanceOf(IllegalStateException.class);
    }
}
