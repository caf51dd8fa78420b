package io.swimdiscovery.core.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MembershipEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented example runs on loopback as documented, and the docs show its current code. */
class PlainJavaExampleTests {

    private static final Path SOURCE = Path.of("src/test/java/io/swimdiscovery/core/examples/PlainJavaExample.java");

    @Test
    void theExampleJoinsListsAndLeaves() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<MembershipEvent> seen = PlainJavaExample.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isInstanceOfSatisfying(MembershipEvent.MemberJoined.class, e -> assertThat(
                        e.member().name())
                .isEqualTo("orders-2"));
        assertThat(seen.get(1)).isInstanceOfSatisfying(MembershipEvent.MemberLeft.class, e -> assertThat(
                        e.member().name())
                .isEqualTo("orders-2"));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("orders-1 at 127.0.0.1:")
                .contains("orders-2 at 127.0.0.1:")
                .contains("{zone=eu-1a}");
    }

    @Test
    void docsJavaApiAndTheReadmeShowTheExampleAsItIs() throws IOException {
        List<String> example = region(Files.readAllLines(SOURCE));

        for (Path doc : List.of(Path.of("../docs/java-api.md"), Path.of("../README.md"))) {
            String text = Files.readString(doc);
            assertThat(text)
                    .as("%s shows the example of %s (copy the tagged region, without its indent)", doc, SOURCE)
                    .contains(String.join("\n", example));
        }
    }

    /** The lines between the tags, with the common indentation removed. */
    private static List<String> region(List<String> lines) {
        int start = indexOf(lines, "// tag::example[]") + 1;
        int end = indexOf(lines, "// end::example[]");
        List<String> body = lines.subList(start, end);
        int indent = body.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    private static int indexOf(List<String> lines, String tag) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(tag)) {
                return i;
            }
        }
        throw new AssertionError("no " + tag + " in " + SOURCE);
    }
}
