package org.offload.experiment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configured policy under a name of its own, from a sweep file's {@code policies} entry
 * {@code {name: ns-energy, policy: neurosurgeon, options: {objective: energy}}}: its runs are the scenario with
 * {@code policy} and {@code policy_options.KEY} overridden, and every output (run folders, tables, charts,
 * {@code summary.json}'s {@code policy}) names it {@code name}.
 *
 * @param name    the label, distinct from every registered policy's name
 * @param policy  the registered policy it configures
 * @param options its options (over the scenario's {@code policy_options}), in file order
 * @param where   {@code file:line: key} of its {@code name}, {@code policy}, {@code options} and each
 *                {@code options.KEY}, for error messages
 */
public record PolicyVariant(String name, String policy, Map<String, String> options, Map<String, String> where)
        implements Serializable {
    public PolicyVariant {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        where = Collections.unmodifiableMap(new LinkedHashMap<>(where));
    }

    /** {@code file:line: key} of {@code key} ({@code name}, {@code policy}, {@code options.K}), else the policy's. */
    public String at(String key) {
        String w = where.get(key);
        return w != null ? w : where.getOrDefault("policy", name);
    }

    /** The scenario overrides that make a run this variant: {@code policy=...}, then each option. */
    public List<String> overrides() {
        List<String> out = new ArrayList<>();
        out.add("policy=" + policy);
        options.forEach((k, v) -> out.add("policy_options." + k + "=" + yamlScalar(v)));
        return out;
    }

    /** {@code v} as a YAML scalar that reads back as the same text (quoted unless plainly safe). */
    static String yamlScalar(String v) {
        return v.matches("[A-Za-z0-9_./-][A-Za-z0-9_./ -]*") && !v.endsWith(" ") ? v
                : "'" + v.replace("'", "''") + "'";
    }
}
