package io.tomassure.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The hand-written canonical form must be byte for byte what Jackson wrote, or every stored hash would break. */
class CanonicalJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void writesWhatJacksonWroteForAnyText() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            AuditEntry entry = new AuditEntry(random.nextLong(), text(random), text(random), text(random), text(random),
                    text(random), text(random), text(random), random.nextInt(5) == 0 ? List.of() : List.of("RXX01", "x\"\u0001é"),
                    random.nextBoolean() ? null : text(random), null, text(random), text(random), text(random), null);
            assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(jackson(entry));
        }
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        AuditEntry entry = new AuditEntry(1, "a\"b\\c", "\b\t\n\f\r\u0000\u001f\u007f", "é/€😀", null, null, null, null,
                null, null, null, null, null, AuditEntry.GENESIS, null);
        assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8)).startsWith(
                "{\"seq\":1,\"eventId\":\"a\\\"b\\\\c\",\"type\":\"\\b\\t\\n\\f\\r\\u0000\\u001F\u007f\",\"source\":\"é/€😀\","
                        + "\"subject\":null");
    }

    /** How entries were encoded before: Jackson over the same fields in the same order. */
    private static String jackson(AuditEntry e) throws Exception {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("seq", e.seq());
        canonical.put("eventId", e.eventId());
        canonical.put("type", e.type());
        canonical.put("source", e.source());
        canonical.put("subject", e.subject());
        canonical.put("time", e.time());
        canonical.put("recordedAt", e.recordedAt());
        canonical.put("topic", e.topic());
        canonical.put("organisations", e.organisations());
        canonical.put("assessmentId", e.assessmentId());
        canonical.put("deploymentId", e.deploymentId());
        canonical.put("actor", e.actor());
        canonical.put("event", e.event());
        canonical.put("prevHash", e.prevHash());
        return JACKSON.writeValueAsString(canonical);
    }

    private static String text(Random random) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> "\"\\/".charAt(random.nextInt(3));
                case 2 -> (char) (0x80 + random.nextInt(0x780));
                case 3 -> new String(Character.toChars(0x1F600 + random.nextInt(50)));
                default -> (char) (0x20 + random.nextInt(0x5F));
            });
        }
        return text.toString();
    }
}
