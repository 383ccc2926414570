package io.tomassure.stack;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.tomassure.events.Topics;

/**
 * Who may do what on the broker, by least privilege: each service, authenticated as itself, writes only the topic it
 * owns and its own dead letters, and reads only the topics it consumes, in its own consumer group. Nothing else is
 * allowed (the broker denies what no ACL grants), so no service can publish an event in another's name.
 */
final class KafkaAccess {

    private KafkaAccess() {
    }

    /** Every topic the services use: the four they publish and each consumer's dead letters. */
    static List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (TomService service : TomService.values()) {
            topics.add(service.topic());
            service.consumes().forEach(consumed -> topics.add(Topics.deadLetter(consumed, service.module())));
        }
        return topics;
    }

    /** The ACLs that grant each service what it needs, each on a literal name: a prefix would also match others' topics. */
    static List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (TomService service : TomService.values()) {
            String principal = principal(service);
            bindings.add(allow(principal, ResourceType.TOPIC, service.topic(), AclOperation.WRITE));
            for (String consumed : service.consumes()) {
                bindings.add(allow(principal, ResourceType.TOPIC, consumed, AclOperation.READ));
                bindings.add(allow(principal, ResourceType.TOPIC, Topics.deadLetter(consumed, service.module()), AclOperation.WRITE));
            }
            if (!service.consumes().isEmpty()) {
                bindings.add(allow(principal, ResourceType.GROUP, service.module(), AclOperation.READ));
            }
        }
        return bindings;
    }

    static String principal(TomService service) {
        return "User:" + service.module();
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
