package io.tomassure.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.tomassure.stack.LocalStack;
import io.tomassure.stack.StackConfig;

/**
 * One local stack for the whole end-to-end run, on free ports and a fresh data folder (target/e2e-stack), so that it
 * runs beside a developer's own stack. JUnit closes it when the run ends. With {@code -Dtom.e2e.scale-out=true} (the
 * fault suite's run) it is scaled out: two instances of every service behind HAProxy, and three Kafka nodes.
 */
public final class E2eStack implements BeforeAllCallback {
    private static LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(!scaledOut() || LocalStack.canScaleOut(), "HAProxy is not installed (apt-get install "
                + "haproxy; .ci/run does it): the scaled-out stack cannot run");
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(LocalStack.class, k -> start(), LocalStack.class);
    }

    static LocalStack stack() {
        return stack;
    }

    /** Whether this run is the scaled-out one. */
    static boolean scaledOut() {
        return Boolean.getBoolean("tom.e2e.scale-out");
    }

    private static LocalStack start() {
        Path repo = StackConfig.findRepo(Path.of(""));
        Path data = repo.resolve("e2e/target/e2e-stack");
        StackConfig config = scaledOut() ? StackConfig.scaledOut(repo, data, 2, 3) : StackConfig.onFreePorts(repo, data);
        stack = new LocalStack(config, line -> System.out.println("[e2e stack] " + line)).startAfresh();
        return stack;
    }
}
