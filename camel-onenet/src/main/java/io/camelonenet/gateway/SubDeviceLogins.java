package io.camelonenet.gateway;

import io.camelonenet.studio.PlatformCalls;
import io.camelonenet.inbound.LogText;
import io.camelonenet.studio.GatewayTopics;
import io.camelonenet.studio.OneNetToken;
import io.camelonenet.studio.PlatformRejectedException;
import io.camelonenet.studio.SubDevice;
import io.camelonenet.studio.SubDeviceMessages;
import io.camelonenet.studio.TokenMethod;
import io.camelonenet.support.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sub-devices' logins over a current-platform gateway's connection: which are bound on the platform, which are
 * logged in on the current session of the connection, which the platform refuses, and when each is tried next. A
 * sub-device is bound ({@code topo/add}, its {@code sasToken} signed with its own key) if the platform does not have
 * it, then logged in ({@code sub/login}), one request at a time; a refusal is named in the log once per reason and
 * retried with backoff (2 s doubling to 5 min) without holding back the others. Logins run on the gateway's worker;
 * the MQTT client's thread reads who is online and replaces the bound set on {@code topo/change}.
 */
final class SubDeviceLogins {

    private static final Logger LOG = LoggerFactory.getLogger(SubDeviceLogins.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final Backoff REFUSED_RETRY = Backoff.exact(FIRST_RETRY, MAX_RETRY);
    /** A sasToken only has to be valid while topo/add is checked. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(1);

    private final PlatformCalls calls;
    private final GatewayTopics topics;
    private final TokenMethod method;
    private final Set<SubDevice> bound = ConcurrentHashMap.newKeySet();
    /** Logged in on the current session: each sub-device logs in once per session of the gateway's connection. */
    private final Set<SubDevice> online = ConcurrentHashMap.newKeySet();
    /** Counts the gateway connection's sessions (a change either way), so a login of an older one is not kept. */
    private final AtomicLong sessions = new AtomicLong();
    private final Map<SubDevice, String> refused = new ConcurrentHashMap<>();
    private final Map<SubDevice, Long> retryAt = new ConcurrentHashMap<>();
    /** Consecutive refusals of a sub-device, for its backoff. */
    private final Map<SubDevice, Integer> refusals = new ConcurrentHashMap<>();

    SubDeviceLogins(PlatformCalls calls, GatewayTopics topics, TokenMethod method) {
        this.calls = calls;
        this.topics = topics;
        this.method = method;
    }

    /** The connection came up or went down: a new session, in which every sub-device logs in again. */
    void newSession() {
        sessions.incrementAndGet();
        online.clear();
    }

    long session() {
        return sessions.get();
    }

    boolean isOnline(SubDevice device) {
        return online.contains(device);
    }

    /** Whether the platform's topology has it under this gateway. */
    boolean isBound(SubDevice device) {
        return bound.contains(device);
    }

    int online() {
        return online.size();
    }

    /** The sub-devices the platform refuses now, by key. */
    /** The platform's reason for each refused sub-device, by key. */
    java.util.Map<String, String> refusedReasons() {
        java.util.Map<String, String> reasons = new java.util.HashMap<>();
        refused.forEach((device, reason) -> reasons.put(device.key(), reason));
        return reasons;
    }

    List<String> refused() {
        return refused.keySet().stream().map(SubDevice::key).sorted().toList();
    }

    /** The platform's topology ({@code topo/get}, {@code topo/change}): what is bound, and online only if bound. */
    void boundAre(Collection<SubDevice> devices) {
        bound.clear();
        bound.addAll(devices);
        online.retainAll(bound);
    }

    /** These sub-devices log in at {@code atMillis}, but for those online already. */
    void due(Collection<SubDevice> devices, long atMillis) {
        devices.stream().filter(device -> !online.contains(device)).forEach(device -> retryAt.put(device, atMillis));
    }

    /** The sub-device's entry changed: it logs in again at {@code atMillis}, though online on this session. */
    void again(SubDevice device, long atMillis) {
        online.remove(device);
        retryAt.put(device, atMillis);
    }

    /** When each sub-device waiting to log in is due. */
    Map<SubDevice, Long> waiting() {
        return Map.copyOf(retryAt);
    }

    /** Binds the sub-device if the platform does not have it, then logs it in; a refusal is retried later. */
    void attach(SubDevice device, RegisteredDevice registered) {
        String step = "topo/add";
        try {
            if (registered == null || online.contains(device)) {
                // removed from the file meanwhile, or already logged in on this session
                retryAt.remove(device);
                return;
            }
            long session = sessions.get();
            if (!bound.contains(device)) {
                String token = token(device, registered);
                calls.call(topics.topologyAdd(), id -> SubDeviceMessages.topologyAdd(id, device, token),
                        "topo/add of " + device);
                bound.add(device);
            }
            step = "login";
            calls.call(topics.login(), id -> SubDeviceMessages.login(id, device), "login of " + device);
            if (sessions.get() != session) {
                // the session ended under the login: the next one logs it in again
                return;
            }
            online.add(device);
            retryAt.remove(device);
            refusals.remove(device);
            if (refused.remove(device) != null) {
                LOG.info("Sub-device {} is bound and logged in now", device);
            }
        } catch (PlatformRejectedException e) {
            long delay = REFUSED_RETRY.delayMillis(refusals.merge(device, 1, Integer::sum));
            // the reason without its request id, so that a retry refused alike is not logged again
            String reason = LogText.of(e.getMessage().replaceFirst("^request \\d+ rejected: ", ""));
            if (!reason.equals(refused.put(device, reason))) {
                LOG.warn("Sub-device {}: {} refused ({}); trying again with backoff, the other sub-devices go on",
                        device, step, reason);
            }
            retryAt.put(device, System.currentTimeMillis() + delay);
        } catch (Exception e) {
            // offline or no answer: tried again soon, or after the next connect
            LOG.debug("Sub-device {}: {} not done: {}", device, step, LogText.of(e.getMessage()));
            retryAt.put(device, System.currentTimeMillis() + FIRST_RETRY.toMillis());
        }
    }

    /**
     * A sub-device removed from the file: logged out, and unbound ({@code topo/delete}) only with {@code prune}, so that
     * what a person bound in the console stays bound.
     */
    void detach(SubDevice device, RegisteredDevice registered, boolean prune) {
        retryAt.remove(device);
        refusals.remove(device);
        refused.remove(device);
        boolean wasOnline = online.remove(device);
        try {
            if (prune && bound.contains(device)) {
                String token = token(device, registered);
                calls.call(topics.topologyDelete(), id -> SubDeviceMessages.topologyDelete(id, device, token),
                        "topo/delete of " + device);
                bound.remove(device);
                LOG.info("Sub-device {} removed from the file: unbound (onenet.gateway.prune-topology)", device);
            } else if (wasOnline) {
                calls.call(topics.logout(), id -> SubDeviceMessages.logout(id, device), "logout of " + device);
                LOG.info("Sub-device {} removed from the file: logged out, left bound", device);
            }
        } catch (Exception e) {
            LOG.warn("Sub-device {} removed from the file: {}", device, LogText.of(e.getMessage()));
        }
    }

    private String token(SubDevice device, RegisteredDevice registered) {
        return OneNetToken.generate(device.resource(), registered.secret(), method,
                System.currentTimeMillis() / 1000 + TOKEN_VALIDITY.toSeconds());
    }
}
