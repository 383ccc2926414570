package io.tomassure.stack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The console ({@code console/target/quarkus-app}), on the console port, calling the four services and signing people
 * in through the stack's Keycloak. Its session key is new at every start: a restart signs everyone out, which suits
 * one machine.
 */
public final class ConsoleProcess extends ProcessComponent {
    static final String MODULE = "console";

    private final StackConfig config;

    ConsoleProcess(StackConfig config) {
        super(MODULE, config.data());
        this.config = config;
    }

    @Override
    public void start() {
        var app = ServiceProcess.packaged(config, MODULE);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        process.start(ServiceProcess.command(app), Map.of(
                "MALLOC_ARENA_MAX", "2",
                "QUARKUS_HTTP_PORT", Integer.toString(config.consolePort()),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "TOM_OIDC_URL", config.issuer(),
                "TOM_OIDC_ORIGIN", config.keycloakUrl(),
                "TOM_CONSOLE_SESSION_KEY", Base64.getEncoder().encodeToString(key),
                "TOM_ASSESSMENT_URL", config.serviceUrl(TomService.ASSESSMENT),
                "TOM_APPROVAL_URL", config.serviceUrl(TomService.APPROVAL),
                "TOM_AUDIT_URL", config.serviceUrl(TomService.AUDIT),
                "TOM_NOTIFICATION_URL", config.serviceUrl(TomService.NOTIFICATION)), app.getParent());
    }

    @Override
    public boolean isReady() {
        return process.isAlive() && Http.ok(config.consoleUrl() + "/q/health/ready");
    }
}
