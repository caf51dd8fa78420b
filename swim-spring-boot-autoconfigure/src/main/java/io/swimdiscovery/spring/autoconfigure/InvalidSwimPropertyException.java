package io.swimdiscovery.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code swim.*} property holds a value the node cannot work with. Thrown while the application
 * starts, so it stops with one message naming the property, the value and what is expected
 * ({@link InvalidSwimPropertyFailureAnalyzer} turns it into Boot's failure report).
 */
public class InvalidSwimPropertyException extends RuntimeException {

    private final String property;

    private final @Nullable String value;

    private final String expected;

    public InvalidSwimPropertyException(String property, @Nullable Object value, String expected) {
        this(property, value, expected, null);
    }

    public InvalidSwimPropertyException(
            String property, @Nullable Object value, String expected, @Nullable Throwable cause) {
        super(
                "Invalid value " + (value == null ? "null" : "'" + value + "'") + " for property '" + property
                        + "': expected " + expected,
                cause);
        this.property = property;
        this.value = (value != null) ? String.valueOf(value) : null;
        this.expected = expected;
    }

    /** The full property name, for example {@code swim.seeds[1]}. */
    public String getProperty() {
        return this.property;
    }

    /** The value as configured (never a key: those are reported by length only). */
    public @Nullable String getValue() {
        return this.value;
    }

    /** What the property accepts. */
    public String getExpected() {
        return this.expected;
    }
}
