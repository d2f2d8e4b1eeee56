import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a realm overlay onto a base realm export: {@code java MergeRealm.java base.json overlay.json out.json}.
 * Runs as a single source file on the JDK alone (no jq, no python on a fresh machine).
 *
 * <p>Rules: objects merge key by key (the overlay wins on scalars); an array of objects that carry
 * {@code clientId}, {@code username} or {@code name} merges element by element on that key
 * (overlay elements with a new key are appended); any other array is replaced; overlay keys that
 * start with {@code _} (comments) are dropped. {@code ${VAR}} placeholders are left for Keycloak,
 * which resolves them from its environment at import.
 */
public final class MergeRealm {

    private static final List<String> IDENTITY_KEYS = List.of("clientId", "username", "name");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java MergeRealm.java <base.json> <overlay.json> <out.json>");
            System.exit(2);
        }
        Object base = new Parser(Files.readString(Path.of(args[0]))).parseDocument();
        Object overlay = new Parser(Files.readString(Path.of(args[1]))).parseDocument();
        StringBuilder out = new StringBuilder();
        write(merge(base, overlay), out, 0);
        out.append('\n');
        Files.writeString(Path.of(args[2]), out, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Object merge(Object base, Object overlay) {
        if (base instanceof Map<?, ?> b && overlay instanceof Map<?, ?> o) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) b);
            for (Map.Entry<String, Object> e : ((Map<String, Object>) o).entrySet()) {
                if (e.getKey().startsWith("_")) {
                    continue;
                }
                merged.put(e.getKey(), merged.containsKey(e.getKey()) ? merge(merged.get(e.getKey()), e.getValue()) : e.getValue());
            }
            return merged;
        }
        if (base instanceof List<?> b && overlay instanceof List<?> o) {
            String key = identityKey(b, o);
            if (key == null) {
                return overlay;
            }
            List<Object> merged = new ArrayList<>(b);
            for (Object element : o) {
                Object id = ((Map<String, Object>) element).get(key);
                int at = -1;
                for (int i = 0; i < merged.size(); i++) {
                    if (id.equals(((Map<String, Object>) merged.get(i)).get(key))) {
                        at = i;
                    }
                }
                if (at >= 0) {
                    merged.set(at, merge(merged.get(at), element));
                } else {
                    merged.add(element);
                }
            }
            return merged;
        }
        return overlay;
    }

    private static String identityKey(List<?> base, List<?> overlay) {
        List<Object> all = new ArrayList<>(base);
        all.addAll(overlay);
        if (all.isEmpty() || !all.stream().allMatch(e -> e instanceof Map)) {
            return null;
        }
        for (String key : IDENTITY_KEYS) {
            if (all.stream().allMatch(e -> ((Map<?, ?>) e).get(key) instanceof String)) {
                return key;
            }
        }
        return null;
    }

    private static void write(Object value, StringBuilder out, int indent) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append("  ".repeat(indent + 1));
                    writeString((String) e.getKey(), out);
                    out.append(": ");
                    write(e.getValue(), out, indent + 1);
                    out.append(++i < map.size() ? ",\n" : "\n");
                }
                out.append("  ".repeat(indent)).append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    out.append("  ".repeat(indent + 1));
                    write(list.get(i), out, indent + 1);
                    out.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                out.append("  ".repeat(indent)).append(']');
            }
            case String s -> writeString(s, out);
            default -> out.append(value); // Boolean, or a number kept as its source text
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A strict JSON parser; numbers are kept as their text (a {@link Num}) so nothing is reformatted. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Object parseDocument() {
            Object value = parseValue();
            skipWhitespace();
            if (pos != text.length()) {
                throw error("trailing content");
            }
            return value;
        }

        private Object parseValue() {
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> parseObject();
                case '[' -> parseArray();
                case '"' -> parseString();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> parseNumber();
            };
        }

        private Map<String, Object> parseObject() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                String key = parseString();
                skipWhitespace();
                expect(':');
                map.put(key, parseValue());
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> parseArray() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(parseValue());
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String parseString() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e); // \" \\ \/
                }
            }
        }

        private Num parseNumber() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected character '" + text.charAt(pos) + "'");
            }
            return new Num(text.substring(start, pos));
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("JSON: " + message + " at offset " + pos);
        }
    }

    private record Num(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
