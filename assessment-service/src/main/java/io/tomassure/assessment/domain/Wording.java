package io.tomassure.assessment.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;

/** A requirement's wording: compared without case, spacing or punctuation, and diffed word by word. */
public final class Wording {

    /** A run of words kept, removed or added. */
    public record Segment(Op op, String text) {
    }

    public enum Op {
        SAME, REMOVED, ADDED
    }

    private Wording() {
    }

    /** Lower case, letters and digits only, single spaces: "Is the  system  DCB0129-compliant?" -> "is the system dcb0129 compliant". */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    public static boolean same(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    /** The word-level difference from {@code before} to {@code after}, neighbouring words of one kind joined. */
    public static List<Segment> diff(String before, String after) {
        List<String> from = words(before);
        List<String> to = words(after);
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(from, to).getDeltas()) {
            add(segments, Op.SAME, from.subList(at, delta.getSource().getPosition()));
            if (delta.getType() != DeltaType.INSERT) {
                add(segments, Op.REMOVED, delta.getSource().getLines());
            }
            if (delta.getType() != DeltaType.DELETE) {
                add(segments, Op.ADDED, delta.getTarget().getLines());
            }
            at = delta.getSource().getPosition() + delta.getSource().size();
        }
        add(segments, Op.SAME, from.subList(at, from.size()));
        return segments;
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    private static void add(List<Segment> segments, Op op, List<String> words) {
        if (!words.isEmpty()) {
            segments.add(new Segment(op, String.join(" ", words)));
        }
    }
}
