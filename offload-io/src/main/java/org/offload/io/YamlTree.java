package org.offload.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.offload.util.Suggestions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A parsed YAML document as a Jackson tree plus the origin (file and line) of every value, addressed by dotted
 * path ({@code applications[1].arrival.process}). Overrides replace values and mark them as coming from
 * {@code --set}.
 *
 * <p>Beyond YAML syntax the reader refuses, with the file, line and key: numbers that are not finite
 * ({@code .nan}, {@code .inf}, {@code 1e999}), nesting deeper than the parser's limit, and aliases that expand to
 * more than {@value #MAX_ALIAS_VALUES} values (an "anchor bomb"). Aliases ({@code *name}) are expanded to a copy of
 * their anchor's value.
 */
final class YamlTree {
    static final String SET = "--set";
    /** Values that aliases may add to a document, all aliases together. */
    static final int MAX_ALIAS_VALUES = 10_000;

    /** Where a value was written: a file (or {@value #SET}) and a 1-based line, {@code -1} if unknown. */
    record Origin(String file, int line) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** YAML's spellings of not-a-number and infinity (core schema), which the parser reports as malformed numbers. */
    private static final Pattern NOT_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private final YAMLFactory yaml = new YAMLFactory();
    private final String file;
    private final Map<String, Origin> origins;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private int aliasValues;
    private ObjectNode root;

    private YamlTree(String file) {
        this.file = file;
        this.origins = new HashMap<>();
    }

    /** A tree assembled from others (see {@link Inheritance}): {@code file} labels errors that no origin locates. */
    YamlTree(String file, ObjectNode root, Map<String, Origin> origins) {
        this.file = file;
        this.root = root;
        this.origins = new HashMap<>(origins);
    }

    /** Parses one YAML document whose top level is a mapping; {@code file} labels error messages. */
    static YamlTree parse(String file, Reader in) {
        return parse(file, in, false);
    }

    /** As {@link #parse(String, Reader)}; with {@code emptyIsMapping} an empty document is an empty mapping. */
    static YamlTree parse(String file, Reader in, boolean emptyIsMapping) {
        YamlTree tree = new YamlTree(file);
        try (JsonParser p = tree.yaml.createParser(in)) {
            try {
                JsonToken first = p.nextToken();
                if (first == null && emptyIsMapping) {
                    tree.root = NODES.objectNode();
                    return tree;
                }
                if (first == null) {
                    throw new ScenarioFileException(file, -1, "", "the file is empty");
                }
                if (first != JsonToken.START_OBJECT) {
                    throw new ScenarioFileException(file, line(p), "", "the top level must be a mapping of keys to "
                            + "values");
                }
                tree.root = (ObjectNode) tree.read(p, "", file);
                if (p.nextToken() != null) {
                    throw new ScenarioFileException(file, line(p), "", "only one YAML document is allowed");
                }
            } catch (StreamConstraintsException e) {
                throw tooLarge(file, p.currentLocation().getLineNr(), e);
            }
        } catch (StreamReadException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    /** A document beyond the parser's limits: nesting depth (said in plain words), or the length of a value. */
    private static ScenarioFileException tooLarge(String source, int line, StreamConstraintsException e) {
        String why = String.valueOf(e.getOriginalMessage());
        String problem = why.contains("nesting depth")
                ? "nested more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep, the most this reader "
                        + "accepts (a scenario needs a handful); is this the right file?"
                : "a value is longer than this reader accepts (" + why.lines().findFirst().orElse(why) + ")";
        return new ScenarioFileException(source, source.equals(SET) ? -1 : line, "", problem);
    }

    ObjectNode root() {
        return root;
    }

    /** The label of the document this tree was read from. */
    String file() {
        return file;
    }

    /** Origins by dotted path (read-only view), for {@link Inheritance}. */
    Map<String, Origin> origins() {
        return java.util.Collections.unmodifiableMap(origins);
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
                        + "' in " + path + Suggestions.didYouMean((String) seg, names) + "; names: "
                        + String.join(", ", names));
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
        } catch (StreamConstraintsException e) {
            throw tooLarge(SET, -1, e);
        } catch (StreamReadException e) {
            throw new ScenarioFileException(SET, -1, key, "invalid value '" + text + "': " + syntaxProblem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the value at the parser's current token, recording its anchor (if any) for later aliases. */
    private JsonNode read(JsonParser p, String path, String source) throws IOException {
        String anchor = ((YAMLParser) p).getCurrentAnchor();
        JsonNode value = readValue(p, path, source);
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        return value;
    }

    private JsonNode readValue(JsonParser p, String path, String source) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING && ((YAMLParser) p).isCurrentAlias()) {
            return alias(p, path, source);
        }
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
                return NODES.numberNode(finite(p, path, source));
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

    /**
     * A number token as a finite double. YAML's {@code .nan} and {@code .inf} are valid YAML that the parser cannot
     * read as numbers, and a literal beyond the double range reads as infinity: both are out of every range here.
     */
    private static double finite(JsonParser p, String path, String source) throws IOException {
        String text = p.getText();
        double v;
        try {
            v = NOT_FINITE.matcher(text).matches() ? Double.NaN : p.getDoubleValue();
        } catch (StreamReadException e) {
            throw new ScenarioFileException(source, source.equals(SET) ? -1 : line(p), path, "expected a number, got '"
                    + text + "'");
        }
        if (!Double.isFinite(v)) {
            throw new ScenarioFileException(source, source.equals(SET) ? -1 : line(p), path,
                    "must be a finite number, got " + text);
        }
        return v;
    }

    /**
     * A copy of the value anchored as {@code &name} earlier in the document, its values located at the alias. The
     * values all aliases add are counted, so that nested aliases cannot blow a small file up into billions of values.
     */
    private JsonNode alias(JsonParser p, String path, String source) throws IOException {
        String name = p.getText();
        JsonNode anchored = anchors.get(name);
        int line = source.equals(SET) ? -1 : line(p);
        if (anchored == null) {
            throw new ScenarioFileException(source, line, path, "alias *" + name + " names no anchor (&" + name
                    + ") defined before it");
        }
        aliasValues += size(anchored);
        if (aliasValues > MAX_ALIAS_VALUES) {
            throw new ScenarioFileException(source, line, path, "aliases expand to more than " + MAX_ALIAS_VALUES
                    + " values (an alias bomb?); write the values out instead");
        }
        if (!source.equals(SET)) {
            recordCopy(anchored, path, source, line);
        }
        return anchored.deepCopy();
    }

    private static int size(JsonNode n) {
        int count = 1;
        for (JsonNode child : n) {
            count += size(child);
        }
        return count;
    }

    private void recordCopy(JsonNode n, String path, String source, int line) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(k -> {
                String child = path.isEmpty() ? k : path + "." + k;
                record(child, source, line);
                recordCopy(n.get(k), child, source, line);
            });
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                record(path + "[" + i + "]", source, line);
                recordCopy(n.get(i), path + "[" + i + "]", source, line);
            }
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
