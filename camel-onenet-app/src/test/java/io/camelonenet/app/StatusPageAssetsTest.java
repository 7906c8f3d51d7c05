package io.camelonenet.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page's files as they ship: small, nothing loaded from elsewhere, no inline script (the page's
 * Content-Security-Policy would block it), every label in English and Chinese, and values put in as text only.
 */
class StatusPageAssetsTest {

    private static final Path ASSETS = Path.of("camel-onenet-app", "src", "observability", "resources", "io",
            "camelonenet", "app", "status");

    @Test
    void the_page_and_its_assets_are_under_100_kb_and_load_nothing_from_elsewhere() throws IOException {
        long bytes = 0;
        try (Stream<Path> files = Files.list(ASSETS)) {
            for (Path file : files.toList()) {
                bytes += Files.size(file);
                assertThat(Files.readString(file)).as(file.toString()).doesNotContainPattern("(?i)https?://")
                        .doesNotContain("//cdn").doesNotContain("@import");
            }
        }
        assertThat(bytes).isLessThan(100 * 1024);
        String html = Files.readString(ASSETS.resolve("index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void every_label_has_both_languages_and_nothing_is_put_in_as_html() throws IOException {
        String html = Files.readString(ASSETS.resolve("index.html"));
        String script = Files.readString(ASSETS.resolve("status.js"));
        int english = script.indexOf("en: {");
        int chinese = script.indexOf("zh: {");
        assertThat(english).isPositive();
        assertThat(chinese).isGreaterThan(english);
        String englishTable = script.substring(english, chinese);
        String chineseTable = script.substring(chinese, script.indexOf("};", chinese));
        Matcher labels = Pattern.compile("data-i18n(?:-placeholder)?=\"([^\"]+)\"").matcher(html);
        int count = 0;
        while (labels.find()) {
            String key = labels.group(1);
            assertThat(englishTable).as("English for " + key).contains(key + ":");
            assertThat(chineseTable).as("Chinese for " + key).contains(key + ":");
            count++;
        }
        assertThat(count).isGreaterThan(30);
        assertThat(script).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write").doesNotContain("eval(");
    }
}
