package io.camelonenet.dp;

import io.camelonenet.datapoint.OneNetTime;

import java.time.ZoneId;

/**
 * The readings the codec takes where OneNET's sources disagree (docs/protocol-notes.md, the `$dp` tables and `$dp` frames).
 *
 * @param zone                    zone of every device time, as text and as six bytes (default Asia/Shanghai: OneNET
 *                                reports Beijing time; the official C SDK's UTC for types 6/7 is unverified)
 * @param timeStyle               {@code T} ({@code 2015-03-22T22:31:12}, the form OneNET's HTTP API calls mandatory,
 *                                default) or {@code SPACE} (the MQTT spec's examples); reading accepts both
 * @param type6AlwaysTimed        false (default): type 6 carries its six time bytes only when bit 7 of byte 1 is set,
 *                                the general rule and the official SDK's; true: the spec's type 6 table, byte 1 is
 *                                {@code 0x06} and the time bytes always follow
 * @param floatStreamIdZeroAllowed false (default): type 7 stream ids are 1-65535 as the spec says; true: also 0, as
 *                                the official SDK's sample sends
 */
public record DpCodecOptions(ZoneId zone, OneNetTime.Style timeStyle, boolean type6AlwaysTimed,
                             boolean floatStreamIdZeroAllowed) {

    public static final DpCodecOptions DEFAULTS =
            new DpCodecOptions(OneNetTime.DEFAULT_ZONE, OneNetTime.Style.T, false, false);

    public DpCodecOptions withZone(ZoneId zone) {
        return new DpCodecOptions(zone, timeStyle, type6AlwaysTimed, floatStreamIdZeroAllowed);
    }

    public DpCodecOptions withTimeStyle(OneNetTime.Style style) {
        return new DpCodecOptions(zone, style, type6AlwaysTimed, floatStreamIdZeroAllowed);
    }

    public DpCodecOptions withType6AlwaysTimed(boolean always) {
        return new DpCodecOptions(zone, timeStyle, always, floatStreamIdZeroAllowed);
    }

    public DpCodecOptions withFloatStreamIdZeroAllowed(boolean allowed) {
        return new DpCodecOptions(zone, timeStyle, type6AlwaysTimed, allowed);
    }
}
