package org.offload.cli;

import java.io.PrintWriter;

import org.offload.profile.ProfileDemandResolver;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.Scenario;

/**
 * Warns about model variants whose predicted demand lies outside the profiled range of their family
 * ({@link ProfileDemandResolver#EXTRAPOLATES}): the run goes ahead with the prediction, but the user should know it is
 * an extrapolation.
 */
final class ExtrapolationWarnings {
    private ExtrapolationWarnings() {
    }

    /** Prints one line per extrapolated variant of {@code s} to {@code err}, each starting with {@code prefix}. */
    static void print(Scenario s, PrintWriter err, String prefix) {
        for (ApplicationSpec a : s.applications()) {
            if (!a.hasModel()) {
                continue;
            }
            for (ModelVariant v : a.model().variants()) {
                String src = v.demand() == null ? "" : v.demand().source();
                int at = src.indexOf(ProfileDemandResolver.EXTRAPOLATES);
                if (at >= 0) {
                    err.println(prefix + "warning: application " + a.name() + ", variant " + v.name()
                            + ": the predicted demand extrapolates beyond the profile data ("
                            + src.substring(at + ProfileDemandResolver.EXTRAPOLATES.length()) + ")");
                }
            }
        }
        err.flush();
    }
}
