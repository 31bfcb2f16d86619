package org.offload.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.offload.util.Suggestions;

/**
 * Scenario inheritance: a document with {@code extends: PARENT} is its parent with the document's values laid over
 * it, so that a scenario states only what differs.
 *
 * <p>{@code PARENT} is a bundled scenario's name ({@code default}, without {@code .yaml}) or a path to a YAML file,
 * relative to the extending file (anything with a {@code /} or a {@code .yaml}/{@code .yml} ending is a path). A
 * parent may extend another; a cycle is an error. The long form {@code extends: {scenario: PARENT, replace: [KEY,
 * ...]}} also lists dotted keys whose value in this file replaces the parent's whole instead of being merged.
 *
 * <p>Merging, key by key from the top: a mapping is merged into the parent's mapping (keys the file does not give
 * keep the parent's values); a list of mappings that all have a {@code name} (the applications, a model's
 * variants) is merged by name: an element whose name the parent has is merged into that element, in the parent's
 * order, and an element with a new name is appended; anything else (numbers, text, other lists such as
 * {@code [min, max]}) replaces the parent's value, and {@code null} ({@code ~}) removes it, so the reader's default
 * applies. {@code name} is not inherited: without one, a scenario is named after its own file.
 *
 * <p>Every value keeps the file and line it was written on, so an error names the parent file for an inherited
 * value and the extending file for an overridden one.
 */
final class Inheritance {
    static final String KEY = "extends";
    private static final String SCENARIO = "scenario";
    private static final String REPLACE = "replace";
    private static final String NAME = "name";

    private Inheritance() {
    }

    /**
     * {@code doc} with its {@code extends} chain resolved (itself if it has none).
     *
     * @param file     the document's file (relative parents resolve against its folder), or null for a bundled
     *                 scenario or text without a file, which may extend bundled scenarios only
     * @param identity names the document in cycle checks (for files, their absolute path)
     */
    static YamlTree resolve(YamlTree doc, Path file, String identity) {
        return resolve(doc, file, identity, new ArrayList<>(), new ArrayList<>());
    }

    /** A file's identity for cycle checks. */
    static String identity(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static YamlTree resolve(YamlTree doc, Path file, String identity, List<String> chain, List<String> labels) {
        JsonNode ext = doc.root().get(KEY);
        if (ext == null) {
            return doc;
        }
        chain.add(identity);
        labels.add(doc.file());
        if (ext.isNull()) {
            return without(doc);
        }
        String parentName;
        List<String> replace = new ArrayList<>();
        if (ext.isTextual()) {
            parentName = ext.textValue().trim();
        } else if (ext.isObject()) {
            for (Iterator<String> it = ext.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals(SCENARIO) && !k.equals(REPLACE)) {
                    throw doc.error(KEY + "." + k, "unknown key" + Suggestions.didYouMean(k, List.of(SCENARIO, REPLACE))
                            + "; allowed keys here: " + SCENARIO + ", " + REPLACE);
                }
            }
            JsonNode s = ext.get(SCENARIO);
            if (s == null || !s.isTextual()) {
                throw doc.error(KEY + "." + SCENARIO, s == null ? "is required" : "expected a scenario name or path, "
                        + "got " + Section.describe(s));
            }
            parentName = s.textValue().trim();
            JsonNode r = ext.get(REPLACE);
            if (r != null && !r.isNull()) {
                for (JsonNode k : r.isArray() ? r : List.of(r)) {
                    if (!k.isTextual()) {
                        throw doc.error(KEY + "." + REPLACE, "expected a list of dotted keys, e.g. [applications], got "
                                + Section.describe(r));
                    }
                    replace.add(k.textValue().trim());
                }
            }
        } else {
            throw doc.error(KEY, "expected a bundled scenario's name, a path, or {scenario: ..., replace: [...]}, got "
                    + Section.describe(ext));
        }
        if (parentName.isEmpty()) {
            throw doc.error(KEY, "is empty; name a bundled scenario (e.g. default) or a file");
        }
        YamlTree parent;
        Path parentFile = null;
        String parentIdentity;
        if (isBundledName(parentName)) {
            parentIdentity = "bundled:" + parentName;
            checkCycle(doc, chain, labels, parentIdentity, BundledScenarios.label(parentName));
            parent = bundled(doc, parentName);
        } else {
            if (file == null) {
                throw doc.error(KEY, "'" + parentName + "' is a path, but this scenario is not a file to resolve it "
                        + "against; name a bundled scenario instead (" + String.join(", ", BundledScenarios.names()) + ")");
            }
            Path dir = file.getParent();
            parentFile = (dir == null ? Path.of(parentName) : dir.resolve(parentName)).normalize();
            parentIdentity = identity(parentFile);
            checkCycle(doc, chain, labels, parentIdentity, parentFile.toString());
            String text;
            try {
                text = TextFiles.readUtf8(parentFile);
            } catch (ScenarioFileException e) {
                throw doc.error(KEY, "cannot read " + parentFile + ": " + e.problem());
            }
            parent = YamlTree.parse(parentFile.toString(), new StringReader(text));
        }
        YamlTree resolvedParent = resolve(parent, parentFile, parentIdentity, chain, labels);
        return merge(resolvedParent, doc, replace);
    }

    private static void checkCycle(YamlTree doc, List<String> chain, List<String> labels, String identity,
                                   String label) {
        int at = chain.indexOf(identity);
        if (at >= 0) {
            throw doc.error(KEY, "extends itself: " + String.join(" -> ", labels.subList(at, labels.size())) + " -> "
                    + label);
        }
    }

    /** A bundled scenario's name: no folder and no {@code .yaml}/{@code .yml} ending. */
    static boolean isBundledName(String name) {
        return !name.contains("/") && !name.contains("\\") && !name.endsWith(".yaml") && !name.endsWith(".yml");
    }

    private static YamlTree bundled(YamlTree doc, String name) {
        InputStream in = Inheritance.class.getClassLoader().getResourceAsStream(ScenarioLoader.BUNDLED_DIR + name
                + ".yaml");
        if (in == null) {
            List<String> known = BundledScenarios.names();
            throw doc.error(KEY, "no bundled scenario '" + name + "'" + Suggestions.didYouMean(name, known)
                    + "; bundled: " + String.join(", ", known) + " (a file is named by a path such as ./" + name
                    + ".yaml)");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return YamlTree.parse(BundledScenarios.label(name), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static YamlTree without(YamlTree doc) {
        ObjectNode root = doc.root().deepCopy();
        root.remove(KEY);
        Map<String, YamlTree.Origin> origins = new HashMap<>(doc.origins());
        removeBelow(origins, KEY, true);
        return new YamlTree(doc.file(), root, origins);
    }

    /** {@code child} laid over {@code parent} (both resolved), with the origins of both. */
    private static YamlTree merge(YamlTree parent, YamlTree child, List<String> replace) {
        Merger m = new Merger(child, replace);
        ObjectNode root = parent.root().deepCopy();
        m.out.putAll(parent.origins());
        if (!child.root().has(NAME)) {
            root.remove(NAME);
            m.out.remove(NAME);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = child.root().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(KEY)) {
                m.field(root, e.getKey(), e.getValue(), "", "");
            }
        }
        for (String r : replace) {
            if (!m.replaced.contains(r)) {
                throw child.error(KEY + "." + REPLACE, "'" + r + "' is not a key this file gives"
                        + Suggestions.didYouMean(r, m.given) + "; list only keys whose value here replaces the "
                        + "parent's");
            }
        }
        return new YamlTree(child.file(), root, m.out);
    }

    private static void removeBelow(Map<String, YamlTree.Origin> origins, String path, boolean itself) {
        origins.keySet().removeIf(k -> (itself && k.equals(path)) || k.startsWith(path + ".")
                || k.startsWith(path + "["));
    }

    /** One merge: the child's origins re-keyed to the merged tree's paths, and the replace keys it met. */
    private static final class Merger {
        final Map<String, YamlTree.Origin> out = new HashMap<>();
        final Map<String, YamlTree.Origin> childOrigins;
        final Set<String> replace;
        final Set<String> replaced = new LinkedHashSet<>();
        final Set<String> given = new LinkedHashSet<>();

        Merger(YamlTree child, List<String> replace) {
            this.childOrigins = child.origins();
            this.replace = new LinkedHashSet<>(replace);
        }

        /** Sets {@code key} of {@code target} (at merged path {@code path}) from the child's {@code value}. */
        void field(ObjectNode target, String key, JsonNode value, String childPath, String path) {
            String cp = childPath.isEmpty() ? key : childPath + "." + key;
            String mp = path.isEmpty() ? key : path + "." + key;
            String keyPath = keyPath(mp);
            given.add(keyPath);
            JsonNode base = target.get(key);
            boolean replaceWhole = replace.contains(keyPath);
            if (replaceWhole) {
                replaced.add(keyPath);
            }
            target.set(key, base == null || replaceWhole ? copy(value, cp, mp) : merge(base, value, cp, mp));
            put(mp, childOrigins.get(cp));
        }

        private JsonNode merge(JsonNode base, JsonNode over, String cp, String mp) {
            if (base.isObject() && over.isObject()) {
                ObjectNode target = (ObjectNode) base;
                over.fields().forEachRemaining(e -> field(target, e.getKey(), e.getValue(), cp, mp));
                return target;
            }
            if (base.isArray() && over.isArray() && named(base) && named(over)) {
                ArrayNode target = (ArrayNode) base;
                for (int i = 0; i < over.size(); i++) {
                    JsonNode element = over.get(i);
                    int j = indexOf(target, element.get(NAME).textValue());
                    String childElement = cp + "[" + i + "]";
                    if (j >= 0) {
                        String mergedElement = mp + "[" + j + "]";
                        target.set(j, merge(target.get(j), element, childElement, mergedElement));
                        put(mergedElement, childOrigins.get(childElement));
                    } else {
                        target.add(copy(element, childElement, mp + "[" + target.size() + "]"));
                    }
                }
                return target;
            }
            return copy(over, cp, mp);
        }

        /** {@code over} as the value at {@code mp}: the parent's origins below it go, the child's come. */
        private JsonNode copy(JsonNode over, String cp, String mp) {
            String keyPath = keyPath(mp);
            replace.stream().filter(r -> r.startsWith(keyPath + ".")).forEach(replaced::add);
            removeBelow(out, mp, false);
            String prefixDot = cp + ".";
            String prefixBracket = cp + "[";
            for (Map.Entry<String, YamlTree.Origin> e : childOrigins.entrySet()) {
                String k = e.getKey();
                if (k.startsWith(prefixDot) || k.startsWith(prefixBracket)) {
                    out.put(mp + k.substring(cp.length()), e.getValue());
                }
            }
            put(mp, childOrigins.get(cp));
            return over;
        }

        private void put(String path, YamlTree.Origin origin) {
            if (origin != null) {
                out.put(path, origin);
            }
        }

        private static boolean named(JsonNode list) {
            for (JsonNode e : list) {
                if (!e.isObject() || !e.path(NAME).isTextual()) {
                    return false;
                }
            }
            return list.size() > 0;
        }

        private static int indexOf(ArrayNode list, String name) {
            for (int j = 0; j < list.size(); j++) {
                if (list.get(j).path(NAME).asText().equals(name)) {
                    return j;
                }
            }
            return -1;
        }

        /** A merged path without list indices, as {@code replace} names keys: {@code applications[2].arrival} is
         * {@code applications.arrival}. */
        private static String keyPath(String path) {
            return path.replaceAll("\\[\\d+]", "");
        }
    }
}
