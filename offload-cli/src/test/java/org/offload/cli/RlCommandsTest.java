package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** offload train ppo|dqn and run --policy ppo|dqn, end to end on a short training. */
class RlCommandsTest {
    @TempDir
    Path tmp;

    /** Trains {@code agent} briefly (tier x VM actions, 60 devices) and checks what it writes; returns its dir. */
    private Path trainShort(String agent) throws Exception {
        Path dir = tmp.resolve(agent);
        MainTest.Result t = MainTest.offload("train", agent, "--steps", "3000", "--envs", "2", "--devices", "60",
                "--duration", "120", "--warmup", "10", "--actions", "tier-vm", "--out", dir.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("gradient steps"), t.out());
        for (String f : new String[] {agent + ".mlp", "learning-curve.csv", "learning-curve.png", "config.txt"}) {
            assertTrue(Files.exists(dir.resolve(f)), f + " is missing");
        }
        assertTrue(Files.readString(dir.resolve("config.txt")).contains("action_space = tier-vm"));
        return dir;
    }

    @Test
    void trainPpoThenRunItAndRefuseItOnAnotherLayout() throws Exception {
        Path dir = trainShort("ppo");

        MainTest.Result r = MainTest.run(tmp.resolve("run"), "--policy", "ppo", "--model",
                dir.resolve("ppo.mlp").toString());
        assertTrue(r.out().contains("ppo"), r.out());
        // and the shipped model of the default scenario
        MainTest.Result shipped = MainTest.run(tmp.resolve("shipped"), "--policy", "ppo");
        assertTrue(shipped.out().contains("ppo"), shipped.out());

        // a tier x VM model names 28 VMs; with 3 edge VMs per host instead of 8 the layout differs
        MainTest.Result bad = MainTest.offload("run", "--policy", "ppo", "--model", dir.resolve("ppo.mlp").toString(),
                "--set", "edge.vms_per_host=3", "--duration", "60", "--warmup", "5", "--out",
                tmp.resolve("bad").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("another observation layout") && bad.err().contains("ppo.mlp"), bad.err());
    }

    @Test
    void trainDqnThenRunItAndRefuseItOnAnotherLayoutAndRunTheShippedModel() throws Exception {
        Path dir = trainShort("dqn");
        String config = Files.readString(dir.resolve("config.txt"));
        assertTrue(config.contains("agent = dqn") && config.contains("tau = 0.01"), config);
        assertTrue(Files.readString(dir.resolve("learning-curve.csv")).startsWith(
                "update,env_steps,mean_reward,failed_share,loss,epsilon"));

        MainTest.Result r = MainTest.run(tmp.resolve("run"), "--policy", "dqn", "--model",
                dir.resolve("dqn.mlp").toString());
        assertTrue(r.out().contains("dqn"), r.out());

        MainTest.Result bad = MainTest.offload("run", "--policy", "dqn", "--model", dir.resolve("dqn.mlp").toString(),
                "--set", "edge.vms_per_host=3", "--duration", "60", "--warmup", "5", "--out",
                tmp.resolve("bad").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("another observation layout") && bad.err().contains("dqn.mlp"), bad.err());

        // without --model: the shipped model of the default scenario
        MainTest.Result shipped = MainTest.offload("run", "--policy", "dqn", "--duration", "60", "--warmup", "5",
                "--out", tmp.resolve("shipped").toString());
        assertEquals(0, shipped.code(), shipped.err());
        assertTrue(shipped.out().contains("dqn"), shipped.out());
    }

    @Test
    void badArgumentsExit2() {
        assertEquals(2, MainTest.offload("train", "dqn", "--steps", "0", "--out", tmp.toString()).code());
        assertEquals(2, MainTest.offload("train", "ppo", "--actions", "moon", "--out", tmp.toString()).code());
        assertEquals(2, MainTest.offload("train", "ppo", "--reward", "money", "--out", tmp.toString()).code());
        assertEquals(2, MainTest.offload("train", "ppo", "--steps", "0", "--out", tmp.toString()).code());
        assertEquals(2, MainTest.offload("train", "ppo", "--steps", "10").code(), "--out is required");
    }
}
