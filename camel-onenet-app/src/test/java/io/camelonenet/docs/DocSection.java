package io.camelonenet.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces what lies between {@code <!-- name:start -->} and {@code <!-- name:end -->} in a page under docs/, so that
 * every figure there is written by the command that measured it (the performance harness, the fault tests).
 */
public final class DocSection {

    public static final Path PERFORMANCE = Path.of("docs", "performance.md");
    public static final Path RELIABILITY = Path.of("docs", "reliability.md");

    private DocSection() {
    }

    public static void replace(Path doc, String name, String content) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(doc + " has no " + start + " ... " + end + " section");
        }
        Files.writeString(doc, text.substring(0, from + start.length()) + "\n" + content + text.substring(to),
                StandardCharsets.UTF_8);
        System.out.println("Updated " + doc + " (" + name + ")");
    }
}
