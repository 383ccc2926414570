package io.tomassure.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import io.tomassure.events.Topics;

class KafkaAccessTest {

    @Test
    void onlyATopicsOwnerMayWriteIt() {
        for (String topic : Set.of(Topics.ASSESSMENT, Topics.APPROVAL, Topics.AUDIT, Topics.NOTIFICATION)) {
            assertThat(KafkaAccess.bindings()).filteredOn(b -> b.pattern().name().equals(topic)
                    && b.entry().operation() == AclOperation.WRITE)
                    .extracting(b -> b.entry().principal()).containsExactly("User:" + Topics.owner(topic));
        }
    }

    @Test
    void everyGrantIsLiteralAndNoneIsBroad() {
        assertThat(KafkaAccess.bindings()).allSatisfy(binding -> {
            assertThat(binding.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            assertThat(binding.pattern().name()).isNotEqualTo("*");
            assertThat(binding.entry().operation()).isIn(AclOperation.READ, AclOperation.WRITE);
            assertThat(binding.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP);
        });
    }

    /** What each service reads, as the launcher grants it, is what its own configuration consumes. */
    @Test
    void theGrantsFollowEachServicesOwnConfiguration() throws IOException {
        for (TomService service : TomService.values()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of("..", "..", service.module(),
                    "src/main/resources/application.properties"))) {
                properties.load(reader);
            }
            assertThat(properties.getProperty("tom.events.topic")).isEqualTo(service.topic());
            Set<String> consumed = new TreeSet<>();
            Set<String> deadLetters = new TreeSet<>();
            properties.stringPropertyNames().stream().filter(name -> name.startsWith("mp.messaging.incoming.")).forEach(name -> {
                if (name.endsWith(".dead-letter-queue.topic")) {
                    deadLetters.add(properties.getProperty(name));
                } else if (name.endsWith(".topic")) {
                    consumed.add(properties.getProperty(name));
                }
            });
            assertThat(consumed).as(service.module()).containsExactlyInAnyOrderElementsOf(service.consumes());
            assertThat(deadLetters).containsExactlyInAnyOrderElementsOf(
                    service.consumes().stream().map(topic -> Topics.deadLetter(topic, service.module())).toList());
            assertThat(KafkaAccess.bindings()).filteredOn(b -> b.entry().principal().equals(KafkaAccess.principal(service))
                    && b.entry().operation() == AclOperation.READ && b.pattern().resourceType() == ResourceType.TOPIC)
                    .extracting(b -> b.pattern().name()).containsExactlyInAnyOrderElementsOf(consumed);
        }
    }
}
