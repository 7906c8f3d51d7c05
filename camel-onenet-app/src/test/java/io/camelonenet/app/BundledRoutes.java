package io.camelonenet.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The bundled YAML routes of one platform, copied and edited as a user edits them. */
public final class BundledRoutes {

    private BundledRoutes() {
    }

    /**
     * Copies {@code routes/common/} and {@code routes/<protocol>/} into {@code dir} with {@code edit} applied to each
     * file, and returns the routes-include-pattern that loads the copies.
     */
    public static String copy(Path dir, String protocol, UnaryOperator<String> edit) throws IOException {
        Path routes = Files.createDirectories(dir);
        for (String folder : List.of("common", protocol)) {
            try (Stream<Path> bundled = Files.list(Path.of("routes", folder))) {
                for (Path route : bundled.filter(file -> file.toString().endsWith(".camel.yaml")).toList()) {
                    Files.writeString(routes.resolve(route.getFileName()), edit.apply(Files.readString(route)));
                }
            }
        }
        return "file:" + routes + "/*.camel.yaml";
    }
}
