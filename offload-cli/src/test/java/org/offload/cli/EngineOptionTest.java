package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine}/{@code --master} of {@code offload sweep} without the offload-spark jar on the class path. */
class EngineOptionTest {
    @TempDir
    Path tmp;

    @Test
    void theSparkEngineWithoutItsJarIsAUsageErrorNamingTheJar() {
        Path out = tmp.resolve("s");
        MainTest.Result r = MainTest.offload("sweep", "--devices", "20", "--policies", "greedy", "--engine", "spark",
                "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--engine spark: the spark engine is not on the class path; it is in "
                + "offload-spark/target/offload-spark.jar"), r.err());
        assertFalse(Files.exists(out));
    }

    /**
     * The class path of {@code offload.jar} (this module's dependencies) must not shadow what Spark needs: the Spark
     * engine runs with offload.jar ahead of Spark's jars, and Spark 4.0.1's {@code Utils} reads commons-lang3's
     * {@code JavaVersion.JAVA_21} when it starts. jMetal (offload-moo) brought commons-lang3 3.9, without it, and
     * {@code --engine spark} failed with {@code NoSuchFieldError: JAVA_21} for every policy.
     */
    @Test
    void theJarsCommonsLang3IsOneSparkCanStartWith() {
        String version = org.apache.commons.lang3.JavaVersion.class.getPackage().getImplementationVersion();
        assertTrue(java.util.Arrays.stream(org.apache.commons.lang3.JavaVersion.values())
                .anyMatch(v -> v.name().equals("JAVA_21")), "commons-lang3 " + version + " lacks JavaVersion.JAVA_21");
    }

    @Test
    void aMasterWithoutSparkAndAnUnknownEngineAreUsageErrors() {
        MainTest.Result r = MainTest.offload("sweep", "--devices", "20", "--master", "local[2]");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--master: only with --engine spark"), r.err());
        r = MainTest.offload("sweep", "--devices", "20", "--engine", "flink");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--engine: unknown engine 'flink'; known engines: thread, spark"), r.err());
    }
}
