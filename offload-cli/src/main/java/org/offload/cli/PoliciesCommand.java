package org.offload.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.offload.aigc.AigcPolicies;
import org.offload.registry.Capability;
import org.offload.registry.PolicySpec;
import org.offload.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code offload policies}: every policy by study (the discrete-event simulator's, with those of
 * {@code --policy-jar} providers, then the AIGC study's), with descriptions, capabilities and options.
 */
@Command(name = "policies", description = "List the offloading policies of every study.")
final class PoliciesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Registry<?, ?>> studies = List.of(Main.policyRegistry(spec), AigcPolicies.registry());
        int width = 0;
        for (Registry<?, ?> r : studies) {
            for (String name : r.entries().keySet()) {
                width = Math.max(width, name.length());
            }
        }
        String indent = " ".repeat(width + 4);
        boolean first = true;
        for (Registry<?, ?> r : studies) {
            out.printf("%s%s:%n", first ? "" : "\n", r.study());
            first = false;
            for (PolicySpec<?, ?> e : r.entries().values()) {
                out.printf("  %-" + width + "s  %s%s%n", e.name(), e.description(), tags(e));
                e.options().forEach((key, meaning) -> out.printf("%s--policy-option %s=...: %s%n", indent, key,
                        meaning));
            }
        }
        return Main.OK;
    }

    /** The spec's capabilities in brackets, or nothing. */
    private static String tags(PolicySpec<?, ?> e) {
        List<String> t = new ArrayList<>();
        for (Capability c : Capability.values()) {
            if (e.has(c)) {
                t.add(c.label());
            }
        }
        return t.isEmpty() ? "" : " [" + String.join(", ", t) + "]";
    }
}
