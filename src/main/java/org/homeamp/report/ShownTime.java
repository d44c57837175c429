package org.homeamp.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How report pages, the workbook and the mail show a moment: in the configured {@code time-zone}, with the zone named. */
public final class ShownTime {
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV");

    private ShownTime() {
    }

    /** {@code 2026-11-20 05:12 Europe/Berlin}; {@code ""} for null. */
    public static String format(Instant when, ZoneId zone) {
        return when == null ? "" : PATTERN.withZone(zone).format(when);
    }
}
