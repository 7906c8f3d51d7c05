package io.camelonenet.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_parsed_property_set_counts_several_times_its_json() throws Exception {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < 12_000; i++) {
            text.append(i > 0 ? "," : "").append("\"p").append(i).append("\":").append(i);
        }
        String json = text.append('}').toString();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JSON.readValue(json, Map.class);

        long size = ParsedSize.of(parsed);

        // 12,000 entries, keys of 2 to 6 characters, boxed numbers: each entry its node, key and value
        long perEntry = ParsedSize.MAP_ENTRY + ParsedSize.STRING + ParsedSize.BOXED;
        assertThat(size).isGreaterThan(12_000 * perEntry).isGreaterThan(8L * json.length());
        assertThat(ParsedSize.of(JSON.readTree(json))).isGreaterThan(12_000 * perEntry);
    }

    @Test
    void strings_bytes_lists_and_nested_maps_are_all_counted() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "x".repeat(100));
        List<Object> list = new ArrayList<>(List.of(1, 2.5, true));
        list.add(null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("inner", inner);
        outer.put("list", list);
        outer.put("bytes", new byte[1000]);

        // keys "inner", "list", "bytes"; inside, "name"
        long expected = ParsedSize.MAP + 3L * ParsedSize.MAP_ENTRY + 2 * ParsedSize.ofString(5) + ParsedSize.ofString(4)
                + ParsedSize.MAP + ParsedSize.MAP_ENTRY + ParsedSize.ofString(4) + ParsedSize.ofString(100)
                + ParsedSize.LIST + 4L * ParsedSize.LIST_SLOT + 3L * ParsedSize.BOXED
                + ParsedSize.ofBytes(1000);
        assertThat(ParsedSize.of(outer)).isEqualTo(expected);
        assertThat(ParsedSize.of(null)).isZero();
    }

    @Test
    void a_deeply_nested_value_is_walked_without_overflowing_the_stack() {
        Object value = "leaf";
        for (int i = 0; i < 100_000; i++) {
            value = List.of(value);
        }
        assertThat(ParsedSize.of(value)).isEqualTo(100_000L * (ParsedSize.LIST + ParsedSize.LIST_SLOT)
                + ParsedSize.ofString(4));
    }

    @Test
    void a_json_tree_counts_its_text_and_structure() throws Exception {
        JsonNode tree = JSON.readTree("{\"a\":[\"xy\",1]}");
        assertThat(ParsedSize.of(tree)).isEqualTo(ParsedSize.OBJECT + ParsedSize.MAP + ParsedSize.MAP_ENTRY
                + ParsedSize.ofString(1) + ParsedSize.OBJECT + ParsedSize.LIST + 2L * ParsedSize.LIST_SLOT
                + ParsedSize.OBJECT + ParsedSize.ofString(2) + ParsedSize.OBJECT + ParsedSize.BOXED);
    }
}
