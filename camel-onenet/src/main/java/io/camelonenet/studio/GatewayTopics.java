package io.camelonenet.studio;

/**
 * The topics a current-platform gateway uses for its sub-devices: all are the gateway's own, under
 * {@code $sys/{gwPid}/{gwName}/thing/} (docs/protocol-notes.md, Sub-devices). The platform allows 10 subscriptions per session, so
 * the gateway subscribes one filter, {@code thing/#}, as the official SDK does.
 */
public final class GatewayTopics {

    private final String thing;

    public GatewayTopics(String gatewayProductId, String gatewayName) {
        this.thing = "$sys/" + gatewayProductId + "/" + gatewayName + "/thing/";
    }

    /** The one subscription: every reply and every request for the gateway and its sub-devices. */
    public String subscription() {
        return thing + "#";
    }

    public String topologyGet() {
        return thing + "sub/topo/get";
    }

    /** The gateway's report of how its local sync of the topology went. */
    public String topologyGetResult() {
        return thing + "sub/topo/get/result";
    }

    public String topologyAdd() {
        return thing + "sub/topo/add";
    }

    public String topologyDelete() {
        return thing + "sub/topo/delete";
    }

    public String topologyChange() {
        return thing + "sub/topo/change";
    }

    /** With an underscore, unlike the other replies (a trap some third-party code falls into). */
    public String topologyChangeReply() {
        return thing + "sub/topo/change_reply";
    }

    public String login() {
        return thing + "sub/login";
    }

    public String logout() {
        return thing + "sub/logout";
    }

    public String packPost() {
        return thing + "pack/post";
    }

    public String historyPost() {
        return thing + "history/post";
    }

    public String subPropertySet() {
        return thing + "sub/property/set";
    }

    public String subPropertyGet() {
        return thing + "sub/property/get";
    }

    public String subServiceInvoke() {
        return thing + "sub/service/invoke";
    }

    /** The platform's reply to a request of the gateway on {@code requestTopic}. */
    public static String replyTo(String requestTopic) {
        return requestTopic + "/reply";
    }

    /** The gateway's reply topic for a sub-device request: {@code set_reply}, {@code get_reply}, {@code invoke_reply}. */
    public static String answerTo(String requestTopic) {
        return requestTopic + "_reply";
    }

    /** True for the platform's replies to the gateway's own requests ({@code .../reply}). */
    public boolean isReply(String topic) {
        return topic.startsWith(thing) && topic.endsWith("/reply");
    }

    /** True for a request of the platform about one sub-device (property set or get, service invoke). */
    public boolean isSubDeviceRequest(String topic) {
        return topic.equals(subPropertySet()) || topic.equals(subPropertyGet()) || topic.equals(subServiceInvoke());
    }
}
