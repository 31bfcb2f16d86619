package org.offload.aigc;

import java.util.List;

/** Small AIGC scenarios written inline for tests. */
final class TestScenarios {
    private TestScenarios() {
    }

    static final String SMALL = """
            kind: aigc
            name: small
            slots_per_episode: 10
            area_m: [200, 200]
            model_count: 3
            devices: {count: 4, cpu_ghz: [0.5, 1.5], kappa: 1.0e-27, transmit_w: 0.2}
            edge:
              servers: 2
              cpu_ghz: 7
              cache: {capacity_models: 1}
              load_rate_mbps: 16000
              download_power_w: 2
            cloud: {cpu_ghz: 40, edge_to_cloud_mbps: 100, cloud_to_edge_mbps: 500, propagation_s: 0.05}
            radio: {bandwidth_mhz: 10, noise_dbm_per_hz: -174, path_loss_db_at_1m: 30, path_loss_exponent: 3}
            reward: {latency_weight: 0.5, energy_weight: 0.5, energy_ref_j: 5, deadline_penalty: 1}
            task_types:
              - {name: a, model: {name: ma, size_mb: 120}, data_mb: [0.5, 1.5], cycles_per_bit: 300, deadline_s: [2, 3]}
              - {name: b, model: {name: mb, size_mb: 90}, data_mb: [0.3, 1.0], cycles_per_bit: 400, deadline_s: [1.5, 2.5]}
              - {name: c, model: {name: mc, size_mb: 250}, data_mb: [1.0, 2.5], cycles_per_bit: 250, deadline_s: [2.5, 4]}
            """;

    static AigcScenario small(String... overrides) {
        return new AigcScenarioLoader().parse(SMALL, "small.yaml", List.of(overrides));
    }
}
