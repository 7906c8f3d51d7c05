package io.camelonenet.route;

import io.camelonenet.datapoint.ReadingTime;
import io.camelonenet.OneNetHeaders;

import io.camelonenet.datapoint.DatapointBodies;
import io.camelonenet.datapoint.DatapointJsonWriter;
import io.camelonenet.datapoint.OneNetTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.time.Instant;

/**
 * Turns the body (a map of stream id to value, or a list of datapoints with their own times) into OneNET's full
 * datapoint JSON, as UTF-8 bytes: {@code {"datastreams":[{"id":..,"datapoints":[{"at":..,"value":..}]}]}}. Values of
 * a map are stamped with the time the exchange was created, written as {@code yyyy-MM-dd'T'HH:mm:ss} in
 * {@link #setTimeZone(String) timeZone} (default Asia/Shanghai, the zone OneNET reports in).
 *
 * <p>Bad input (null or empty stream id, a value Jackson cannot write, NaN) raises
 * {@link io.camelonenet.datapoint.InvalidDatapointException} naming the stream.
 */
public class DatapointJsonBuilder implements Processor {

    private volatile DatapointJsonWriter writer;
    private volatile OneNetTime time;

    public DatapointJsonBuilder() {
        useZone(OneNetTime.DEFAULT_ZONE.getId());
    }

    /** The zone of {@code at} times, for example {@code Asia/Shanghai} or {@code UTC}. */
    public void setTimeZone(String zoneId) {
        useZone(zoneId);
    }

    public String getTimeZone() {
        return time.zone().getId();
    }

    private void useZone(String zoneId) {
        OneNetTime zoned = new OneNetTime(OneNetTime.zone(zoneId));
        this.writer = new DatapointJsonWriter(zoned);
        this.time = zoned;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Instant created = ReadingTime.of(exchange);
        var points = DatapointBodies.toDatapoints(message.getBody(), created, time);
        message.setBody(writer.write(points));
        message.setHeader(OneNetHeaders.DATAPOINT_COUNT, points.size());
    }
}
