package org.offload.network;

/**
 * The measured per-transfer rates of EdgeCloudSim's sample_app4 ({@code applications/sample_app4/
 * FuzzyExperimentalNetworkModel.java}, fields {@code experimentalWlanDelay} and {@code experimentalWanDelay}),
 * in kbit/s: entry {@code n} is the rate a transfer gets when {@code n} other transfers are on the same access
 * point's WLAN (or its WAN uplink) as it starts. Data (measurements), not code; the 16th WLAN entry appears twice
 * in EdgeCloudSim's table ("15 Clients" twice) and is kept as it is, since EdgeCloudSim indexes the array.
 */
final class EcsTables {
    private EcsTables() {
    }

    /** 802.11n WLAN: 101 entries, labelled 1..100 clients (sample_app4 multiplies these by 3 for 802.11ac). */
    static final double[] WLAN_KBPS = {
        88040.279, 45150.982, 30303.641, 27617.211, 24868.616, 22242.296, 20524.064, 18744.889, 17058.827,
        15690.455, 14127.744, 13522.408, 13177.631, 12811.330, 12584.387, 12135.161, 11705.638, 11276.116,
        10846.594, 10417.071, 9987.549, 9367.587, 8747.625, 8127.663, 7907.701, 7887.739, 7690.831, 7393.922,
        7297.014, 7100.106, 6903.197, 6701.986, 6500.776, 6399.565, 6098.354, 5897.143, 5552.127, 5207.111,
        4862.096, 4517.080, 4172.064, 4092.922, 4013.781, 3934.639, 3855.498, 3776.356, 3697.215, 3618.073,
        3538.932, 3459.790, 3380.649, 3274.611, 3168.573, 3062.536, 2956.498, 2850.461, 2744.423, 2638.386,
        2532.348, 2426.310, 2320.273, 2283.828, 2247.383, 2210.939, 2174.494, 2138.049, 2101.604, 2065.160,
        2028.715, 1992.270, 1955.825, 1946.788, 1937.751, 1928.714, 1919.677, 1910.640, 1901.603, 1892.566,
        1883.529, 1874.492, 1865.455, 1833.185, 1800.915, 1768.645, 1736.375, 1704.106, 1671.836, 1639.566,
        1607.296, 1575.026, 1542.756, 1538.544, 1534.331, 1530.119, 1525.906, 1521.694, 1517.481, 1513.269,
        1509.056, 1504.844, 1500.631,
    };

    /** WAN uplink of an access point, 1..25 clients. */
    static final double[] WAN_KBPS = {
        20703.973, 12023.957, 9887.785, 8915.775, 8259.277, 7560.574, 7262.140, 7155.361, 7041.153, 6994.595,
        6653.232, 6111.868, 5570.505, 5029.142, 4487.779, 3899.729, 3311.680, 2723.631, 2135.582, 1547.533,
        1500.252, 1452.972, 1405.692, 1358.411, 1311.131,
    };
}
