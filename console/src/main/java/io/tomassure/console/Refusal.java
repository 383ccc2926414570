package io.tomassure.console;

/** A request the console itself refuses before calling a service (a form without its file, say), in words. */
public class Refusal extends RuntimeException {
    private final transient ProblemMessage problem;

    public Refusal(int status, String title, String detail) {
        super(title, null, false, false);
        this.problem = new ProblemMessage(status, title, detail, java.util.List.of(), false);
    }

    public ProblemMessage problem() {
        return problem;
    }
}
