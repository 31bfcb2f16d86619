package org.offload.moo;

import java.util.List;

import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyProvider;
import org.offload.registry.PolicySpec;

/** Brings {@code nsga3-dag} to every tool through {@link PolicyProvider} (this module's META-INF/services entry). */
public final class MooPolicies implements PolicyProvider {
    @Override
    public List<PolicySpec<PolicyContext, OffloadPolicy>> policies() {
        return List.of(Nsga3DagPolicy.SPEC);
    }
}
