package io.tomassure.e2e;

import io.tomassure.stack.LocalStack;
import io.tomassure.stack.StackConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack for the whole end-to-end run, on free ports and a fresh data folder (target/e2e-stack), so that it
 * runs beside a developer's own stack. JUnit closes it when the run ends.
 */
public final class E2eStack implements BeforeAllCallback {
    private static LocalStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(LocalStack.class, k -> start(), LocalStack.class);
    }

    static LocalStack stack() {
        return stack;
    }

    private static LocalStack start() {
        Path repo = StackConfig.findRepo(Path.of(""));
        Path data = repo.resolve("e2e/target/e2e-stack");
        stack = new LocalStack(StackConfig.onFreePorts(repo, data), line -> System.out.println("[e2e stack] " + line)).startAfresh();
        return stack;
    }
}
