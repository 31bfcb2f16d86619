package org.offload.policy;

import java.util.List;
import org.offload.registry.PolicySpec;

/**
 * Brings policies from outside this project: a jar with a class implementing this interface (public, with a public
 * no-argument constructor) listed in {@code META-INF/services/org.offload.policy.PolicyProvider}. The CLI loads
 * such jars with {@code --policy-jar FILE} or from {@code OFFLOAD_CLASSPATH} ({@link PolicyRegistry#addProviders});
 * {@code examples/custom-policy/} is a complete example.
 */
public interface PolicyProvider {
    /** The policies to register, each a spec with a new name. */
    List<PolicySpec<PolicyContext, OffloadPolicy>> policies();
}
