package io.camelonenet.dp;

/**
 * The codec's only exception: a {@code $dp} frame could not be built or read. The message names the field and the limit,
 * for example {@code "type 1 JSON is 70000 bytes; the u16 length field allows at most 65535"}.
 */
public class DpFrameException extends RuntimeException {

    public DpFrameException(String message) {
        super(message);
    }
}
