package io.tomassure.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console's own settings (the services' addresses and the sign-in are Quarkus' REST client and OIDC settings). */
@ConfigMapping(prefix = "tom.console")
public interface ConsoleConfig {

    /** How long NHS Digital aims to take over a review case: the queue's ageing is measured against it. */
    @WithDefault("P10D")
    Duration reviewTarget();

    /** Encrypts the session and PKCE state cookies: 32 characters or more, the same on every instance. */
    String sessionKey();
}
