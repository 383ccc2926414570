package io.tomassure.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/kafka-setup.sh, which compose and Kubernetes run to set Kafka up, grants each service exactly what its own
 * configuration uses: write its topic and its dead letters, read what it consumes in its own group, and nothing else.
 */
class KafkaSetupScriptTest {

    private static final Pattern GRANT = Pattern.compile("(?m)^grant (\\S+) (Read|Write) (topic|group) (\\S+)$");

    @Test
    void theGrantsAreWhatEachServiceUsesAndNoMore() throws IOException {
        String script = Files.readString(Repo.KUBERNETES_DIR.resolve("kafka-setup.sh"));
        Set<String> granted = new TreeSet<>();
        Matcher grant = GRANT.matcher(script);
        while (grant.find()) {
            granted.add(String.join(" ", grant.group(1), grant.group(2), grant.group(3), grant.group(4)));
        }
        Set<String> expected = new TreeSet<>();
        Set<String> topics = new TreeSet<>();
        for (String service : Repo.services()) {
            Properties properties = Repo.serviceProperties(service);
            String own = properties.getProperty("tom.events.topic");
            expected.add(service + " Write topic " + own);
            topics.add(own);
            for (String name : properties.stringPropertyNames()) {
                if (!name.startsWith("mp.messaging.incoming.")) {
                    continue;
                }
                String value = properties.getProperty(name);
                if (name.endsWith(".dead-letter-queue.topic")) {
                    expected.add(service + " Write topic " + value);
                    topics.add(value);
                } else if (name.endsWith(".topic")) {
                    expected.add(service + " Read topic " + value);
                } else if (name.endsWith(".group.id")) {
                    expected.add(service + " Read group " + value);
                }
            }
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(expected);
        Matcher made = Pattern.compile("(?s)for t in (.*?); do").matcher(script);
        assertThat(made.find()).isTrue();
        assertThat(List.of(made.group(1).replace("\\", " ").trim().split("\\s+"))).containsExactlyInAnyOrderElementsOf(topics);
    }
}
