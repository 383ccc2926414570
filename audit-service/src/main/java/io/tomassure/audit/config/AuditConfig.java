package io.tomassure.audit.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of audit-service ({@code tom.audit.*}). */
@ConfigMapping(prefix = "tom.audit")
public interface AuditConfig {

    /** How often a checkpoint is sealed (read by the sealer's schedule, by name). */
    @WithDefault("30s")
    Duration sealEvery();

    /**
     * The checkpoint signing key, an Ed25519 private key in PEM (a secret), with {@link #publicKey()}. Unless both are
     * set, a pair is generated once and kept in the database, with a warning: for development only.
     */
    Optional<String> signingKey();

    /** The public half, in PEM, which anyone verifies checkpoints with ({@code GET /api/v1/audit/public-key}). */
    Optional<String> publicKey();

    /** Live audit streams one caller may hold at once (429 beyond). */
    @WithDefault("3")
    int streamsPerCaller();

    /** The longest a stream lasts; it ends sooner when the token that opened it expires. */
    @WithDefault("1h")
    Duration streamLifetime();
}
