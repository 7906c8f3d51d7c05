package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * 100,000 random and mutated frames: the decoder returns a message or throws {@link DpFrameException}, nothing else,
 * never hangs, and never allocates much more than the frame itself, whatever its length fields claim.
 */
class DpCodecFuzzTest {

    private static final int FRAMES = 100_000;
    /** Generous for Jackson's buffers; a decoder trusting a 3 MB or 4 GB length field would blow it. */
    private static final long MAX_BYTES_PER_DECODE = 1024 * 1024;

    private final DpCodec codec = new DpCodec();
    private final SplittableRandom random = new SplittableRandom(20261125L);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_survive_random_and_mutated_frames_with_only_its_own_exception() {
        List<byte[]> seeds = seeds();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // class loading and Jackson's first use allocate once; measure the steady state
        for (int i = 0; i < 2_000; i++) {
            codec.decode(seeds.get(i % seeds.size()));
        }
        int decoded = 0;
        int refused = 0;
        long worstAllocation = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = i % 2 == 0 ? randomFrame() : mutate(seeds.get(random.nextInt(seeds.size())));
            long before = threads.getThreadAllocatedBytes(thread);
            try {
                codec.decode(frame);
                decoded++;
            } catch (DpFrameException expected) {
                refused++;
            } catch (RuntimeException | StackOverflowError unexpected) {
                fail("frame " + i + " (" + java.util.HexFormat.of().formatHex(frame) + ") threw " + unexpected,
                        unexpected);
            }
            worstAllocation = Math.max(worstAllocation, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertThat(decoded + refused).isEqualTo(FRAMES);
        assertThat(decoded).as("some mutations stay valid").isPositive();
        assertThat(worstAllocation).as("bytes allocated by the worst single decode").isLessThan(MAX_BYTES_PER_DECODE);
    }

    private byte[] randomFrame() {
        byte[] frame = new byte[random.nextInt(0, 96)];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) random.nextInt(256);
        }
        if (frame.length > 0 && random.nextBoolean()) {
            // mostly valid type bytes, so the decoders behind them get exercised, with and without flags
            frame[0] = (byte) (random.nextInt(1, 8) | (random.nextInt(4) == 0 ? 0x80 : 0));
        }
        return frame;
    }

    private byte[] mutate(byte[] seed) {
        byte[] frame = seed.clone();
        switch (random.nextInt(6)) {
            case 0 -> frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> frame = Arrays.copyOf(frame, random.nextInt(frame.length));
            case 2 -> {
                // claim a huge or wrong length at a random position
                int at = random.nextInt(Math.max(1, frame.length - 4));
                for (int i = at; i < Math.min(frame.length, at + 4); i++) {
                    frame[i] = (byte) 0xFF;
                }
            }
            case 3 -> {
                byte[] longer = Arrays.copyOf(frame, frame.length + random.nextInt(1, 16));
                for (int i = frame.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                frame = longer;
            }
            case 4 -> frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            default -> frame[0] = (byte) random.nextInt(256);
        }
        return frame;
    }

    private List<byte[]> seeds() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(codec.encode(new FullJsonMessage(List.of(Datapoint.of("t", at, 22.5), Datapoint.of("h", null, "x")))));
        seeds.add(codec.encode(new BinaryMessage("img", at, "jpeg", BinaryData.of(new byte[] {1, 2, 3, 4, 5}))));
        seeds.add(codec.encode(new SimpleJsonMessage(Map.of("t", 1, "s", "on"))));
        seeds.add(codec.encode(new TimedJsonMessage(List.of(Datapoint.of("t", at, 2)))));
        seeds.add(codec.encode(new DelimitedMessage(',', ';', List.of(new DelimitedField("t", at, "1"),
                DelimitedField.valueOnly("2"), DelimitedField.of("p", "3")))));
        seeds.add(codec.encode(new DelimitedWithTimeMessage('#', '@', at, List.of(DelimitedField.of("t", "1")))));
        seeds.add(codec.encode(new FloatGroupsMessage(at, List.of(new FloatGroup(1, new float[] {1f, 2f}),
                new FloatGroup(2, new float[] {3f})))));
        return seeds;
    }
}
