package io.tomassure.auditlog;

import java.util.List;

/**
 * The JSON an entry's canonical form is written in: the bytes Jackson wrote for the same fields (keys in a
 * fixed order, nulls kept, no spaces, only {@code "}, {@code \} and control characters escaped), written
 * directly because verifying a million entries spent most of its time in the general-purpose serializer.
 * {@code CanonicalJsonTest} holds the two to the same bytes.
 */
final class CanonicalJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out;
    private boolean first = true;

    CanonicalJson(int capacity) {
        out = new StringBuilder(capacity).append('{');
    }

    CanonicalJson field(String name, String value) {
        key(name);
        string(value);
        return this;
    }

    CanonicalJson field(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    CanonicalJson field(String name, List<String> values) {
        key(name);
        if (values == null) {
            out.append("null");
            return this;
        }
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(values.get(i));
        }
        out.append(']');
        return this;
    }

    String end() {
        return out.append('}').toString();
    }

    private void key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(name);
        out.append(':');
    }

    private void string(String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(value, plainFrom, value.length()).append('"');
    }
}
