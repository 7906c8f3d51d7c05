package io.camelonenet.device;

import io.camelonenet.setup.ConfigurationException;
import io.camelonenet.setup.OneNetSettings;
import io.camelonenet.setup.SettingDefaults;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code onenet:} options, one class for the component and its endpoints (as camel-paho and camel-kafka do): set
 * once on the component ({@code camel.component.onenet.broker-url}), each endpoint starts from a copy and its URI
 * overrides what it names. An option left unset takes the default of the app's settings ({@link SettingDefaults}),
 * which the annotations only document.
 *
 * <p>Over 300 lines because of its options: each a documented field with a getter and a setter, as Camel's catalog and
 * property binding need them.
 */
@UriParams
public class OneNetDeviceConfiguration implements Cloneable {

    @UriParam(description = "Which OneNET: legacy (the $dp endpoint) or studio (the current platform)",
              enums = "legacy,studio", defaultValue = SettingDefaults.PROTOCOL)
    private String protocol;
    @UriParam(description = "OneNET's MQTT endpoint, tcp://host:port or ssl://host:port (legacy OneNET:"
            + " tcp://183.230.40.39:6002)")
    @Metadata(required = true)
    private String brokerUrl;
    @UriParam(description = "The product id: the MQTT user name")
    @Metadata(required = true)
    private String productId;
    @UriParam(label = "security", secret = true, description = "Legacy: the device's auth info, the MQTT password")
    private String authInfo;
    @UriParam(label = "security", secret = true, description = "Studio: the device key (base64) that signs the token")
    private String deviceKey;
    @UriParam(label = "security", secret = true, description = "Studio: instead of the device key, the product key")
    private String productKey;
    @UriParam(label = "security", enums = "md5,sha1,sha256", defaultValue = SettingDefaults.TOKEN_METHOD,
              description = "Studio: the token's HMAC")
    private String tokenMethod;
    @UriParam(label = "security", description = "For ssl:// URLs: the CA certificate(s) to trust, a PEM file or"
            + " classpath:name.pem; unset: the Java default trust store")
    private String tlsCa;
    @UriParam(label = "producer", enums = "datapoints,properties", defaultValue = SettingDefaults.UPLINK_KIND,
              description = "Studio: datapoints (dp/post/json) or properties (OneJSON thing/property/post)")
    private String uplinkKind;
    @UriParam(label = "producer", defaultValue = SettingDefaults.TIME_ZONE,
              description = "Legacy: the zone of the at times written (OneNET reports Beijing time)")
    private String timeZone;
    @UriParam(label = "producer", description = "Publishes per second at most, replies included; 0: no limit"
            + " (default 0 legacy; studio " + SettingDefaults.DATASTREAM_MAX_RATE + " datapoints, "
            + SettingDefaults.THING_MODEL_MAX_RATE + " properties)")
    private Double maxPublishRate;
    @UriParam(label = "producer", defaultValue = "" + SettingDefaults.REPLY_TIMEOUT_MS,
              description = "Studio: milliseconds to wait for the platform's answer to a post")
    private Long replyTimeout;
    @UriParam(label = "producer", description = "The durable buffer's directory (default "
            + SettingDefaults.BUFFER_DIR + "/<device>)")
    private String bufferDir;
    @UriParam(label = "producer", defaultValue = "" + SettingDefaults.BUFFER_MAX_BYTES,
              description = "The buffer's bound in payload bytes")
    private Long bufferMaxBytes;
    @UriParam(label = "producer", enums = "drop-oldest,refuse-new", defaultValue = SettingDefaults.BUFFER_POLICY,
              description = "When the buffer is full")
    private String bufferPolicy;
    @UriParam(label = "producer", enums = "full,normal", defaultValue = SettingDefaults.BUFFER_SYNC,
              description = "full: each reading synced to disk before the exchange completes; normal: survives a crash"
                      + " of the app, not of the machine")
    private String bufferSync;
    @UriParam(label = "producer", description = "Where a reading the platform refuses goes, an endpoint URI (the"
            + " body the message as it was sent, the reason in the exchange property CamelExceptionCaught); unset: a"
            + " JSON file each in deadLetterDir, as the app keeps them")
    private String deadLetterUri;
    @UriParam(label = "producer", defaultValue = SettingDefaults.DEAD_LETTER_DIR,
              description = "Without deadLetterUri: the dead letters' folder")
    private String deadLetterDir;
    @UriParam(label = "producer", defaultValue = "" + SettingDefaults.DEAD_LETTER_MAX_BYTES,
              description = "Without deadLetterUri: the dead letters' bound on disk; past it the oldest are deleted")
    private Long deadLetterMaxBytes;
    @UriParam(label = "consumer", defaultValue = "" + SettingDefaults.DOWNLINK_MAX_BYTES,
              description = "Larger commands are refused; it also bounds every inbound MQTT packet")
    private Integer maxCommandBytes;
    @UriParam(label = "advanced", defaultValue = "" + SettingDefaults.KEEP_ALIVE_S,
              description = "MQTT keep-alive in seconds")
    private Integer keepAlive;
    @UriParam(label = "advanced", defaultValue = "" + SettingDefaults.RECONNECT_MAX_DELAY_MS,
              description = "Cap of the reconnect backoff, in ms")
    private Long reconnectMaxDelay;

    /** An endpoint's own copy, so that its URI options do not change the component's or another endpoint's. */
    public OneNetDeviceConfiguration copy() {
        try {
            return (OneNetDeviceConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /**
     * The options of {@code device} as the app's checked settings, so that both are validated alike and share their
     * defaults; a mistake names the option.
     */
    OneNetSettings settings(String device) {
        boolean studio = "studio".equals(protocol);
        Map<String, String> keys = new HashMap<>();
        Map<String, String> options = new HashMap<>();
        Options option = (key, name, value) -> {
            keys.put(key, value == null ? null : value.toString());
            options.put(key, name);
        };
        option.set(OneNetSettings.PROTOCOL, "protocol", protocol);
        option.set(OneNetSettings.BROKER_URL, "brokerUrl", brokerUrl);
        option.set(OneNetSettings.PRODUCT_ID, "productId", productId);
        option.set(studio ? OneNetSettings.DEVICE_NAME : OneNetSettings.DEVICE_ID, "device (the path)", device);
        option.set(OneNetSettings.AUTH_INFO, "authInfo", authInfo);
        option.set(OneNetSettings.DEVICE_KEY, "deviceKey", deviceKey);
        option.set(OneNetSettings.PRODUCT_KEY, "productKey", productKey);
        option.set(OneNetSettings.TOKEN_METHOD, "tokenMethod", tokenMethod);
        option.set(OneNetSettings.TLS_CA, "tlsCa", tlsCa);
        option.set(OneNetSettings.UPLINK_KIND, "uplinkKind", uplinkKind);
        option.set(OneNetSettings.UPLINK_TIME_ZONE, "timeZone", timeZone);
        option.set(OneNetSettings.UPLINK_MAX_RATE, "maxPublishRate", maxPublishRate);
        option.set(OneNetSettings.REPLY_TIMEOUT, "replyTimeout", replyTimeout);
        option.set(OneNetSettings.BUFFER_DIR, "bufferDir",
                bufferDir != null ? bufferDir : SettingDefaults.BUFFER_DIR + "/" + device);
        option.set(OneNetSettings.BUFFER_MAX_BYTES, "bufferMaxBytes", bufferMaxBytes);
        option.set(OneNetSettings.BUFFER_POLICY, "bufferPolicy", bufferPolicy);
        option.set(OneNetSettings.BUFFER_SYNC, "bufferSync", bufferSync);
        option.set(OneNetSettings.DEAD_LETTER_DIR, "deadLetterDir", deadLetterDir);
        option.set(OneNetSettings.DEAD_LETTER_MAX_BYTES, "deadLetterMaxBytes", deadLetterMaxBytes);
        option.set(OneNetSettings.DOWNLINK_MAX_BYTES, "maxCommandBytes", maxCommandBytes);
        option.set(OneNetSettings.KEEP_ALIVE, "keepAlive", keepAlive);
        option.set(OneNetSettings.RECONNECT_MAX_DELAY, "reconnectMaxDelay", reconnectMaxDelay);
        // an endpoint never starts an emulator: a test starts it itself
        keys.put(OneNetSettings.EMULATOR_ENABLED, "false");
        try {
            // an unset Kamelet property arrives empty (RAW() around an absent secret): the same as not set
            return OneNetSettings.read(name -> Optional.ofNullable(keys.get(name)).filter(value -> !value.isBlank()));
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException("onenet:" + device + ": option "
                    + options.getOrDefault(e.key(), e.key()) + " " + e.problem(), e);
        }
    }

    /** Puts an option's value under its settings key, and remembers the option's name for messages about the key. */
    @FunctionalInterface
    private interface Options {
        void set(String key, String option, Object value);
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getBrokerUrl() {
        return brokerUrl;
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    public String getProductId() {
        return productId;
    }

    public void setProductId(String productId) {
        this.productId = productId;
    }

    public String getAuthInfo() {
        return authInfo;
    }

    public void setAuthInfo(String authInfo) {
        this.authInfo = authInfo;
    }

    public String getDeviceKey() {
        return deviceKey;
    }

    public void setDeviceKey(String deviceKey) {
        this.deviceKey = deviceKey;
    }

    public String getProductKey() {
        return productKey;
    }

    public void setProductKey(String productKey) {
        this.productKey = productKey;
    }

    public String getTokenMethod() {
        return tokenMethod;
    }

    public void setTokenMethod(String tokenMethod) {
        this.tokenMethod = tokenMethod;
    }

    public String getTlsCa() {
        return tlsCa;
    }

    public void setTlsCa(String tlsCa) {
        this.tlsCa = tlsCa;
    }

    public String getUplinkKind() {
        return uplinkKind;
    }

    public void setUplinkKind(String uplinkKind) {
        this.uplinkKind = uplinkKind;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Double getMaxPublishRate() {
        return maxPublishRate;
    }

    public void setMaxPublishRate(Double maxPublishRate) {
        this.maxPublishRate = maxPublishRate;
    }

    public Long getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(Long replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public String getBufferDir() {
        return bufferDir;
    }

    public void setBufferDir(String bufferDir) {
        this.bufferDir = bufferDir;
    }

    public Long getBufferMaxBytes() {
        return bufferMaxBytes;
    }

    public void setBufferMaxBytes(Long bufferMaxBytes) {
        this.bufferMaxBytes = bufferMaxBytes;
    }

    public String getBufferPolicy() {
        return bufferPolicy;
    }

    public void setBufferPolicy(String bufferPolicy) {
        this.bufferPolicy = bufferPolicy;
    }

    public String getBufferSync() {
        return bufferSync;
    }

    public void setBufferSync(String bufferSync) {
        this.bufferSync = bufferSync;
    }

    public Integer getMaxCommandBytes() {
        return maxCommandBytes;
    }

    public void setMaxCommandBytes(Integer maxCommandBytes) {
        this.maxCommandBytes = maxCommandBytes;
    }

    public Integer getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(Integer keepAlive) {
        this.keepAlive = keepAlive;
    }

    public Long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(Long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public String getDeadLetterDir() {
        return deadLetterDir;
    }

    public void setDeadLetterDir(String deadLetterDir) {
        this.deadLetterDir = deadLetterDir;
    }

    public Long getDeadLetterMaxBytes() {
        return deadLetterMaxBytes;
    }

    public void setDeadLetterMaxBytes(Long deadLetterMaxBytes) {
        this.deadLetterMaxBytes = deadLetterMaxBytes;
    }
}
