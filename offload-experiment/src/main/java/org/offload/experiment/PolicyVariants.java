package org.offload.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offload.io.ScenarioFileException;
import org.offload.io.Section;

/**
 * Reads the configured entries of a sweep file's {@code policies} list ({@code {name, policy, options}}) with the
 * scenario reader's strictness, so that every error reads {@code file:line: key: problem}.
 */
final class PolicyVariants {
    private static final String[] KEYS = {"name", "policy", "options"};

    private PolicyVariants() {
    }

    /** The variants of {@code file}'s {@code policies} ({@code prefix} {@code "sweep."}: its scenario block's). */
    static List<PolicyVariant> read(Path file, String prefix) {
        try {
            Section root = Section.load(file, List.of());
            Section s = prefix.isEmpty() ? root : root.section(prefix.substring(0, prefix.length() - 1));
            JsonNode list = s.raw("policies");
            List<PolicyVariant> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                if (item.isTextual()) {
                    continue;
                }
                if (!item.isObject()) {
                    throw s.error("policies[" + i + "]", "expected a policy name or a mapping {name, policy, "
                            + "options}, got " + Section.describe(item));
                }
                Section e = s.sectionAt("policies", i).allow(KEYS);
                String name = e.text("name");
                if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
                    throw e.error("name", "'" + name + "' is not a usable name (letters, digits, '.', '_', '-')");
                }
                Map<String, String> options = e.scalars("options");
                Map<String, String> where = new LinkedHashMap<>();
                for (String k : KEYS) {
                    where.put(k, e.where(k));
                }
                options.keySet().forEach(k -> where.put("options." + k, e.where("options." + k)));
                out.add(new PolicyVariant(name, e.text("policy"), options, where));
            }
            return out;
        } catch (ScenarioFileException e) {
            throw new SweepSpecException(e.getMessage());
        }
    }

    /** The names of the list's items: a text item's own, a mapping's {@code name}. */
    static List<String> names(JsonNode policies) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : policies) {
            out.add(item.isObject() ? item.path("name").asText() : item.asText());
        }
        return out;
    }
}
