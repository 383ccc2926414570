package io.tomassure.notification.domain;

import java.util.Collection;
import java.util.OptionalInt;

/**
 * Which reminder a lapse is due for, given the days before it that reminders go out (30 and 7, say): the narrowest
 * window the days left fall in. Each window's reminder goes out once, so a lapse first seen 5 days ahead is told of
 * once, in its 7-day reminder, not twice.
 */
public final class LapseWindows {

    private LapseWindows() {
    }

    public static OptionalInt window(Collection<Integer> windows, long daysLeft) {
        return daysLeft < 0 ? OptionalInt.empty()
                : windows.stream().mapToInt(Integer::intValue).filter(days -> days >= daysLeft).min();
    }
}
