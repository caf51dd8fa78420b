package io.swimdiscovery.benchmarks;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Builds one flat JSON object on one line, keys in insertion order; absent numbers are {@code null}. */
public final class JsonLine {

    private final StringBuilder sb = new StringBuilder("{");

    public JsonLine put(String key, @Nullable String value) {
        key(key);
        if (value == null) {
            sb.append("null");
        } else {
            sb.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        return this;
    }

    public JsonLine put(String key, long value) {
        key(key);
        sb.append(value);
        return this;
    }

    public JsonLine put(String key, boolean value) {
        key(key);
        sb.append(value);
        return this;
    }

    /** A number with 3 decimals (6 below 1, so small rates survive); NaN and infinities become null. */
    public JsonLine put(String key, double value) {
        key(key);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            sb.append("null");
        } else {
            String s = String.format(Locale.ROOT, Math.abs(value) < 1 ? "%.6f" : "%.3f", value);
            sb.append(s.contains(".") ? s.replaceAll("\\.?0+$", "") : s);
        }
        return this;
    }

    /** Milliseconds from nanoseconds, or null when absent (negative). */
    public JsonLine putMillis(String key, long nanos) {
        return nanos < 0 ? putNull(key) : put(key, nanos / 1e6);
    }

    public JsonLine putNull(String key) {
        key(key);
        sb.append("null");
        return this;
    }

    private void key(String key) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        sb.append('"').append(key).append("\":");
    }

    @Override
    public String toString() {
        return sb + "}";
    }
}
