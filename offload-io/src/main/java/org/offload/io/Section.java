package org.offload.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.offload.scenario.Range;
import org.offload.scenario.ScenarioException;
import org.offload.util.Suggestions;

/**
 * Typed, strict access to one YAML mapping; every error names the full dotted key and its line. Public so that
 * other scenario formats (the AIGC scenario of {@code offload-aigc}) read their files with the same strictness
 * and the same {@code file:line: key: problem} messages; start from {@link #parse}.
 */
public final class Section {
    private final YamlTree tree;
    private final String path;
    private final JsonNode node;

    Section(YamlTree tree, String path, JsonNode node) {
        this.tree = tree;
        this.path = path;
        this.node = node;
        if (!node.isObject()) {
            throw tree.error(path, "expected a mapping of keys to values, got " + describe(node));
        }
    }

    /**
     * Parses one YAML document (top level a mapping) into its root section, after applying {@code key=value}
     * overrides as {@code --set} does; {@code file} labels error messages.
     */
    public static Section parse(String file, Reader in, List<String> overrides) {
        YamlTree tree = YamlTree.parse(file, in);
        overrides.forEach(tree::override);
        return new Section(tree, "", tree.root());
    }

    /**
     * Parses a YAML file as {@link #parse} does, labelled with its path; a file that cannot be read is a
     * {@link ScenarioFileException} naming it.
     */
    public static Section load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioFileException(file.toString(), -1, "", "cannot read the file (" + e + ")");
        }
        return parse(file.toString(), new StringReader(text), overrides);
    }

    /**
     * Parses a YAML classpath resource as {@link #parse} does; {@code label} names it in error messages. A missing
     * resource is a {@link ScenarioFileException}.
     */
    public static Section loadResource(String classpathName, String label, List<String> overrides) {
        try (InputStream in = Section.class.getClassLoader().getResourceAsStream(classpathName)) {
            if (in == null) {
                throw new ScenarioFileException(classpathName, -1, "", "no such resource on the classpath");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return parse(label, r, overrides);
            }
        } catch (IOException e) {
            throw new ScenarioFileException(classpathName, -1, "", "cannot read the resource (" + e + ")");
        }
    }

    /**
     * The text value of the top-level key {@code k} of a YAML file, or null when the file is missing, unreadable,
     * not a YAML mapping, or {@code k} is not text there. For telling file formats apart before reading one.
     */
    public static String peekText(Path file, String k) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonNode v = YamlTree.parse(file.toString(), r).root().get(k);
            return v != null && v.isTextual() ? v.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Parses a file whose keys are all optional (a service configuration): as {@link #parse} without overrides,
     * but an empty document is an empty mapping.
     */
    public static Section parseOptional(String file, Reader in) {
        YamlTree tree = YamlTree.parse(file, in, true);
        return new Section(tree, "", tree.root());
    }

    public String path() {
        return path;
    }

    /** The keys of this mapping, in file order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** {@code true} or {@code false}; {@code def} when absent. */
    public boolean bool(String k, boolean def) {
        if (!has(k)) {
            return def;
        }
        JsonNode v = node.get(k);
        if (!v.isBoolean()) {
            throw error(k, "expected true or false, got " + describe(v));
        }
        return v.booleanValue();
    }

    /** A required list of strings. */
    public List<String> texts(String k) {
        JsonNode v = required(k);
        if (!v.isArray()) {
            throw error(k, "expected a list, got " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw tree.error(key(k) + "[" + i + "]", "expected a string, got " + describe(v.get(i)));
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** A required, non-empty list of numbers. */
    public List<Double> numbers(String k) {
        JsonNode v = required(k);
        if (!v.isArray() || v.isEmpty()) {
            throw error(k, "expected a non-empty list of numbers, got " + describe(v));
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(number(key(k) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    /** Rejects keys outside {@code allowed}. */
    public Section allow(String... allowed) {
        List<String> keys = Arrays.asList(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw error(k, "unknown key" + Suggestions.didYouMean(k, keys) + "; allowed keys here: "
                        + String.join(", ", keys));
            }
        }
        return this;
    }

    public boolean has(String k) {
        return node.hasNonNull(k);
    }

    public JsonNode raw(String k) {
        return node.get(k);
    }

    public String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    public ScenarioFileException error(String k, String problem) {
        return tree.error(key(k), problem);
    }

    /** {@code file:line: key} of {@code k} (its mapping's line when {@code k} is absent), for messages made later. */
    public String where(String k) {
        ScenarioFileException e = error(k, "");
        return e.getMessage().substring(0, e.getMessage().length() - 2);
    }

    /** The {@code i}-th item of the list {@code k} as a mapping (an error naming it when it is not one). */
    public Section sectionAt(String k, int i) {
        JsonNode v = required(k);
        if (!v.isArray() || i >= v.size()) {
            throw error(k, "expected a list of at least " + (i + 1) + " items, got " + describe(v));
        }
        return new Section(tree, key(k) + "[" + i + "]", v.get(i));
    }

    private JsonNode required(String k) {
        if (!has(k)) {
            throw error(k, "is required");
        }
        return node.get(k);
    }

    public double number(String k) {
        return number(key(k), required(k));
    }

    public double number(String k, double def) {
        return has(k) ? number(k) : def;
    }

    private double number(String fullKey, JsonNode v) {
        if (!v.isNumber()) {
            throw tree.error(fullKey, "expected a number, got " + describe(v));
        }
        return v.doubleValue();
    }

    public int integer(String k) {
        JsonNode v = required(k);
        if (!v.isNumber() || !v.canConvertToInt() || v.doubleValue() != Math.rint(v.doubleValue())) {
            throw error(k, "expected an integer, got " + describe(v));
        }
        return v.intValue();
    }

    public int integer(String k, int def) {
        return has(k) ? integer(k) : def;
    }

    public long longInteger(String k, long def) {
        if (!has(k)) {
            return def;
        }
        JsonNode v = node.get(k);
        if (!v.isNumber() || !v.canConvertToLong() || v.doubleValue() != Math.rint(v.doubleValue())) {
            throw error(k, "expected an integer, got " + describe(v));
        }
        return v.longValue();
    }

    public String text(String k) {
        JsonNode v = required(k);
        if (!v.isTextual()) {
            throw error(k, "expected a string, got " + describe(v));
        }
        return v.textValue();
    }

    public String text(String k, String def) {
        return has(k) ? text(k) : def;
    }

    /** An enum constant written in any case, with {@code -} or {@code _}; {@code def == null} makes it required. */
    public <E extends Enum<E>> E choice(String k, Class<E> type, E def) {
        if (!has(k) && def != null) {
            return def;
        }
        JsonNode v = required(k);
        String wanted = v.isTextual() ? v.textValue().trim().toUpperCase(Locale.ROOT).replace('-', '_') : null;
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
            allowed.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw error(k, "unknown value " + describe(v) + (v.isTextual() ? Suggestions.didYouMean(v.textValue(), allowed)
                : "") + "; allowed values: " + String.join(", ", allowed));
    }

    /** A number (constant), {@code [min, max]} or {@code {min: .., max: ..}}. */
    public Range range(String k) {
        JsonNode v = required(k);
        String key = key(k);
        double min;
        double max;
        if (v.isNumber()) {
            return Range.of(v.doubleValue());
        } else if (v.isArray() && v.size() == 2) {
            min = number(key + "[0]", v.get(0));
            max = number(key + "[1]", v.get(1));
        } else if (v.isObject()) {
            Section s = section(k).allow("min", "max");
            min = s.number("min");
            max = s.number("max");
        } else {
            throw error(k, "expected a number, [min, max] or {min: .., max: ..}, got " + describe(v));
        }
        if (!(min <= max)) {
            throw error(k, "min must be <= max, got [" + min + ", " + max + "]");
        }
        return new Range(min, max);
    }

    public Range range(String k, Range def) {
        return has(k) ? range(k) : def;
    }

    /** A pair of numbers written as {@code [a, b]}, or one number standing for both. */
    public double[] pair(String k) {
        JsonNode v = required(k);
        if (v.isNumber()) {
            return new double[] {v.doubleValue(), v.doubleValue()};
        }
        if (!v.isArray() || v.size() != 2) {
            throw error(k, "expected [a, b] or a number, got " + describe(v));
        }
        return new double[] {number(key(k) + "[0]", v.get(0)), number(key(k) + "[1]", v.get(1))};
    }

    /**
     * A map of names to scalar values (text, numbers, booleans, each as its text), in file order; empty when
     * {@code k} is absent.
     */
    public Map<String, String> scalars(String k) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!has(k)) {
            return out;
        }
        JsonNode v = node.get(k);
        if (!v.isObject()) {
            throw error(k, "expected a map of names to values, got " + describe(v));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode x = e.getValue();
            if (!(x.isTextual() || x.isNumber() || x.isBoolean())) {
                throw tree.error(key(k) + "." + e.getKey(), "expected text or a number, got " + describe(x));
            }
            out.put(e.getKey(), x.asText());
        }
        return out;
    }

    public Section section(String k) {
        return new Section(tree, key(k), required(k));
    }

    public List<Section> sections(String k) {
        JsonNode v = required(k);
        if (!v.isArray()) {
            throw error(k, "expected a list, got " + describe(v));
        }
        List<Section> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(new Section(tree, key(k) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    /** Runs a record constructor, re-throwing its {@link ScenarioException} under this section's path. */
    public <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ScenarioException e) {
            throw tree.error(key(e.key()), e.problem());
        }
    }

    public static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isTextual()) {
            return "'" + v.textValue() + "'";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list of " + v.size();
        }
        return v.asText();
    }
}
