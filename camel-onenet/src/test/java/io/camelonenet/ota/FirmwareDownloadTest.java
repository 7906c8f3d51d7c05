package io.camelonenet.ota;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A task's package on disk: resumed, bounded by the task's size, checked, installed under its version only. */
class FirmwareDownloadTest {

    @TempDir
    Path dir;

    private final byte[] firmware = bytes(200_000);
    private final OtaTask task = new OtaTask(7, "1.1", firmware.length, md5(firmware), OtaTask.WAITING);

    @Test
    void resumes_from_the_bytes_on_disk_and_installs_the_package_once_its_md5_matched() throws Exception {
        FirmwareDownload first = new FirmwareDownload(dir, task);
        // a connection that broke after 70,000 bytes
        assertThatThrownBy(() -> first.receive(new ByteArrayInputStream(firmware, 0, 70_000), 0, percent -> true))
                .isInstanceOf(IOException.class).hasMessageContaining("ended at byte 70000 of 200000");

        FirmwareDownload second = new FirmwareDownload(dir, task);
        assertThat(second.have()).isEqualTo(70_000);
        List<Integer> percents = new ArrayList<>();
        boolean whole = second.receive(new ByteArrayInputStream(firmware, 70_000, firmware.length - 70_000),
                70_000, percent -> percents.add(percent));

        assertThat(whole).isTrue();
        assertThat(percents).isSorted().doesNotHaveDuplicates().last().isEqualTo(100);
        assertThat(percents.get(0)).as("from where it resumed").isGreaterThan(35);
        assertThat(second.verified()).isTrue();
        assertThat(Files.readAllBytes(second.install())).isEqualTo(firmware);
        assertThat(dir.resolve("1.1")).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("1.1");
        }
    }

    @Test
    void reads_past_what_it_has_when_the_server_sends_the_package_whole_and_never_past_the_tasks_size()
            throws Exception {
        FirmwareDownload download = new FirmwareDownload(dir, task);
        assertThatThrownBy(() -> download.receive(new ByteArrayInputStream(firmware, 0, 50_000), 0, percent -> true))
                .isInstanceOf(IOException.class);
        byte[] longer = Arrays.copyOf(firmware, firmware.length + 10_000);

        download.receive(new ByteArrayInputStream(longer), 0, percent -> true);

        assertThat(Files.size(dir.resolve(".1.1.7.part"))).isEqualTo(firmware.length);
        assertThat(download.verified()).isTrue();
    }

    @Test
    void a_wrong_md5_is_not_verified_and_a_stopped_download_is_not_whole() throws Exception {
        OtaTask corrupt = new OtaTask(8, "1.2", firmware.length, md5(new byte[1]), OtaTask.WAITING);
        FirmwareDownload download = new FirmwareDownload(dir, corrupt);

        assertThat(download.receive(new ByteArrayInputStream(firmware), 0, percent -> percent < 50)).isFalse();
        download.receive(new ByteArrayInputStream(firmware), 0, percent -> true);

        assertThat(download.verified()).isFalse();
        download.discard();
        assertThat(download.have()).isZero();
    }

    @Test
    void a_target_version_that_is_no_plain_name_chooses_no_file() {
        for (String target : new String[] {"../../etc/passwd", "..", ".hidden", "a/b", "v 1", ""}) {
            OtaTask unsafe = new OtaTask(9, target, 10, md5(new byte[10]), OtaTask.WAITING);
            assertThatThrownBy(() -> new FirmwareDownload(dir, unsafe)).as(target)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot name a file");
        }
    }

    @Test
    void the_parts_of_other_tasks_are_dropped() throws Exception {
        Files.write(dir.resolve(".0.9.3.part"), new byte[100]);

        assertThat(new FirmwareDownload(dir, task).have()).isZero();
        assertThat(dir.resolve(".0.9.3.part")).doesNotExist();
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(3).nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
