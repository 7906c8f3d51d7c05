package io.camelonenet.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.connection.DeviceConnection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A current-platform device's or gateway's requests and their replies: a request gets an id, is published at QoS 1 on the
 * device's connection, and its reply (which names no sub-device) is found by that id. The platform's
 * {@code code}s other than 200 come back as {@link PlatformRejectedException} with the code.
 */
public final class PlatformCalls {

    private final DeviceConnection connection;
    private final PlatformReplies replies;
    private final Duration timeout;

    public PlatformCalls(DeviceConnection connection, PlatformReplies replies, Duration timeout) {
        this.connection = connection;
        this.replies = replies;
        this.timeout = timeout;
    }

    /** Publishes {@code body(id)} on {@code topic} and returns the platform's reply. */
    public JsonNode call(String topic, Function<String, byte[]> body, String what) throws Exception {
        long id = replies.register();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            connection.publishAsync(topic, body.apply(Long.toString(id)), 1, false, failure -> {
                if (failure == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(failure);
                }
            });
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            forget(id, what);
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            forget(id, what);
            throw new IllegalStateException(what + ": no PUBACK within " + timeout.toMillis() + " ms");
        } catch (Exception e) {
            forget(id, what);
            throw e;
        }
        return replies.await(id, timeout, what);
    }

    /** The request did not go out: no reply is expected for it any more. */
    private void forget(long id, String what) {
        try {
            replies.await(id, Duration.ZERO, what);
        } catch (RuntimeException expected) {
            // removed
        }
    }
}
