package io.tomassure.stack;

import java.util.List;

import io.tomassure.events.Topics;

/**
 * The four services: their Maven module (which is also their name, their Kafka principal and their consumer group),
 * database, usual port, the topic each owns and the topics each consumes (as its application.properties says).
 */
public enum TomService {
    ASSESSMENT("assessment-service", "tom_assessment", 8081, Topics.ASSESSMENT, List.of(Topics.APPROVAL)),
    APPROVAL("approval-service", "tom_approval", 8082, Topics.APPROVAL, List.of(Topics.ASSESSMENT)),
    AUDIT("audit-service", "tom_audit", 8083, Topics.AUDIT, List.of(Topics.ASSESSMENT, Topics.APPROVAL, Topics.NOTIFICATION)),
    NOTIFICATION("notification-service", "tom_notification", 8084, Topics.NOTIFICATION,
            List.of(Topics.ASSESSMENT, Topics.APPROVAL));

    private final String module;
    private final String database;
    private final int standardPort;
    private final String topic;
    private final List<String> consumes;

    TomService(String module, String database, int standardPort, String topic, List<String> consumes) {
        this.module = module;
        this.database = database;
        this.standardPort = standardPort;
        this.topic = topic;
        this.consumes = consumes;
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

    /** The topic this service publishes, and the only one it may write but for its dead letters. */
    public String topic() {
        return topic;
    }

    /**
     * DEMO ONLY (deploy/keycloak/tom-realm.json): the secret of the service's own Keycloak client, for the services
     * that read the audit log as themselves to replay a TOM to an earlier instant; null for the others.
     */
    public String demoClientSecret() {
        return this == ASSESSMENT || this == APPROVAL ? "demo-only-" + module + "-secret" : null;
    }

    /** The topics this service consumes; its dead letters go to {@code Topics.deadLetter(topic, module)}. */
    public List<String> consumes() {
        return consumes;
    }
}
