package org.offload.aigc;

import java.nio.file.Path;

/**
 * What an AIGC policy is built from: the scenario it runs in and, for a learning agent, its checkpoint directory
 * (from {@code offload train aigc}; null when none is given).
 */
public record AigcPolicyContext(AigcScenario scenario, Path checkpoint) {
}
