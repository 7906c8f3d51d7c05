package io.camelonenet.dp;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The six-byte time of types 6 and 7: year - 2000, month, day, hour, minute, second, in the codec's zone. One byte of
 * year means 2000-2099 only.
 */
final class SixByteTime {

    static final int LENGTH = 6;

    private SixByteTime() {
    }

    static void write(Instant time, ZoneId zone, FrameBuffer out, DpType type) {
        LocalDateTime local = LocalDateTime.ofInstant(time, zone);
        if (local.getYear() < 2000 || local.getYear() > 2099) {
            throw new DpFrameException("type " + type.code() + " time " + local + " is outside 2000-2099 "
                    + "(the frame has one byte for the year)");
        }
        out.write(local.getYear() - 2000);
        out.write(local.getMonthValue());
        out.write(local.getDayOfMonth());
        out.write(local.getHour());
        out.write(local.getMinute());
        out.write(local.getSecond());
    }

    static Instant read(FrameReader in, ZoneId zone, DpType type) {
        int year = in.u8("time year");
        int month = in.u8("time month");
        int day = in.u8("time day");
        int hour = in.u8("time hour");
        int minute = in.u8("time minute");
        int second = in.u8("time second");
        if (year > 99) {
            throw new DpFrameException("type " + type.code() + " time year byte " + year + " is over 99");
        }
        try {
            return LocalDateTime.of(2000 + year, month, day, hour, minute, second).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new DpFrameException("type " + type.code() + " time " + (2000 + year) + "-" + month + "-" + day + " "
                    + hour + ":" + minute + ":" + second + " is not a date and time");
        }
    }
}
