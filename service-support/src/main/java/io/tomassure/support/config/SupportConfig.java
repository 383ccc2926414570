package io.tomassure.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings every service shares ({@code tom.http.*}, {@code tom.security.*}). */
@ConfigMapping(prefix = "tom")
public interface SupportConfig {

    Http http();

    Security security();

    interface Http {
        /** API requests one instance serves at once; beyond, 503 overloaded with Retry-After (0: no limit). */
        @WithDefault("400")
        int maxRequestsInProgress();

        RateLimit rateLimit();

        /** Each caller's own request rate, by the verified token's subject; beyond, 429 with Retry-After. */
        interface RateLimit {
            /** Requests a second, sustained (0: no limit). */
            @WithDefault("100")
            long perSecond();

            /** Requests a caller may make at once after a quiet spell (at least {@link #perSecond()}). */
            @WithDefault("300")
            long burst();
        }
    }

    interface Security {
        /** Verified bearer tokens whose identities are remembered until they expire, for at most a minute (0: off). */
        @WithDefault("1000")
        int verifiedTokenCacheSize();
    }
}
