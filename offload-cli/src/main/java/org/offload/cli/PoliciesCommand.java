package org.offload.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.offload.policy.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code offload policies}: the policy names {@code run --policy} accepts, with descriptions and options. */
@Command(name = "policies", description = "List the offloading policies.")
final class PoliciesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var entries = Main.policyRegistry().entries().values();
        int width = 0;
        for (PolicyRegistry.Entry e : entries) {
            width = Math.max(width, e.name().length());
        }
        String indent = " ".repeat(width + 4);
        for (PolicyRegistry.Entry e : entries) {
            out.printf("%-" + width + "s  %s%n", e.name(), e.description());
            e.options().forEach((key, meaning) -> out.printf("%s--policy-option %s=...: %s%n", indent, key, meaning));
        }
        return Main.OK;
    }
}
