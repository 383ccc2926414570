package io.tomassure.stack;

/** The four services: their Maven module (which is also their name), database and usual port. */
public enum TomService {
    ASSESSMENT("assessment-service", "tom_assessment", 8081),
    APPROVAL("approval-service", "tom_approval", 8082),
    AUDIT("audit-service", "tom_audit", 8083),
    NOTIFICATION("notification-service", "tom_notification", 8084);

    private final String module;
    private final String database;
    private final int standardPort;

    TomService(String module, String database, int standardPort) {
        this.module = module;
        this.database = database;
        this.standardPort = standardPort;
    }

    public String module() {
        return module;
    }

    public String database() {
        return database;
    }

    public int standardPort() {
        return standardPort;
    }
}
