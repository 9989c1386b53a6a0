package io.obsagent.core.events;

import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * Formats epoch milliseconds as {@code 2025-11-20T14:30:00.123Z}. It keeps the date part of the last day it saw
 * instead of building a calendar for every event, so one instance serves one thread: the writer's, or one
 * application thread writing its own log lines.
 */
public final class Timestamps {

    private static final long DAY = 86_400_000L;

    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate;

    public void append(StringBuilder out, long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = date(day * DAY);
        }
        long inDay = epochMillis - day * DAY;
        out.append(cachedDate).append('T');
        two(out, (int) (inDay / 3_600_000L));
        out.append(':');
        two(out, (int) (inDay / 60_000L % 60));
        out.append(':');
        two(out, (int) (inDay / 1000 % 60));
        out.append('.');
        int ms = (int) (inDay % 1000);
        out.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        out.append('Z');
    }

    private static String date(long midnightMillis) {
        Calendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(midnightMillis);
        StringBuilder b = new StringBuilder(10);
        int year = c.get(Calendar.YEAR);
        b.append(year);
        b.append('-');
        two(b, c.get(Calendar.MONTH) + 1);
        b.append('-');
        two(b, c.get(Calendar.DAY_OF_MONTH));
        return b.toString();
    }

    private static void two(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
