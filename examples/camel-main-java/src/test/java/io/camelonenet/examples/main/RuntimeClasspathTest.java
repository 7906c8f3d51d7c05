package io.camelonenet.examples.main;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application depending on the camel-onenet library ships with: the runtime class path Maven resolved for
 * this project (written by the dependency plugin). The emulator's broker and its baggage, and any logging binding,
 * must not come with the library.
 */
class RuntimeClasspathTest {

    @Test
    void should_bring_the_library_without_broker_or_logging_binding() throws Exception {
        List<String> jars = Arrays.stream(Files.readString(Path.of("target", "runtime-classpath.txt")).trim()
                        .split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString())
                .toList();

        assertThat(jars).anyMatch(jar -> jar.startsWith("camel-onenet-0"))
                .anyMatch(jar -> jar.startsWith("org.eclipse.paho.client.mqttv3"))
                .anyMatch(jar -> jar.startsWith("sqlite-jdbc"));
        assertThat(jars).noneMatch(jar -> jar.contains("hivemq"))
                .noneMatch(jar -> jar.contains("rocksdb"))
                .noneMatch(jar -> jar.startsWith("kotlin"))
                .noneMatch(jar -> jar.startsWith("bcprov") || jar.startsWith("bcpkix"))
                .noneMatch(jar -> jar.startsWith("logback"))
                .noneMatch(jar -> jar.contains("camel-onenet-emulator"));
    }
}
