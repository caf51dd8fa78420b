package io.swimdiscovery.benchmarks.real;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One run's figures, printed as one JSON object per line with the same fields as the simulator's
 * command (null where a scenario does not measure a field).
 */
final class RealRunResult {

    private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();

    RealRunResult put(String key, @Nullable Object value) {
        fields.put(key, value);
        return this;
    }

    /** Makes sure {@code key} is printed (as null) even when the run stopped before measuring it. */
    RealRunResult putIfAbsent(String key) {
        fields.putIfAbsent(key, null);
        return this;
    }

    String toJson() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, @Nullable Object> e : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Double d) {
                sb.append(String.format(Locale.ROOT, "%.3f", d));
            } else if (v instanceof Number) {
                sb.append(v);
            } else {
                sb.append('"')
                        .append(v.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
        }
        return sb.append('}').toString();
    }
}
