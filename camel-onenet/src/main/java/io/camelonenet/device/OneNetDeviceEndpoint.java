package io.camelonenet.device;

import io.camelonenet.setup.ConfigurationException;
import io.camelonenet.setup.OneNetSettings;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A OneNET device: send datapoints to it (the body a map of stream to value, a list of datapoints, or that as JSON
 * text), or consume its commands (each reply sent when the exchange completes: the {@code OneNetReply} header, else
 * {@code ok}).
 *
 * <p>Over 300 lines because of its URI options: each a documented field with a getter and a setter, as Camel's
 * catalog and property binding need them.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "onenet", title = "OneNET Device", syntax = "onenet:device",
             category = { Category.IOT }, headersClass = io.camelonenet.OneNetHeaders.class)
public class OneNetDeviceEndpoint extends DefaultEndpoint {

    @UriPath(description = "The device: on the legacy endpoint its device id (the MQTT client id), on the current"
            + " platform its device name")
    @Metadata(required = true)
    private final String device;
    @UriParam(description = "Which OneNET: legacy (the $dp endpoint) or studio (the current platform)",
              enums = "legacy,studio", defaultValue = "legacy")
    private String protocol = "legacy";
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
    @UriParam(label = "security", enums = "md5,sha1,sha256", defaultValue = "sha256",
              description = "Studio: the token's HMAC")
    private String tokenMethod = "sha256";
    @UriParam(label = "security", description = "For ssl:// URLs: the CA certificate(s) to trust, a PEM file or"
            + " classpath:name.pem; unset: the Java default trust store")
    private String tlsCa;
    @UriParam(label = "producer", enums = "datapoints,properties", defaultValue = "datapoints",
              description = "Studio: datapoints (dp/post/json) or properties (OneJSON thing/property/post)")
    private String uplinkKind = "datapoints";
    @UriParam(label = "producer", defaultValue = "Asia/Shanghai",
              description = "Legacy: the zone of the at times written (OneNET reports Beijing time)")
    private String timeZone = "Asia/Shanghai";
    @UriParam(label = "producer", description = "Publishes per second at most, replies included; 0: no limit"
            + " (default 0 legacy, 20 studio)")
    private Double maxPublishRate;
    @UriParam(label = "producer", defaultValue = "10000",
              description = "Studio: milliseconds to wait for the platform's answer to a post")
    private long replyTimeout = 10000;
    @UriParam(label = "producer", description = "The durable buffer's directory (default data/buffer/<device>)")
    private String bufferDir;
    @UriParam(label = "producer", defaultValue = "67108864", description = "The buffer's bound in payload bytes")
    private long bufferMaxBytes = 67108864;
    @UriParam(label = "producer", enums = "drop-oldest,refuse-new", defaultValue = "drop-oldest",
              description = "When the buffer is full")
    private String bufferPolicy = "drop-oldest";
    @UriParam(label = "producer", enums = "full,normal", defaultValue = "full", description = "full: each reading"
            + " synced to disk before the exchange completes; normal: survives a crash of the app, not of the machine")
    private String bufferSync = "full";
    @UriParam(label = "consumer", defaultValue = "65536", description = "Larger commands are refused; it also bounds"
            + " every inbound MQTT packet")
    private int maxCommandBytes = 65536;
    @UriParam(label = "advanced", defaultValue = "120", description = "MQTT keep-alive in seconds")
    private int keepAlive = 120;
    @UriParam(label = "advanced", defaultValue = "60000", description = "Cap of the reconnect backoff, in ms")
    private long reconnectMaxDelay = 60000;

    OneNetDeviceEndpoint(String uri, OneNetDeviceComponent component, String device) {
        super(uri, component);
        this.device = device;
    }

    @Override
    public OneNetDeviceComponent getComponent() {
        return (OneNetDeviceComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new DatapointSinkProducer(this, getComponent().runtime(this));
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        CommandSourceConsumer consumer = new CommandSourceConsumer(this, processor, getComponent().runtime(this));
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * The options as the app's checked settings, so that both are validated alike; a mistake names the option.
     */
    OneNetSettings settings() {
        boolean studio = "studio".equals(protocol);
        Map<String, String> keys = new HashMap<>();
        Map<String, String> options = new HashMap<>();
        BiConsumer<String, Object> key = (name, value) -> keys.put(name, value == null ? null : value.toString());
        option(key, options, OneNetSettings.PROTOCOL, "protocol", protocol);
        option(key, options, "onenet.broker-url", "brokerUrl", brokerUrl);
        option(key, options, "onenet.product-id", "productId", productId);
        option(key, options, studio ? OneNetSettings.DEVICE_NAME : "onenet.device-id", "device (the path)", device);
        option(key, options, OneNetSettings.AUTH_INFO, "authInfo", authInfo);
        option(key, options, OneNetSettings.DEVICE_KEY, "deviceKey", deviceKey);
        option(key, options, OneNetSettings.PRODUCT_KEY, "productKey", productKey);
        option(key, options, OneNetSettings.TOKEN_METHOD, "tokenMethod", tokenMethod);
        option(key, options, OneNetSettings.TLS_CA, "tlsCa", tlsCa);
        option(key, options, "onenet.uplink.kind", "uplinkKind", uplinkKind);
        option(key, options, OneNetSettings.UPLINK_TIME_ZONE, "timeZone", timeZone);
        option(key, options, OneNetSettings.UPLINK_MAX_RATE, "maxPublishRate", maxPublishRate);
        option(key, options, "onenet.reply.timeout", "replyTimeout", replyTimeout);
        option(key, options, "onenet.buffer.dir", "bufferDir", bufferDir != null ? bufferDir : "data/buffer/" + device);
        option(key, options, "onenet.buffer.max-bytes", "bufferMaxBytes", bufferMaxBytes);
        option(key, options, "onenet.buffer.policy", "bufferPolicy", bufferPolicy);
        option(key, options, "onenet.buffer.sync", "bufferSync", bufferSync);
        option(key, options, "onenet.downlink.max-bytes", "maxCommandBytes", maxCommandBytes);
        option(key, options, "onenet.keep-alive", "keepAlive", keepAlive);
        option(key, options, "onenet.reconnect.max-delay", "reconnectMaxDelay", reconnectMaxDelay);
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

    /** The settings key of an option, and the option's name to put in messages about that key. */
    private static void option(BiConsumer<String, Object> keys, Map<String, String> options, String key,
                               String option, Object value) {
        keys.accept(key, value);
        options.put(key, option);
    }

    public String getDevice() {
        return device;
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

    public long getReplyTimeout() {
        return replyTimeout;
    }

    public void setReplyTimeout(long replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    public String getBufferDir() {
        return bufferDir;
    }

    public void setBufferDir(String bufferDir) {
        this.bufferDir = bufferDir;
    }

    public long getBufferMaxBytes() {
        return bufferMaxBytes;
    }

    public void setBufferMaxBytes(long bufferMaxBytes) {
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

    public int getMaxCommandBytes() {
        return maxCommandBytes;
    }

    public void setMaxCommandBytes(int maxCommandBytes) {
        this.maxCommandBytes = maxCommandBytes;
    }

    public int getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(int keepAlive) {
        this.keepAlive = keepAlive;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }
}
