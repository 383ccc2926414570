package io.tomassure.notification.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Working days (Monday to Friday; bank holidays are not modelled) from one date to a later one. */
public final class WorkingDays {

    private WorkingDays() {
    }

    public static int between(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days++;
            }
        }
        return days;
    }
}
