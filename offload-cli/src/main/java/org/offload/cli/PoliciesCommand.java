package org.offload.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.offload.policy.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code offload policies}: the policy names {@code run --policy} accepts, with descriptions. */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "List the offloading policies.")
final class PoliciesCommand implements Callable<Integer> {
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
        for (PolicyRegistry.Entry e : entries) {
            out.printf("%-" + width + "s  %s%n", e.name(), e.description());
        }
        return Main.OK;
    }
}
