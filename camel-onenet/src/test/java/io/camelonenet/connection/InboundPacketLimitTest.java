package io.camelonenet.connection;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundPacketLimitTest {

    private static final int LIMIT = 1000;

    @Property(tries = 300)
    void should_pass_packets_up_to_the_limit_whatever_the_read_sizes(
            @ForAll @IntRange(min = 1, max = 700) int chunk, @ForAll @IntRange(min = 0, max = LIMIT) int size) throws IOException {
        byte[] stream = concat(packet(0x30, size), packet(0xD0, 0), packet(0x40, 2), packet(0x30, LIMIT));

        assertThat(readAll(new InboundPacketLimit(new ByteArrayInputStream(stream), LIMIT, "test"), chunk))
                .isEqualTo(stream);
    }

    @Test
    void should_fail_the_read_as_soon_as_a_length_over_the_limit_has_passed() {
        byte[] stream = concat(packet(0x30, 10), header(0x30, LIMIT + 1), new byte[5]);
        InputStream limited = new InboundPacketLimit(new ByteArrayInputStream(stream), LIMIT, "test");

        assertThatThrownBy(() -> readAll(limited, 1))
                .isInstanceOf(IOException.class)
                .hasMessage("inbound MQTT packet of 1001 bytes is over the limit of 1000");
    }

    @Test
    void should_refuse_a_remaining_length_of_more_than_four_bytes() {
        byte[] stream = {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
        InputStream limited = new InboundPacketLimit(new ByteArrayInputStream(stream), Integer.MAX_VALUE, "test");

        assertThatThrownBy(() -> readAll(limited, 6)).hasMessageContaining("remaining length over 4 bytes");
    }

    private static byte[] packet(int type, int remaining) {
        return concat(header(type, remaining), new byte[remaining]);
    }

    /** A fixed header: the type byte and the remaining length as MQTT's variable byte integer. */
    private static byte[] header(int type, int remaining) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        int value = remaining;
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[chunk];
        int read;
        while ((read = chunk == 1 ? single(in, buffer) : in.read(buffer, 0, chunk)) >= 0) {
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static int single(InputStream in, byte[] buffer) throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buffer[0] = (byte) b;
        return 1;
    }
}
