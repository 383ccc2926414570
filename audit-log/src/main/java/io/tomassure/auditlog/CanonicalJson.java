package io.tomassure.auditlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON an entry's canonical form is written in: the bytes Jackson wrote for the same fields (keys in a
 * fixed order, nulls kept, no spaces, only {@code "}, {@code \} and control characters escaped), written
 * directly because verifying a million entries spent most of its time in the general-purpose serializer.
 * It writes UTF-8 bytes, not characters: each value is converted once (the JDK's intrinsic), and scanned for
 * the few bytes that need escaping, which in UTF-8 are never part of a multi-byte character.
 * {@code CanonicalJsonTest} holds the two to the same bytes.
 */
final class CanonicalJson {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    /**
     * The bytes an escape adds for each byte: none for most; one for {@code "}, {@code \} and the control characters
     * with a short escape (a backslash and {@code n}); five for the others (a backslash, {@code u}, and four hex
     * digits). A byte of a multi-byte character is never escaped.
     */
    private static final byte[] ESCAPE_EXTRA = new byte[256];
    static {
        Arrays.fill(ESCAPE_EXTRA, 0, 0x20, (byte) 5);
        for (char c : new char[] {'"', '\\', '\b', '\t', '\n', '\f', '\r'}) {
            ESCAPE_EXTRA[c] = 1;
        }
    }

    private byte[] out;
    private int length;
    private boolean first = true;

    CanonicalJson(int capacity) {
        out = new byte[capacity];
        append('{');
    }

    CanonicalJson field(String name, String value) {
        key(name);
        string(value);
        return this;
    }

    CanonicalJson field(String name, long value) {
        key(name);
        byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        append(digits, 0, digits.length);
        return this;
    }

    CanonicalJson field(String name, List<String> values) {
        key(name);
        if (values == null) {
            append(NULL, 0, NULL.length);
            return this;
        }
        append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                append(',');
            }
            string(values.get(i));
        }
        append(']');
        return this;
    }

    byte[] end() {
        append('}');
        return Arrays.copyOf(out, length);
    }

    private void key(String name) {
        if (!first) {
            append(',');
        }
        first = false;
        string(name);
        append(':');
    }

    private void string(String value) {
        if (value == null) {
            append(NULL, 0, NULL.length);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int extra = 0;
        for (byte b : utf8) {
            extra += ESCAPE_EXTRA[b & 0xFF];
        }
        append('"');
        if (extra == 0) {
            append(utf8, 0, utf8.length);
        } else {
            escaped(utf8, extra);
        }
        append('"');
    }

    private void escaped(byte[] utf8, int extra) {
        ensure(utf8.length + extra);
        byte[] to = out; // locals, so that the loop copies a byte per iteration and nothing else
        int at = length;
        for (byte b : utf8) {
            if (ESCAPE_EXTRA[b & 0xFF] == 0) {
                to[at++] = b;
                continue;
            }
            to[at++] = '\\';
            switch (b) {
                case '"', '\\' -> to[at++] = b;
                case '\b' -> to[at++] = 'b';
                case '\t' -> to[at++] = 't';
                case '\n' -> to[at++] = 'n';
                case '\f' -> to[at++] = 'f';
                case '\r' -> to[at++] = 'r';
                default -> {
                    to[at++] = 'u';
                    to[at++] = '0';
                    to[at++] = '0';
                    to[at++] = HEX[b >> 4];
                    to[at++] = HEX[b & 0xF];
                }
            }
        }
        length = at;
    }

    private void append(int b) {
        ensure(1);
        out[length++] = (byte) b;
    }

    private void append(byte[] bytes, int from, int count) {
        ensure(count);
        System.arraycopy(bytes, from, out, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}
