package io.camelonenet.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The devices file's contract: the three ways to give a secret, and one clear line for every mistake. */
class DevicesFileTest {

    @TempDir
    Path dir;

    private final DevicesFile legacy = DevicesFile.legacy().withEnvironment(Map.of("METER_17_AUTH", "env-secret")::get);

    @Test
    void should_read_the_secret_from_the_environment_a_file_or_the_file_itself_with_a_warning() throws Exception {
        Path secret = Files.writeString(dir.resolve("meter-18"), "file-secret\n");
        Path file = write("""
                devices:
                  - device-id: "29455901"
                    product-id: "12555524"
                    auth-info-env: METER_17_AUTH
                  - device-id: 29455902
                    product-id: "12555524"
                    auth-info-file: %s
                  - device-id: "29455903"
                    product-id: "12555524"
                    auth-info: plain-value
                """.formatted(secret));

        DeviceRegistry registry = legacy.read(file);

        assertThat(registry.devices()).extracting(RegisteredDevice::id)
                .containsExactly("29455901", "29455902", "29455903");
        assertThat(registry.devices()).extracting(RegisteredDevice::secret)
                .containsExactly("env-secret", "file-secret", "plain-value");
        assertThat(registry.device("29455902")).get().extracting(RegisteredDevice::productId).isEqualTo("12555524");
        assertThat(registry.warnings()).singleElement().asString()
                .contains("1 of 3 entries write auth-info in the file itself", "entry 3 (device-id 29455903)");
        assertThat(registry.devices().toString()).doesNotContain("env-secret", "file-secret", "plain-value");
    }

    @Test
    void should_read_the_current_platforms_names() throws Exception {
        Path file = write("""
                devices:
                  - product-id: "k5NIV817Ww"
                    device-name: childDevice1
                    device-key: a2V5
                """);

        assertThat(DevicesFile.studio().read(file).devices()).singleElement()
                .satisfies(device -> assertThat(device.id()).isEqualTo("childDevice1"));
    }

    @Test
    void should_name_the_file_and_the_entry_of_every_mistake() throws Exception {
        assertRefused("devices: [", "is not valid YAML");
        assertRefused("meters: []", "has no list 'devices:' at its top");
        assertRefused("devices:\n  - just-a-string", "entry 1 is not a map");
        assertRefused("devices:\n  - product-id: p\n    auth-info: s", "entry 1: device-id is missing or empty");
        assertRefused("devices:\n  - device-id: d\n    product-id: p\n    auth_info: s",
                "entry 1: unknown key 'auth_info'");
        assertRefused("devices:\n  - device-id: d\n    product-id: p",
                "entry 1 (device-id d): give exactly one of auth-info-env, auth-info-file or auth-info");
        assertRefused("devices:\n  - device-id: d\n    product-id: p\n    auth-info: s\n    auth-info-env: X",
                "give exactly one of");
        assertRefused("devices:\n  - device-id: d\n    product-id: p\n    auth-info-env: NOT_SET",
                "entry 1 (device-id d): environment variable NOT_SET is not set");
        assertRefused("devices:\n  - device-id: d\n    product-id: p\n    auth-info-file: " + dir.resolve("none"),
                "auth-info-file " + dir.resolve("none") + " does not exist");
        assertRefused("""
                devices:
                  - device-id: d
                    product-id: p
                    auth-info: a
                  - device-id: d
                    product-id: p
                    auth-info: b
                """, "entry 2: device-id 'd' is listed twice");
        assertThatThrownBy(() -> legacy.read(dir.resolve("missing.yaml")))
                .hasMessageContaining("missing.yaml does not exist");
    }

    @Test
    void should_refuse_an_empty_secret_file() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertRefused("devices:\n  - device-id: d\n    product-id: p\n    auth-info-file: " + empty,
                "auth-info-file " + empty + " is empty");
    }

    @Test
    void a_yaml_mistake_is_named_by_line_and_column_without_quoting_the_text_around_it() throws Exception {
        String secret = "s3cret-" + System.nanoTime();
        Path file = write("devices:\n  - device-id: d\n    product-id: p\n    auth-info: \"" + secret + "\n");

        assertThatThrownBy(() -> legacy.read(file)).isInstanceOf(InvalidDevicesFileException.class)
                .hasMessage("devices file " + file + " is not valid YAML at line 4, column 14");
        // a secret file named by mistake as the devices file
        Path secretFile = Files.writeString(dir.resolve("secret"), "\"" + secret + "\n");
        assertThatThrownBy(() -> legacy.read(secretFile)).message().doesNotContain(secret);
    }

    @Test
    void a_file_too_large_for_the_heap_is_refused_before_it_is_read() throws Exception {
        long limit = DevicesFile.maxBytes();
        Path file = dir.resolve("huge.yaml");
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            huge.setLength(limit + 1);
        }

        assertThat(limit).isEqualTo(Math.min(DevicesFile.MAX_BYTES, Runtime.getRuntime().maxMemory()
                / DevicesFile.HEAP_PER_FILE_BYTE));
        assertThatThrownBy(() -> legacy.read(file)).isInstanceOf(InvalidDevicesFileException.class)
                .hasMessageContaining("is " + (limit + 1) + " bytes; at most " + limit + " bytes can be read");
    }

    @Test
    void a_secret_file_holds_one_line_and_its_line_end_is_not_part_of_the_secret() throws Exception {
        Path unix = Files.writeString(dir.resolve("unix"), "first-secret\n");
        Path windows = Files.writeString(dir.resolve("windows"), "second-secret\r\n");
        Path twoLines = Files.writeString(dir.resolve("two"), "third-secret\nsomething else\n");
        Path bidi = Files.writeString(dir.resolve("bidi"), "a\u202Eb\n");

        assertThat(legacy.read(write("devices:\n  - device-id: d\n    product-id: p\n    auth-info-file: " + unix))
                .device("d").orElseThrow().secret()).isEqualTo("first-secret");
        assertThat(legacy.read(write("devices:\n  - device-id: d\n    product-id: p\n    auth-info-file: "
                + windows)).device("d").orElseThrow().secret()).isEqualTo("second-secret");
        assertRefused("devices:\n  - device-id: d\n    product-id: p\n    auth-info-file: " + twoLines,
                "auth-info-file " + twoLines + " has more than one line");
        assertRefused("devices:\n  - device-id: d\n    product-id: p\n    auth-info-file: " + bidi,
                "auth-info-file " + bidi + " holds control or formatting characters");
        assertRefused("devices:\n  - device-id: \"d\\u202E1\"\n    product-id: p\n    auth-info: x",
                "device-id holds control or formatting characters");
    }

    private void assertRefused(String yaml, String message) throws Exception {
        Path file = write(yaml);
        assertThatThrownBy(() -> legacy.read(file)).isInstanceOf(InvalidDevicesFileException.class)
                .hasMessageStartingWith("devices file " + file + " ").hasMessageContaining(message);
    }

    @Test
    void a_sub_device_is_unique_by_product_and_name() throws Exception {
        Path twoProducts = write("""
                devices:
                  - device-name: meter
                    product-id: p1
                    device-key: a2V5
                  - device-name: meter
                    product-id: p2
                    device-key: a2V5
                """);
        assertThat(DevicesFile.studio().read(twoProducts).size()).isEqualTo(2);

        Path twice = write("""
                devices:
                  - device-name: meter
                    product-id: p1
                    device-key: a2V5
                  - device-name: meter
                    product-id: p1
                    device-key: a2V5
                """);
        assertThatThrownBy(() -> DevicesFile.studio().read(twice))
                .hasMessageContaining("entry 2: device-name 'meter' of product p1 is listed twice");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "devices", ".yaml"), yaml);
    }
}
