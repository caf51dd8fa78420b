package io.swimdiscovery.cli;

import io.swimdiscovery.core.protocol.SwimSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code --set name=value} options to a {@link SwimSettings.Builder}. Every one-argument
 * setter of the builder is a setting, found by reflection, so a setting added to the engine is
 * settable here the day it exists. Values: durations as {@code 500ms}, {@code 1s}, {@code 2m},
 * {@code 1h} or ISO-8601 ({@code PT1.5S}); integers; decimals; {@code true}/{@code false}; enum
 * constants by name, in any case ({@code rejoinPolicy=stop}).
 */
final class SettingsOverrides {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private SettingsOverrides() {}

    /** The settings names and their value types, sorted, for help and error messages. */
    static Map<String, Class<?>> settingNames() {
        Map<String, Class<?>> out = new TreeMap<>();
        for (Method m : SwimSettings.Builder.class.getMethods()) {
            if (m.getParameterCount() == 1 && m.getReturnType() == SwimSettings.Builder.class) {
                out.put(m.getName(), m.getParameterTypes()[0]);
            }
        }
        return out;
    }

    /**
     * @param assignments {@code name=value} texts in command-line order (a later one wins)
     * @throws IllegalArgumentException naming the setting and what is wrong with it
     */
    static SwimSettings apply(SwimSettings base, Iterable<String> assignments) {
        SwimSettings.Builder builder = base.toBuilder();
        Map<String, Class<?>> names = settingNames();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects name=value, got '" + assignment + "'");
            }
            String name = assignment.substring(0, eq).trim();
            String text = assignment.substring(eq + 1).trim();
            Class<?> type = names.get(name);
            if (type == null) {
                throw new IllegalArgumentException(
                        "unknown setting '" + name + "'; known: " + String.join(", ", names.keySet()));
            }
            Object value = convert(name, text, type);
            try {
                SwimSettings.Builder.class.getMethod(name, type).invoke(builder, value);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalArgumentException("setting " + name + ": " + cause.getMessage(), cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("setting " + name + " is not settable: " + e, e);
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("settings: " + e.getMessage(), e);
        }
    }

    private static Object convert(String name, String text, Class<?> type) {
        try {
            if (type == Duration.class) {
                return duration(text);
            }
            if (type == int.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class) {
                return Long.parseLong(text);
            }
            if (type == double.class) {
                return Double.parseDouble(text);
            }
            if (type.isEnum()) {
                return enumValue(type, text);
            }
            if (type == boolean.class) {
                String t = text.toLowerCase(Locale.ROOT);
                if (!t.equals("true") && !t.equals("false")) {
                    throw new IllegalArgumentException("expected true or false");
                }
                return Boolean.parseBoolean(t);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "setting " + name + ": '" + text + "' is not a valid "
                            + type.getSimpleName()
                            + (type == Duration.class
                                    ? " (use 500ms, 1s, 2m, 1h or PT1S)"
                                    : type.isEnum() ? " (" + e.getMessage() + ")" : ""),
                    e);
        }
        throw new IllegalArgumentException("setting " + name + " has a type the CLI cannot parse: " + type);
    }

    private static Object enumValue(Class<?> type, String text) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Object constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(((Enum<?>) constant).name());
        }
        throw new IllegalArgumentException("expected one of " + names);
    }

    /** {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, or ISO-8601 such as {@code PT1S}. */
    static Duration duration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millis =
                    switch (m.group(2)) {
                        case "ms" -> amount;
                        case "s" -> amount * 1_000;
                        case "m" -> amount * 60_000;
                        default -> amount * 3_600_000;
                    };
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }
}
