package io.swimdiscovery.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of one command. Every getter validates and names the option in its
 * error; {@link #rejectUnknown} turns a typo into an error instead of a silently ignored flag.
 */
public final class CliArgs {

    private final Map<String, String> values = new LinkedHashMap<>();

    private CliArgs() {}

    /** Parses {@code --name value} pairs. */
    public static CliArgs parse(List<String> args) {
        CliArgs a = new CliArgs();
        for (int i = 0; i < args.size(); i++) {
            String key = args.get(i);
            if (!key.startsWith("--") || key.length() < 3) {
                throw new IllegalArgumentException("expected an option --name, got '" + key + "'");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + key + " needs a value");
            }
            a.values.put(key.substring(2), args.get(++i));
        }
        return a;
    }

    public void rejectUnknown(Set<String> known) {
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(
                        "unknown option --" + k + "; known: --" + String.join(", --", known));
            }
        }
    }

    public String string(String name, String def) {
        return values.getOrDefault(name, def);
    }

    public String oneOf(String name, String def, Set<String> allowed) {
        String v = string(name, def);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("--" + name + " must be one of " + allowed + ", was '" + v + "'");
        }
        return v;
    }

    public int intValue(String name, int def, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new IllegalArgumentException("--" + name + " must be in " + min + ".." + max + ", was " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, was '" + v + "'", e);
        }
    }

    public long longValue(String name, long def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, was '" + v + "'", e);
        }
    }

    public double doubleValue(String name, double def, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException("--" + name + " must be in [" + min + ", " + max + "], was " + d);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + v + "'", e);
        }
    }

    public boolean onOff(String name, boolean def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        if (v.equals("on") || v.equals("true")) {
            return true;
        }
        if (v.equals("off") || v.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("--" + name + " must be on or off, was '" + v + "'");
    }
}
