package io.tomassure.assessment.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of template version labels as programmes write them: "1.2" before "1.4" before "1.10", "0.9" before
 * "0.10", "v11" before "v12", "2.0" the same as "2.0.0". Numbers compare as numbers, words as words.
 */
public final class VersionLabels {

    private static final Pattern PART = Pattern.compile("\\d+|[\\p{L}]+");

    private VersionLabels() {
    }

    public static int compare(String a, String b) {
        List<String> x = parts(a);
        List<String> y = parts(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String p = i < x.size() ? x.get(i) : "0";
            String q = i < y.size() ? y.get(i) : "0";
            boolean pn = Character.isDigit(p.charAt(0));
            boolean qn = Character.isDigit(q.charAt(0));
            int c = pn && qn ? new BigInteger(p).compareTo(new BigInteger(q))
                    : pn != qn ? (pn ? 1 : -1) // 1.0 after 1.0-beta: a word part is a pre-release
                    : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<String> parts(String label) {
        List<String> parts = new ArrayList<>();
        Matcher m = PART.matcher(label == null ? "" : label.toLowerCase(Locale.ROOT).replaceFirst("^v(?=\\d)", ""));
        while (m.find()) {
            parts.add(m.group());
        }
        return parts;
    }
}
