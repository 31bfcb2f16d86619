package org.offload.cli;

import java.util.ArrayList;
import java.util.List;
import org.offload.experiment.SweepAxis;
import org.offload.io.ScenarioFileException;
import org.offload.io.ScenarioLoader;
import org.offload.scenario.ScenarioException;

/**
 * Checks a sweep's {@link SweepAxis} against its scenario before any run: each value is applied through the
 * scenario loader's {@code --set} path, so an unknown key or a value the key does not allow is a usage error naming
 * the key and what is allowed; a key also given with {@code --set} is refused (the axis would silently win).
 */
final class AxisCheck {
    private AxisCheck() {
    }

    static void check(SweepAxis axis, LoadedScenario loaded, List<String> overrides, Problems problems) {
        for (String o : overrides) {
            if (o.strip().startsWith(axis.key() + "=")) {
                problems.add("--vary " + axis.key() + ": also given as --set " + o.strip() + "; the axis sets it in "
                        + "every run, drop one of the two");
                return;
            }
        }
        for (String v : axis.values()) {
            List<String> all = new ArrayList<>(overrides);
            all.add(axis.override(v));
            try {
                new ScenarioLoader().parse(loaded.text(), loaded.source(), all);
            } catch (ScenarioFileException | ScenarioException e) {
                problems.add("--vary " + axis.override(v) + ": " + e.getMessage().replaceFirst("^--set: ", ""));
                return;
            }
        }
    }
}
