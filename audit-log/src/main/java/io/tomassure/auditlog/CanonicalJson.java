package io.tomassure.auditlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON an entry's canonical form is written in, in one of two forms ({@link Form}). Written directly, not
 * through a general-purpose serializer, because verifying a million entries spent most of its time there. It writes
 * UTF-8 bytes, not characters: each value is converted once (the JDK's intrinsic), and scanned for the few bytes
 * that need escaping, which in UTF-8 are never part of a multi-byte character. {@code CanonicalJsonTest} holds the
 * fixed-order form to Jackson's bytes, and the JCS form to the RFC 8785 reference implementation.
 */
final class CanonicalJson {

    /** How an entry is written. */
    enum Form {
        /**
         * The log's first form, kept for the entries hashed in it: the fields in a fixed order, nulls written, and
         * Jackson's escapes (upper-case hex).
         */
        FIXED_ORDER("0123456789ABCDEF", true),
        /**
         * RFC 8785 (JCS): the fields in sorted order (the caller gives them so), null fields left out as the API
         * leaves them out, and ECMAScript's escapes (lower-case hex). Only strings and integers below 2^53 (a sequence
         * number) are written, whose JCS form needs nothing more.
         */
        JCS("0123456789abcdef", false);

        private final byte[] hex;
        private final boolean writesNulls;

        Form(String hex, boolean writesNulls) {
            this.hex = hex.getBytes(StandardCharsets.US_ASCII);
            this.writesNulls = writesNulls;
        }
    }

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    /**
     * The bytes an escape adds for each byte: none for most; one for {@code "}, {@code \} and the control characters
     * with a short escape (a backslash and {@code n}); five for the others (a backslash, {@code u}, and four hex
     * digits). A byte of a multi-byte character is never escaped. Both forms escape the same characters.
     */
    private static final byte[] ESCAPE_EXTRA = new byte[256];
    static {
        Arrays.fill(ESCAPE_EXTRA, 0, 0x20, (byte) 5);
        for (char c : new char[] {'"', '\\', '\b', '\t', '\n', '\f', '\r'}) {
            ESCAPE_EXTRA[c] = 1;
        }
    }

    private final Form form;
    private byte[] out;
    private int length;
    private boolean first = true;
    private String lastKey = "";

    CanonicalJson(Form form, int capacity) {
        this.form = form;
        out = new byte[capacity];
        append('{');
    }

    CanonicalJson field(String name, String value) {
        if (value != null || form.writesNulls) {
            key(name);
            string(value);
        }
        return this;
    }

    CanonicalJson field(String name, long value) {
        key(name);
        byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        append(digits, 0, digits.length);
        return this;
    }

    CanonicalJson field(String name, List<String> values) {
        if (values == null && !form.writesNulls) {
            return this;
        }
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
        if (form == Form.JCS) {
            if (name.compareTo(lastKey) <= 0) { // RFC 8785 sorts by UTF-16 code units, as compareTo does
                throw new IllegalStateException(name + " must come before " + lastKey);
            }
            lastKey = name;
        }
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
                    to[at++] = form.hex[b >> 4];
                    to[at++] = form.hex[b & 0xF];
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
