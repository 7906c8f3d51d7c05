package io.camelonenet.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces what lies between {@code <!-- name:start -->} and {@code <!-- name:end -->} in a page under docs/, so that
 * every figure there is written by the command that measured it (the performance harness, the fault tests). The tests
 * write only when asked ({@code -Ddocs.update=true}: the build passes it on to them, false unless set), so that
 * {@code ./mvnw verify} leaves the checkout as it was; they print the section instead. The benchmarks, whose command
 * exists to rewrite their sections, always write.
 */
public final class DocSection {

    public static final Path PERFORMANCE = Path.of("docs", "performance.md");
    public static final Path RELIABILITY = Path.of("docs", "reliability.md");

    private DocSection() {
    }

    /** The system property that lets tests write (the build sets it from the Maven property of the same name). */
    public static final String UPDATE = "docs.update";

    public static void replace(Path doc, String name, String content) throws IOException {
        if (!Boolean.parseBoolean(System.getProperty(UPDATE, "true"))) {
            System.out.println("Not written to " + doc + " (" + name + "; -D" + UPDATE + "=true writes it): " + content);
            return;
        }
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
