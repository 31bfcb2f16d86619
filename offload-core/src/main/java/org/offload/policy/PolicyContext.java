package org.offload.policy;

import java.util.SplittableRandom;

import org.offload.scenario.Scenario;

/** What a policy is built with: the scenario it will run in and its own seeded random stream. */
public record PolicyContext(Scenario scenario, SplittableRandom random) {
}
