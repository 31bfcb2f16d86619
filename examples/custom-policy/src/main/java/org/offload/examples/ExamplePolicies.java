package org.offload.examples;

import java.util.List;

import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyProvider;
import org.offload.registry.PolicySpec;

/** The policies this jar brings; named in META-INF/services/org.offload.policy.PolicyProvider. */
public final class ExamplePolicies implements PolicyProvider {
    @Override
    public List<PolicySpec<PolicyContext, OffloadPolicy>> policies() {
        return List.of(OwnSiteFirstPolicy.SPEC);
    }
}
