package org.offload.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.registry.PolicySpec;

/**
 * The policies the service can run: a {@link PolicyRegistry}, plus the names of the policies that read a trained
 * model. A model file ({@code --model}, {@code PUT /v1/policy}) reaches the policy as the {@code model} option of
 * its {@link PolicyContext}, as {@code offload run --model} does; asking for a model with a policy not marked as
 * taking one is an error rather than a silently ignored option.
 */
public final class PolicyCatalog {
    /** The {@link PolicyContext} option that carries the model file. */
    public static final String MODEL_OPTION = "model";

    /** What {@code GET /v1/policies} lists. */
    public record Info(String name, String description, boolean takesModel, Map<String, String> options) {
    }

    private final PolicyRegistry registry;
    private final Set<String> modelPolicies = new LinkedHashSet<>();

    public PolicyCatalog(PolicyRegistry registry) {
        this.registry = registry;
    }

    /** Marks policies (those present in the registry; others are ignored) as taking a model file. */
    public PolicyCatalog withModelPolicies(String... names) {
        for (String n : names) {
            if (registry.contains(n)) {
                modelPolicies.add(n);
            }
        }
        return this;
    }

    public PolicyRegistry registry() {
        return registry;
    }

    public boolean contains(String name) {
        return registry.contains(name);
    }

    public String description(String name) {
        PolicySpec<PolicyContext, OffloadPolicy> e = registry.spec(name);
        return e == null ? "" : e.description();
    }

    public List<Info> list() {
        List<Info> out = new ArrayList<>();
        for (PolicySpec<PolicyContext, OffloadPolicy> e : registry.entries().values()) {
            Map<String, String> options = new java.util.LinkedHashMap<>(e.options());
            options.remove(MODEL_OPTION);
            out.add(new Info(e.name(), e.description(), modelPolicies.contains(e.name()), options));
        }
        return out;
    }

    /**
     * Builds {@code name} in {@code context}, with {@code model} as its model option when given. Unknown names, a
     * model for a policy that takes none and unreadable or invalid model files are {@link IllegalArgumentException}s
     * with a message for the caller, which never quotes the file's content.
     */
    public OffloadPolicy create(String name, Path model, PolicyContext context) {
        if (!registry.contains(name)) {
            throw new IllegalArgumentException("unknown policy '" + Requests.clip(name) + "'; known: "
                    + String.join(", ", registry.entries().keySet()));
        }
        if (context.options().containsKey(MODEL_OPTION)) {
            throw new org.offload.policy.PolicyOptionException("give the model file as the model, not as option "
                    + MODEL_OPTION);
        }
        if (model == null) {
            return registry.create(name, context);
        }
        if (!modelPolicies.contains(name)) {
            throw new IllegalArgumentException("policy '" + name + "' takes no model file"
                    + (modelPolicies.isEmpty() ? "" : "; policies with models: " + String.join(", ", modelPolicies)));
        }
        for (String part : model.toString().split(java.io.File.pathSeparator)) {
            Path p = Path.of(part);
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new IllegalArgumentException(part + " is not a valid model file: it does not exist, is not a "
                        + "regular file or cannot be read");
            }
        }
        PolicyContext withModel = new PolicyContext(context.scenario(), context.random(),
                merge(context.options(), model));
        try {
            return registry.create(name, withModel);
        } catch (org.offload.policy.PolicyOptionException e) {
            if (!e.getMessage().startsWith("policy option " + MODEL_OPTION)) {
                throw e; // another option's value: the caller's own input
            }
            throw new IllegalArgumentException(model + " is not a valid model file for policy '" + name + "'", e);
        } catch (RuntimeException e) {
            // The loader's message may quote the file (its first line...): never pass it on to the caller.
            throw new IllegalArgumentException(model + " is not a valid model file for policy '" + name + "': "
                    + (readFailure(e) ? "it cannot be read" : "it is not a network in the format this policy "
                    + "loads (offload-mlp 1, of the right kind); 'offload run --policy " + name + " --model FILE' "
                    + "names the problem"), e);
        }
    }

    private static boolean readFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException || c instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> merge(Map<String, String> options, Path model) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>(options);
        m.put(MODEL_OPTION, model.toString());
        return m;
    }
}
