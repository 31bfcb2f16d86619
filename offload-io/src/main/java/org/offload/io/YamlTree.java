package org.offload.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A parsed YAML document as a Jackson tree plus the origin (file and line) of every value, addressed by dotted
 * path ({@code applications[1].arrival.process}). Overrides replace values and mark them as coming from
 * {@code --set}.
 */
final class YamlTree {
    static final String SET = "--set";

    private record Origin(String file, int line) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final YAMLFactory yaml = new YAMLFactory();
    private final String file;
    private final Map<String, Origin> origins = new HashMap<>();
    private ObjectNode root;

    private YamlTree(String file) {
        this.file = file;
    }

    /** Parses one YAML document whose top level is a mapping; {@code file} labels error messages. */
    static YamlTree parse(String file, Reader in) {
        return parse(file, in, false);
    }

    /** As {@link #parse(String, Reader)}; with {@code emptyIsMapping} an empty document is an empty mapping. */
    static YamlTree parse(String file, Reader in, boolean emptyIsMapping) {
        YamlTree tree = new YamlTree(file);
        try (JsonParser p = tree.yaml.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null && emptyIsMapping) {
                tree.root = NODES.objectNode();
                return tree;
            }
            if (first == null) {
                throw new ScenarioFileException(file, -1, "", "the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ScenarioFileException(file, line(p), "", "the top level must be a mapping of keys to values");
            }
            tree.root = (ObjectNode) tree.read(p, "", file);
            if (p.nextToken() != null) {
                throw new ScenarioFileException(file, line(p), "", "only one YAML document is allowed");
            }
        } catch (StreamReadException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    ObjectNode root() {
        return root;
    }

    /**
     * An error about the value at {@code key}, located at the nearest recorded origin of the key or a parent; when
     * that is in the file but a {@code --set} changed a value below {@code key}, the problem says so, since that
     * value may be the one at fault.
     */
    ScenarioFileException error(String key, String problem) {
        for (String k = key; ; k = parent(k)) {
            Origin o = origins.get(k);
            if (o != null) {
                if (!o.file.equals(SET)) {
                    String changed = overriddenBelow(key);
                    if (changed != null) {
                        problem += " (after --set " + changed + ")";
                    }
                }
                return new ScenarioFileException(o.file, o.line, key, problem);
            }
            if (k.isEmpty()) {
                return new ScenarioFileException(file, -1, key, problem);
            }
        }
    }

    /** The first key (in order) below {@code key} whose value a {@code --set} gave, or null. */
    private String overriddenBelow(String key) {
        String found = null;
        for (Map.Entry<String, Origin> e : origins.entrySet()) {
            String k = e.getKey();
            if (e.getValue().file.equals(SET) && (key.isEmpty() || k.startsWith(key + ".") || k.startsWith(key + "["))
                    && (found == null || k.compareTo(found) < 0)) {
                found = k;
            }
        }
        return found;
    }

    /**
     * Applies {@code path=value}. The value is parsed as YAML (scalar, flow list or flow mapping). A list element
     * is addressed by index ({@code applications[1]} or {@code applications.1}) or by its {@code name}
     * ({@code applications.AUGMENTED_REALITY}). Missing mappings on the way are created, so that a key the file
     * omits can be set; whether a key is allowed at all is checked when the tree is mapped.
     */
    void override(String assignment) {
        int eq = assignment.indexOf('=');
        String rawPath = eq < 0 ? assignment.trim() : assignment.substring(0, eq).trim();
        if (eq <= 0 || rawPath.isEmpty()) {
            throw new ScenarioFileException(SET, -1, rawPath, "expected key=value, got '" + assignment + "'");
        }
        JsonNode value = parseValue(rawPath, assignment.substring(eq + 1));
        List<Object> segments = segments(rawPath);
        JsonNode node = root;
        String path = "";
        for (int i = 0; i < segments.size(); i++) {
            Object seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (node instanceof ObjectNode obj) {
                if (seg instanceof Integer) {
                    throw new ScenarioFileException(SET, -1, path, "is a mapping, not a list; cannot index it with "
                            + seg);
                }
                String name = (String) seg;
                path = path.isEmpty() ? name : path + "." + name;
                JsonNode child = obj.get(name);
                if (last) {
                    obj.set(name, value);
                } else if (child == null || child.isNull() || (child.isTextual() && isNextMapping(segments, i))) {
                    child = obj.putObject(name);
                    origins.put(path, new Origin(SET, -1));
                }
                node = child;
            } else if (node instanceof ArrayNode arr) {
                int index = index(arr, seg, path);
                path = path + "[" + index + "]";
                if (last) {
                    arr.set(index, value);
                }
                node = arr.get(index);
            } else {
                throw new ScenarioFileException(SET, -1, path, "is a single value (" + node.asText()
                        + "), not a mapping or list; cannot set '" + rawPath + "'");
            }
        }
        String prefix = path;
        origins.keySet().removeIf(k -> k.startsWith(prefix + ".") || k.startsWith(prefix + "["));
        origins.put(path, new Origin(SET, -1));
    }

    private static boolean isNextMapping(List<Object> segments, int i) {
        return segments.get(i + 1) instanceof String;
    }

    /** Whether decimal {@code digits} fit a list index ({@code int}). */
    private static boolean fitsIndex(String digits) {
        return digits.length() < 10 || (digits.length() == 10 && digits.compareTo("2147483647") <= 0);
    }

    private static int index(ArrayNode arr, Object seg, String path) {
        int index = -1;
        if (seg instanceof Integer n) {
            index = n;
        } else if (((String) seg).matches("\\d+")) {
            if (!fitsIndex((String) seg)) {
                throw new ScenarioFileException(SET, -1, path + "." + seg, "index " + seg + " is out of range; "
                        + path + " has " + arr.size() + " elements (0-based)");
            }
            index = Integer.parseInt((String) seg);
        } else {
            List<String> names = new ArrayList<>();
            for (int j = 0; j < arr.size(); j++) {
                String name = arr.get(j).path("name").asText();
                names.add(name);
                if (index < 0 && name.equalsIgnoreCase((String) seg)) {
                    index = j;
                }
            }
            if (index < 0) {
                throw new ScenarioFileException(SET, -1, path + "." + seg, "no element named '" + seg
                        + "' in " + path + "; names: " + String.join(", ", names));
            }
        }
        if (index >= arr.size()) {
            throw new ScenarioFileException(SET, -1, path + "[" + index + "]", "index out of range; " + path
                    + " has " + arr.size() + " elements (0-based)");
        }
        return index;
    }

    private static List<Object> segments(String rawPath) {
        List<Object> out = new ArrayList<>();
        for (String part : rawPath.split("\\.", -1)) {
            String rest = part;
            int bracket = rest.indexOf('[');
            String name = bracket < 0 ? rest : rest.substring(0, bracket);
            if (name.isEmpty() && (bracket != 0 || out.isEmpty())) {
                throw new ScenarioFileException(SET, -1, rawPath, "malformed key");
            }
            if (!name.isEmpty()) {
                out.add(name);
            }
            rest = bracket < 0 ? "" : rest.substring(bracket);
            while (!rest.isEmpty()) {
                int close = rest.indexOf(']');
                if (!rest.startsWith("[") || close < 2 || !rest.substring(1, close).matches("\\d+")) {
                    throw new ScenarioFileException(SET, -1, rawPath, "malformed key");
                }
                String digits = rest.substring(1, close);
                if (!fitsIndex(digits)) {
                    throw new ScenarioFileException(SET, -1, rawPath, "index " + digits + " is out of range");
                }
                out.add(Integer.parseInt(digits));
                rest = rest.substring(close + 1);
            }
        }
        return out;
    }

    private JsonNode parseValue(String key, String text) {
        if (text.isBlank()) {
            return NODES.nullNode();
        }
        try (JsonParser p = yaml.createParser(new StringReader(text))) {
            p.nextToken();
            JsonNode value = read(p, key, SET);
            if (p.nextToken() != null) {
                throw new ScenarioFileException(SET, -1, key, "invalid value '" + text + "'");
            }
            return value;
        } catch (StreamReadException e) {
            throw new ScenarioFileException(SET, -1, key, "invalid value '" + text + "': " + syntaxProblem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(JsonParser p, String path, String source) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode obj = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    int line = line(p);
                    if (obj.has(name)) {
                        throw new ScenarioFileException(source, source.equals(SET) ? -1 : line, child,
                                "duplicate key");
                    }
                    record(child, source, line);
                    p.nextToken();
                    obj.set(name, read(p, child, source));
                }
                return obj;
            }
            case START_ARRAY -> {
                ArrayNode arr = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + arr.size() + "]";
                    record(child, source, line(p));
                    arr.add(read(p, child, source));
                }
                return arr;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new ScenarioFileException(source, source.equals(SET) ? -1 : line(p), path,
                    "unsupported YAML value (" + token + ")");
        }
    }

    private void record(String path, String source, int line) {
        if (!source.equals(SET)) {
            origins.put(path, new Origin(source, line));
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String parent(String key) {
        int i = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
        return i < 0 ? "" : key.substring(0, i);
    }

    private static ScenarioFileException syntaxError(String file, StreamReadException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                line = m.getProblemMark().getLine() + 1;
            }
        }
        return new ScenarioFileException(file, line, "", "invalid YAML: " + syntaxProblem(e));
    }

    private static String syntaxProblem(StreamReadException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblem() != null) {
                String context = m.getContext() == null || m.getContextMark() == null ? ""
                        : " (" + m.getContext() + " started on line " + (m.getContextMark().getLine() + 1) + ")";
                return m.getProblem() + context;
            }
        }
        String msg = e.getOriginalMessage();
        return msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg).trim();
    }
}
