package io.camelonenet.route;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a real sensor: each {@link #read()} returns temperature (°C), relative humidity (%) and a {@code seq}
 * that rises by one per reading, so a gap or a duplicate is visible on the platform. Replace it in
 * {@code routes/legacy/uplink.camel.yaml} (or {@code routes/studio/uplink.camel.yaml}) with a bean that reads your
 * hardware and returns a map of stream id to value.
 */
public class SimulatedSensor {

    private final AtomicLong seq = new AtomicLong();
    private final Random random;
    private double temperature = 22.0;
    private double humidity = 55.0;

    public SimulatedSensor() {
        this(new Random());
    }

    SimulatedSensor(Random random) {
        this.random = random;
    }

    public synchronized Map<String, Object> read() {
        // a bounded random walk looks like a room, not like noise
        temperature = clamp(temperature + random.nextGaussian() * 0.2, 15, 35);
        humidity = clamp(humidity + random.nextGaussian() * 0.5, 20, 90);
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("temperature", round1(temperature));
        reading.put("humidity", round1(humidity));
        reading.put("seq", seq.incrementAndGet());
        return reading;
    }

    /**
     * The same reading as floats under numeric stream ids, the only ids {@code $dp} type 7 has: 1 = temperature,
     * 2 = humidity.
     */
    public Map<Integer, Float> readFloats() {
        Map<String, Object> reading = read();
        Map<Integer, Float> floats = new LinkedHashMap<>();
        floats.put(1, ((Double) reading.get("temperature")).floatValue());
        floats.put(2, ((Double) reading.get("humidity")).floatValue());
        return floats;
    }

    /** A OneJSON event for the thing-model example: {@code {"overheat": {"temperature": 22.4}}}. */
    public synchronized Map<String, Object> event() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("overheat", Map.of("temperature", round1(temperature)));
        return event;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
