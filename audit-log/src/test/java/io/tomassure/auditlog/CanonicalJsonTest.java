package io.tomassure.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hand-written canonical forms: the first one byte for byte what Jackson wrote (or every stored hash would break),
 * the JCS one byte for byte what the RFC 8785 reference implementation writes for the entry as the API serves it.
 */
class CanonicalJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void theFirstFormWritesWhatJacksonWroteForAnyText() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            AuditEntry entry = randomEntry(random, random.nextLong(), null);
            assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(jackson(entry));
        }
    }

    @Test
    void theFirstFormEscapesQuotesBackslashesAndControlCharacters() {
        AuditEntry entry = new AuditEntry(1, "a\"b\\c", "\b\t\n\f\r\u0000\u001f\u007f", "é/€😀", null, null, null, null,
                null, null, null, null, null, null, AuditEntry.GENESIS, null);
        assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8)).startsWith(
                "{\"seq\":1,\"eventId\":\"a\\\"b\\\\c\",\"type\":\"\\b\\t\\n\\f\\r\\u0000\\u001F\u007f\",\"source\":\"é/€😀\","
                        + "\"subject\":null");
    }

    /** Anyone can recompute a JCS entry's hash: the entry as the API serves it, without its hash, through any JCS tool. */
    @Test
    void theJcsFormIsWhatTheReferenceImplementationWritesForTheEntryAsServed() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            AuditEntry entry = randomEntry(random, random.nextLong(1L << 53), AuditEntry.JCS).sealed();
            Map<?, ?> served = JACKSON.readValue(JACKSON.writeValueAsString(entry), Map.class);
            served.remove("hash");
            byte[] reference = new JsonCanonicalizer(JACKSON.writeValueAsString(served)).getEncodedUTF8();
            assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(reference, StandardCharsets.UTF_8));
        }
    }

    /** RFC 8785, section 3.2.2.2: the string of its example of serialization, written as JCS writes it. */
    @Test
    void theJcsFormWritesTheRfcExampleStringAsTheRfcDoes() throws Exception {
        String rfcInput = "€$" + (char) 0x0F + "\nA'B\"\\\\\"/"; // € $ U+000F LF A ' B " \ \ " /
        String rfcOutput = "\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"";
        AuditEntry entry = new AuditEntry(1, null, rfcInput, null, null, null, null, null, null, null, null, null, null,
                AuditEntry.JCS, AuditEntry.GENESIS, null);
        assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8)).contains("\"type\":" + rfcOutput);
        // and the reference implementation agrees with the RFC's whole example (numbers, literals, key order)
        String example = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "
                + "\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\", \"literals\": [null, true, false]}";
        assertThat(new JsonCanonicalizer(example).getEncodedString()).isEqualTo("{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":" + rfcOutput + "}");
    }

    /** RFC 8785, section 3.2.3: keys are sorted by their UTF-16 code units, as the JCS form's fixed order is. */
    @Test
    void theReferenceImplementationSortsKeysAsTheRfcExampleDoes() throws Exception {
        String example = "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\", "
                + "\"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\", "
                + "\"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
        assertThat(new JsonCanonicalizer(example).getEncodedString()).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    /**
     * What the log stores is the canonical bytes: read back, they give the entry as it was, in either form, and the
     * predecessor's hash they name, even when the entry's own text mimics that key.
     */
    @Test
    void storedBytesGiveBackTheEntryAndItsPredecessorsHashInBothForms() {
        Random random = new Random(11);
        String mimic = "\",\"prevHash\":\"" + "f".repeat(64);
        for (int i = 0; i < 2_000; i++) {
            String prevHash = HexFormat.of().formatHex(new byte[32]).replace('0', "0123456789abcdef".charAt(i % 16));
            AuditEntry entry = new AuditEntry(random.nextLong(1L << 53), text(random), text(random), mimic, mimic,
                    text(random), text(random), text(random), List.of("RXX01"), null, null, mimic, mimic + text(random),
                    i % 2 == 0 ? AuditEntry.JCS : null, prevHash, null).sealed();
            AuditEntry.Stored stored = entry.seal();
            assertThat(stored.hash()).isEqualTo(entry.hash());
            assertThat(stored.intact()).isTrue();
            assertThat(stored.prevHash()).isEqualTo(prevHash);
            assertThat(stored.entry()).isEqualTo(entry);
        }
    }

    private static AuditEntry randomEntry(Random random, long seq, String hashAlgorithm) {
        return new AuditEntry(seq, text(random), text(random), text(random), text(random), text(random), text(random),
                text(random), random.nextInt(5) == 0 ? List.of() : List.of("RXX01", "x\"\u0001é"),
                random.nextBoolean() ? null : text(random), null, text(random), text(random), hashAlgorithm, text(random), null);
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
            text.append(switch (random.nextInt(7)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> "\"\\/".charAt(random.nextInt(3));
                case 2 -> (char) (0x80 + random.nextInt(0x780));
                case 3 -> new String(Character.toChars(0x1F600 + random.nextInt(50)));
                case 4 -> (char) (0x2000 + random.nextInt(0x100)); // U+2028 and U+2029 among them: JSON leaves them as they are
                default -> (char) (0x20 + random.nextInt(0x5F));
            });
        }
        return text.toString();
    }
}
