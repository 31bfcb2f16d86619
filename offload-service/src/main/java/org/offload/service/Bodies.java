package org.offload.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.offload.scenario.Scenario;

/**
 * The JSON bodies of the service's API as records, shared by the server (which writes answers and reads requests)
 * and its clients ({@link RemotePolicy}, {@link LoadTest}), so both sides have one definition of every field.
 * Field names are the records' component names in snake case; absent (null) fields are left out. Requests are
 * validated field by field by {@link Requests} (which names the offending field); these records are what a valid
 * request holds and what a client sends.
 */
public final class Bodies {
    /** Reads and writes the records: snake-case names, nulls left out, unknown fields ignored by clients. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Bodies() {
    }

    /** The record as UTF-8 JSON bytes. */
    static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code json} read as {@code type} (clients). */
    static <T> T read(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    // ------------------------------------------------------------------ requests

    /** {@code POST /v1/decisions}: a task; only {@code application} and {@code device} are required. */
    public record DecisionRequest(Long id, String application, Integer device, Double lengthMi, Double uploadKb,
                                  Double downloadKb, Double maxDelayS, Double delaySensitivity, Double memoryMb,
                                  String dataClass, Integer site) {
    }

    /** {@code POST /v1/telemetry}: reports of VMs, links and devices (each list optional). */
    public record TelemetryMessage(List<VmReport> vms, List<LinkReport> links, List<DeviceReport> devices) {
    }

    public record VmReport(int vm, Double utilizationPercent, Integer load, Integer queueLength, Double freeMemoryMb,
                           Double waitS) {
    }

    /**
     * A link's state; on a sliced link {@code sliceTransfers} maps slice names to the transfers in each slice (the
     * rest of {@code activeTransfers} are the unreserved remainder's), absent on links without slices.
     */
    public record LinkReport(String link, Integer site, Double bandwidthMbps, Double latencyS, Long activeTransfers,
                             Double utilization, Map<String, Long> sliceTransfers) {
    }

    public record DeviceReport(int device, Integer site, Double x, Double y, Double batteryPercent,
                               Double cpuUtilizationPercent, Integer cpuLoad, Double cpuWaitS) {
    }

    /** {@code PUT /v1/policy}: the policy, a model file in the model directory, options. */
    public record PolicyChange(String policy, String model, Map<String, String> options) {
    }

    // ------------------------------------------------------------------ answers

    /**
     * A decision. {@code taskId} is the service's own id (unguessable, unique); {@code id} echoes the client's.
     * Placed answers carry tier, node, vm, site, variant (when the policy chose a model variant), estimates and
     * telemetry; infeasible ones a reason; replaced choices the constraint.
     */
    public record DecisionAnswer(String taskId, Long id, String outcome, String tier, String node, Integer vm,
                                 Integer site, Variant variant, Estimates estimates, String policy, String explanation,
                                 Constraint constraint, String reason, TelemetryNote telemetry, Qos qos) {
    }

    /**
     * The task's QoS class (only when it has one): its slice (absent: the unreserved remainder), targets, and whether
     * the placement's estimated latency meets the target (absent when not placed or not finite).
     */
    public record Qos(String qosClass, String slice, double latencyTargetS, double bandwidthMbps,
                      Boolean estimateMeetsTarget) {
    }

    /** The model variant chosen for an application with an AI model: its index in the scenario and its name. */
    public record Variant(int index, String name, double accuracy) {
    }

    /** Latency and device energy of the placement; null when not finite. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Estimates(Double latencyS, Double energyJ) {
    }

    public record Constraint(String policyChoice, String violation) {
    }

    /** Whether the telemetry the placement relied on was fresh, and the stale nodes. */
    public record TelemetryNote(boolean fresh, double maxAgeS, List<String> stale) {
    }

    public record TelemetryAck(Accepted accepted, double maxAgeS) {
    }

    public record Accepted(int vms, int links, int devices) {
    }

    /** {@code GET /v1/policies}. */
    public record PoliciesAnswer(ActivePolicy active, List<PolicyInfo> policies, ScenarioInfo scenario,
                                 List<String> dataClasses) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ActivePolicy(String name, String model, String description, Map<String, String> options) {
    }

    public record PolicyInfo(String name, String description, boolean takesModel, Map<String, String> options) {
    }

    /** The service's scenario as far as a client must match it; {@code slices} absent when the network has none. */
    public record ScenarioInfo(String name, List<String> applications, int devices, int sites, int edgeVmsPerSite,
                               int cloudVms, boolean devicesCompute, List<SliceInfo> slices) {
    }

    /** A network slice of the service's scenario: name, reserved share and the link kinds it covers. */
    public record SliceInfo(String name, double share, List<String> links) {
        /** The slices of {@code s}'s network, in file order; empty without. */
        static List<SliceInfo> of(Scenario s) {
            return s.network().qos().slices().stream().map(x -> new SliceInfo(x.name(), x.share(), x.links()))
                    .toList();
        }
    }

    /** {@code PUT /v1/policy}: what ran before and what runs now. */
    public record PolicyChangeAnswer(PolicyRef previous, PolicyRef active) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PolicyRef(String name, String model, Map<String, String> options) {
    }

    /** {@code /healthz} and {@code /readyz}. */
    public record Status(String status, String policy, Integer staleNodes) {
    }

    /** Every error, from the service's handlers and from Jetty alike. */
    public record Error(String error, String field, int status, String requestId) {
    }
}
