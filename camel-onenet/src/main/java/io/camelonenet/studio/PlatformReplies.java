package io.camelonenet.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.RepeatedWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches the current platform's answers to the requests that caused them, by the {@code id} both carry:
 * {@code dp/post/json/accepted} and {@code /rejected}, and OneJSON's {@code .../post/reply} with a {@code code} (200 is
 * success). The uplink registers a request before publishing it and waits for its answer; the one
 * inbound route hands every answer to {@link #complete(String, byte[])}. No Camel here: the route calls it as a bean.
 */
public class PlatformReplies {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformReplies.class);

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Answers nobody waits for (late, or a hostile platform's): logged once per interval. */
    private final RepeatedWarning strays = new RepeatedWarning(LOG);

    /** A new request id: positive and within int32, as OneNET requires. */
    public long nextId() {
        return ids.updateAndGet(last -> last >= Integer.MAX_VALUE ? 1 : last + 1);
    }

    /**
     * Waits for the answer to {@code id} from now on; call it before the request is published, so a quick answer is
     * not missed. A request stored before a restart is expected again when it is finally sent.
     */
    public void expect(long id) {
        pending.computeIfAbsent(id, key -> new CompletableFuture<>());
    }

    /** A new request id, already expected. */
    public long register() {
        long id = nextId();
        expect(id);
        return id;
    }

    /** Waits for the answer to {@code id}; a rejection or no answer in time fails with a reason. */
    public JsonNode await(long id, Duration timeout, String what) {
        CompletableFuture<JsonNode> answer = pending.get(id);
        if (answer == null) {
            throw new IllegalStateException("no request " + id + " is waiting for an answer");
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PlatformRejectedException(what + " " + id + " got no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformRejectedException("interrupted while waiting for the answer to " + what + " " + id);
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Called by the inbound route with an {@code .../accepted} or {@code .../rejected} answer, or a OneJSON
     * {@code .../post/reply}, and its payload.
     */
    public void complete(String topic, byte[] body) {
        JsonNode answer;
        try {
            answer = body == null || body.length == 0
                    ? JsonMappers.plain().createObjectNode() : JsonMappers.plain().readTree(body);
        } catch (IOException e) {
            strays.warn(() -> "Answer on " + LogText.of(topic) + " is not JSON; ignored");
            return;
        }
        JsonNode id = answer.get("id");
        CompletableFuture<JsonNode> waiting = id == null ? null : pending.get(id.asLong());
        if (waiting == null) {
            JsonNode stray = answer;
            strays.warn(() -> "Answer on " + LogText.of(topic) + " for no waiting request: " + LogText.of(stray));
            return;
        }
        if (topic != null && topic.endsWith("/rejected")) {
            waiting.completeExceptionally(new PlatformRejectedException("request " + id.asLong() + " rejected: err_code "
                    + LogText.of(answer.path("err_code").asText("?"), 20) + ", "
                    + LogText.of(answer.path("err_msg").asText("no message"))));
        } else if (topic != null && topic.endsWith("/reply") && answer.path("code").asInt(200) != 200) {
            // OneJSON answers on .../reply with a code; anything but 200 is a refusal
            waiting.completeExceptionally(new PlatformRejectedException("request " + id.asLong() + " rejected: code "
                    + LogText.of(answer.path("code").asText(), 20) + ", " + LogText.of(answer.path("msg")
                    .asText("no message"))));
        } else {
            waiting.complete(answer);
        }
    }

    /** How many requests wait for their answer. */
    public int waiting() {
        return pending.size();
    }
}
