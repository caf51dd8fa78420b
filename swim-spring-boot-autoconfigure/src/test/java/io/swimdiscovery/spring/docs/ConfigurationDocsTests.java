package io.swimdiscovery.spring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.SwimSettings;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/configuration.md is generated from the metadata the configuration processor writes, and the
 * protocol defaults from the engine's presets, so it cannot drift from the code. When this test fails
 * because a property changed, regenerate the file:
 * {@code ./mvnw -pl swim-spring-boot-autoconfigure -am test -Dtest=ConfigurationDocsTests -Dsurefire.failIfNoSpecifiedTests=false -Dswim.docs.update=true}
 */
class ConfigurationDocsTests {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    private static final Path DOC = Path.of("../docs/configuration.md");

    @Test
    void configurationReferenceMatchesTheGeneratedMetadata() throws Exception {
        String expected = render(JsonMapper.builder().build().readTree(Files.readString(METADATA)));
        if (Boolean.getBoolean("swim.docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(DOC)
                .as("docs/configuration.md (regenerate with -Dswim.docs.update=true, see this test's Javadoc)")
                .exists();
        assertThat(Files.readString(DOC)).isEqualTo(expected);
    }

    private static String render(JsonNode metadata) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n");
        out.append("Every property of the SWIM Spring Boot starter, prefix `swim.`. This file is generated from the\n");
        out.append("metadata the configuration processor writes (`spring-configuration-metadata.json`, which IDEs\n");
        out.append("read too) and checked by `ConfigurationDocsTests`, so it cannot drift from the code.\n\n");
        out.append("Durations take Spring's units (`500ms`, `5s`, `2m`). Lists are comma-separated or indexed\n");
        out.append(
                "(`swim.seeds[0]`). Spring Cloud's own switches apply as usual: `spring.cloud.discovery.enabled`,\n");
        out.append("`spring.cloud.service-registry.auto-registration.enabled`, `spring.cloud.loadbalancer.enabled`,\n");
        out.append("`management.health.swim.enabled`, `management.endpoint.swim.access`.\n\n");
        List<JsonNode> general = new ArrayList<>();
        List<JsonNode> protocol = new ArrayList<>();
        List<JsonNode> management = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("swim.protocol.")) {
                protocol.add(property);
            } else if (name.startsWith("swim.")) {
                general.add(property);
            } else {
                management.add(property);
            }
        }
        out.append("## Node, service and encryption\n\n");
        out.append("| Property | Default | Description |\n|---|---|---|\n");
        for (JsonNode property : general) {
            out.append("| `")
                    .append(property.get("name").asString())
                    .append("` | ")
                    .append(defaultValue(property))
                    .append(" | ")
                    .append(description(property))
                    .append(" |\n");
        }
        out.append("\n## Protocol (`swim.protocol.*`)\n\n");
        out.append("Unset, each takes the value of the chosen `swim.profile`; the columns show the three presets\n");
        out.append("(`SwimSettings.lan()`, `wan()`, `local()`). docs/protocol.md explains each parameter.\n\n");
        out.append("| Property | lan | wan | local | Description |\n|---|---|---|---|---|\n");
        for (JsonNode property : protocol) {
            String name = property.get("name").asString();
            String setting = camel(name.substring("swim.protocol.".length()));
            out.append("| `")
                    .append(name)
                    .append("` | ")
                    .append(preset(SwimSettings.lan(), setting))
                    .append(" | ")
                    .append(preset(SwimSettings.wan(), setting))
                    .append(" | ")
                    .append(preset(SwimSettings.local(), setting))
                    .append(" | ")
                    .append(description(property))
                    .append(" |\n");
        }
        out.append("\n## Actuator endpoint\n\n");
        out.append("| Property | Default | Description |\n|---|---|---|\n");
        for (JsonNode property : management) {
            out.append("| `")
                    .append(property.get("name").asString())
                    .append("` | ")
                    .append(defaultValue(property))
                    .append(" | ")
                    .append(description(property))
                    .append(" |\n");
        }
        out.append("\n## Value hints\n\n");
        for (JsonNode hint : metadata.get("hints")) {
            out.append("`").append(hint.get("name").asString()).append("`:\n\n");
            for (JsonNode value : hint.get("values")) {
                out.append("- `")
                        .append(value.get("value").asString())
                        .append("`: ")
                        .append(value.get("description").asString())
                        .append("\n");
            }
            out.append("\n");
        }
        return out.toString();
    }

    private static String defaultValue(JsonNode property) {
        JsonNode value = property.get("defaultValue");
        if (value == null || value.isNull()) {
            return "";
        }
        return "`" + value.asString() + "`";
    }

    private static String description(JsonNode property) {
        JsonNode description = property.get("description");
        return (description == null)
                ? ""
                : description.asString().replace("|", "\\|").replace("\n", " ");
    }

    private static String preset(SwimSettings settings, String setting) throws Exception {
        Method accessor = SwimSettings.class.getMethod(setting);
        Object value = accessor.invoke(settings);
        if (value instanceof Duration duration) {
            return "`" + format(duration) + "`";
        }
        return "`" + value + "`";
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 60_000 == 0) {
            return (millis / 60_000) + "m";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return millis + "ms";
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
