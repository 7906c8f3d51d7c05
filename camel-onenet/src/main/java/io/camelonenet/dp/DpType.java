package io.camelonenet.dp;

/**
 * The seven {@code $dp} payload types of OneNET's legacy MQTT protocol. The type sits in bits 0-5 of the frame's first
 * byte; bits 6-7 are per-type flags (docs/protocol-notes.md, `$dp` frames).
 */
public enum DpType {
    FULL_JSON(1),
    BINARY(2),
    SIMPLE_JSON(3),
    SIMPLE_JSON_WITH_TIME(4),
    DELIMITED_STRING(5),
    DELIMITED_STRING_WITH_TIME(6),
    FLOAT_GROUPS(7);

    /** Bits 0-5 of the first byte carry the type. */
    static final int TYPE_MASK = 0x3F;

    private final int code;

    DpType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DpType fromCode(int code) {
        for (DpType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new DpFrameException("unknown $dp type " + code + " (OneNET defines types 1 to 7)");
    }
}
