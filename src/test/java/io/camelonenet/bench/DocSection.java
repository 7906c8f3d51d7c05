package io.camelonenet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces what lies between {@code <!-- name:start -->} and {@code <!-- name:end -->} in docs/performance.md. */
final class DocSection {

    static final Path DOC = Path.of("docs", "performance.md");

    private DocSection() {
    }

    static void replace(String name, String content) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(start);
        int to = doc.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(DOC + " has no " + start + " ... " + end + " section");
        }
        Files.writeString(DOC, doc.substring(0, from + start.length()) + "\n" + content + doc.substring(to),
                StandardCharsets.UTF_8);
        System.out.println("Updated " + DOC + " (" + name + ")");
    }
}
