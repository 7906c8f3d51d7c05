package io.camelonenet.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelonenet.datapoint.JsonMappers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sub-device messages of a current-platform gateway, against docs/protocol-notes.md, Sub-devices. */
class SubDeviceMessagesTest {

    private static final SubDevice CHILD = new SubDevice("k5NIV817Ww", "childDevice1");
    private static final GatewayTopics TOPICS = new GatewayTopics("9701D5Lc56", "device2");

    @Test
    void the_sas_token_of_topo_add_is_the_sub_devices_own_token_with_res_and_sign_encoded() {
        // a derived example of the reference: the official sample key, sha1, et 2524579200
        String token = OneNetToken.generate(CHILD.resource(), "KuF3NT/jUBJ62LNBB/A8XZA9CqS3Cu79B/ABmfA1UCw=",
                TokenMethod.SHA1, 2524579200L);

        assertThat(token).isEqualTo("version=2018-10-31&res=products%2Fk5NIV817Ww%2Fdevices%2FchildDevice1"
                + "&et=2524579200&method=sha1&sign=%2FAifBpBMyDdzdPThiWR4Nw%2BZNuw%3D");
        JsonNode add = json(SubDeviceMessages.topologyAdd("123", CHILD, token));
        assertThat(add.get("id").asText()).isEqualTo("123");
        assertThat(add.get("params").get("productID").asText()).isEqualTo("k5NIV817Ww");
        assertThat(add.get("params").get("deviceName").asText()).isEqualTo("childDevice1");
        assertThat(add.get("params").get("sasToken").asText()).isEqualTo(token);
    }

    @Test
    void login_names_one_sub_device_and_carries_no_token() {
        JsonNode login = json(SubDeviceMessages.login("7", CHILD));

        assertThat(login.get("params").properties()).extracting(Map.Entry::getKey)
                .containsExactly("productID", "deviceName");
        assertThat(login.get("version").asText()).isEqualTo("1.0");
        assertThatThrownBy(() -> SubDeviceMessages.login("12345678901234", CHILD))
                .hasMessageContaining("1 to 13 digits");
    }

    @Test
    void requests_for_a_sub_device_name_it_and_are_answered_on_their_reply_topic() {
        SubDeviceRequest set = SubDeviceMessages.request(TOPICS.subPropertySet(), bytes(
                "{\"id\":\"5\",\"version\":\"1.0\",\"params\":{\"deviceName\":\"childDevice1\",\"productID\":\"k5NIV817Ww\","
                        + "\"params\":{\"temperature\":\"30.5\"}}}"));
        SubDeviceRequest get = SubDeviceMessages.request(TOPICS.subPropertyGet(), bytes(
                "{\"id\":\"6\",\"params\":{\"deviceName\":\"childDevice1\",\"productID\":\"k5NIV817Ww\","
                        + "\"params\":[\"temperature\"]}}"));
        SubDeviceRequest invoke = SubDeviceMessages.request(TOPICS.subServiceInvoke(), bytes(
                "{\"id\":\"7\",\"params\":{\"deviceName\":\"childDevice1\",\"productID\":\"k5NIV817Ww\","
                        + "\"identifier\":\"reboot\",\"input\":{\"delay\":3}}}"));

        assertThat(set.device()).isEqualTo(CHILD);
        assertThat(set.values()).containsEntry("temperature", "30.5");
        assertThat(set.replyTopic()).isEqualTo("$sys/9701D5Lc56/device2/thing/sub/property/set_reply");
        assertThat(get.names()).containsExactly("temperature");
        assertThat(json(SubDeviceMessages.answer(get, 200, "ok", Map.of("temperature", 21.5, "other", 1))).get("data")
                .toString()).isEqualTo("{\"temperature\":21.5}");
        assertThat(json(SubDeviceMessages.answer(set, 404, "no such valve", Map.of())).has("data")).isFalse();
        JsonNode invoked = json(SubDeviceMessages.answer(invoke, 200, "ok", Map.of("done", true)));
        assertThat(invoked.get("data").toString()).isEqualTo("{\"deviceName\":\"childDevice1\",\"productID\":"
                + "\"k5NIV817Ww\",\"identifier\":\"reboot\",\"output\":{\"done\":true}}");
        assertThat(invoke.replyTopic()).endsWith("/thing/sub/service/invoke_reply");
    }

    @Test
    void topology_change_is_the_full_list_and_is_answered_on_change_reply() {
        SubDeviceMessages.TopologyChange change = SubDeviceMessages.topologyChange(bytes("{\"id\":\"9\",\"version\":"
                + "\"1.0\",\"params\":{\"subList\":[{\"deviceName\":\"d1\",\"productID\":\"p1\"},"
                + "{\"deviceName\":\"d2\",\"productID\":\"p2\"}]}}"));

        assertThat(change.id()).isEqualTo("9");
        assertThat(change.topology().devices()).containsExactly(new SubDevice("p1", "d1"), new SubDevice("p2", "d2"));
        assertThat(TOPICS.topologyChangeReply()).endsWith("/thing/sub/topo/change_reply");
        assertThat(json(SubDeviceMessages.result("9", 200, "ok")).toString())
                .isEqualTo("{\"id\":\"9\",\"code\":200,\"msg\":\"ok\"}");
    }

    @Test
    void replies_are_matched_by_id_and_carry_no_sub_device() {
        SubDeviceMessages.Reply reply = SubDeviceMessages.reply(bytes("{\"id\":\"12\",\"code\":200,\"msg\":\"x\","
                + "\"data\":[{\"deviceName\":\"d1\",\"productID\":\"p1\"}]}"));

        assertThat(reply.ok()).isTrue();
        assertThat(SubDeviceMessages.topology(reply.data()).devices()).containsExactly(new SubDevice("p1", "d1"));
        assertThatThrownBy(() -> SubDeviceMessages.reply(bytes("{\"code\":200}"))).hasMessageContaining("id");
        assertThat(List.of(TOPICS.topologyGet(), TOPICS.login(), TOPICS.packPost()))
                .allSatisfy(topic -> assertThat(TOPICS.isReply(GatewayTopics.replyTo(topic))).isTrue());
    }

    @Test
    void a_topology_entry_that_names_no_sub_device_is_skipped_and_described_while_the_others_apply() {
        SubDeviceMessages.Reply reply = SubDeviceMessages.reply(bytes("{\"id\":\"12\",\"code\":200,\"data\":["
                + "{\"deviceName\":\"d1\",\"productID\":\"p1\"},{\"deviceName\":null,\"productID\":\"p1\"},"
                + "{\"productID\":\"p1\"},{\"deviceName\":\"\",\"productID\":\"p1\"},\"text\","
                + "{\"deviceName\":\"a\\nFORGED\",\"productID\":\"p1\"},{\"deviceName\":3,\"productID\":\"p1\"},"
                + "{\"deviceName\":\"d2\",\"productID\":\"p2\"}]}"));

        SubDeviceMessages.Topology topology = SubDeviceMessages.topology(reply.data());

        assertThat(topology.devices()).containsExactly(new SubDevice("p1", "d1"), new SubDevice("p2", "d2"));
        assertThat(topology.skipped()).containsExactly("entry 2 (deviceName missing, null, empty or not text)",
                "entry 3 (deviceName missing, null, empty or not text)",
                "entry 4 (deviceName missing, null, empty or not text)",
                "entry 5 (productID missing, null, empty or not text)",
                "entry 6 (deviceName missing, null, empty or not text)",
                "entry 7 (deviceName missing, null, empty or not text)");
    }

    @Test
    void a_topology_holds_at_most_the_platforms_1500_sub_devices() {
        StringBuilder list = new StringBuilder("[");
        for (int i = 1; i <= 1502; i++) {
            list.append(i > 1 ? "," : "").append("{\"deviceName\":\"d").append(i).append("\",\"productID\":\"p\"}");
        }
        SubDeviceMessages.Topology topology = SubDeviceMessages.topology(json(bytes(list + "]")));

        assertThat(topology.devices()).hasSize(1500).last().isEqualTo(new SubDevice("p", "d1500"));
        assertThat(topology.skipped()).containsExactly(
                "entry 1501 (past the platform's limit of 1500 sub-devices)",
                "entry 1502 (past the platform's limit of 1500 sub-devices)");
    }

    @Test
    void a_request_whose_id_is_not_the_platforms_digit_string_is_refused_without_echoing_it() {
        for (String id : List.of("\"12a\"", "\"12345678901234\"", "\"1\\nFORGED\"", "\"\"", "null", "{}")) {
            assertThatThrownBy(() -> SubDeviceMessages.request(TOPICS.subPropertySet(), bytes("{\"id\":" + id
                    + ",\"params\":{\"productID\":\"p\",\"deviceName\":\"d\",\"params\":{}}}")))
                    .as(id).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has an id that is not 1 to 13 digits").hasMessageNotContaining("\n");
        }
        assertThat(SubDeviceMessages.request(TOPICS.subPropertySet(), bytes("{\"id\":\"1234567890123\",\"params\""
                + ":{\"productID\":\"p\",\"deviceName\":\"d\",\"params\":{}}}")).id()).isEqualTo("1234567890123");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] payload) {
        try {
            return JsonMappers.plain().readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
