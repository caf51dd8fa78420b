import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON for DevTools replies: objects, arrays, strings, numbers, booleans, null. */
final class Json {

    private final String text;

    private int at;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.space();
        if (json.at != text.length()) {
            throw new IllegalArgumentException("trailing characters at " + json.at);
        }
        return value;
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private Object value() {
        space();
        char c = this.text.charAt(this.at);
        if (c == '{') {
            Map<String, Object> object = new LinkedHashMap<>();
            this.at++;
            space();
            if (peek('}')) {
                return object;
            }
            do {
                space();
                String key = string();
                space();
                expect(':');
                object.put(key, value());
                space();
            } while (next(','));
            expect('}');
            return object;
        }
        if (c == '[') {
            List<Object> array = new ArrayList<>();
            this.at++;
            space();
            if (peek(']')) {
                return array;
            }
            do {
                array.add(value());
                space();
            } while (next(','));
            expect(']');
            return array;
        }
        if (c == '"') {
            return string();
        }
        for (String word : List.of("true", "false", "null")) {
            if (this.text.startsWith(word, this.at)) {
                this.at += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = this.at;
        while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
            this.at++;
        }
        return Double.valueOf(this.text.substring(start, this.at));
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        for (char c = this.text.charAt(this.at++); c != '"'; c = this.text.charAt(this.at++)) {
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = this.text.charAt(this.at++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
                    this.at += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private void space() {
        while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
            this.at++;
        }
    }

    private boolean peek(char c) {
        if (this.text.charAt(this.at) == c) {
            this.at++;
            return true;
        }
        return false;
    }

    private boolean next(char c) {
        return this.at < this.text.length() && peek(c);
    }

    private void expect(char c) {
        if (this.text.charAt(this.at) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + this.at);
        }
        this.at++;
    }
}
