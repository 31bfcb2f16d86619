package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.offload.io.AtomicFiles;
import org.offload.io.ScenarioFileException;
import org.offload.io.ScenarioLoader;
import org.offload.io.ecs.EcsImportException;
import org.offload.io.ecs.EcsImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offload import-ecs CONFIG_DIR [--out FILE]}: converts an EdgeCloudSim configuration into an Offload scenario
 * ({@link EcsImporter}). Warnings go to standard error; the scenario is checked with the scenario reader before
 * anything is written, and written atomically, so bad input leaves no file behind.
 */
@Command(name = "import-ecs", sortOptions = false,
        description = "Convert an EdgeCloudSim configuration directory (default_config.properties, applications.xml, "
                + "edge_devices.xml) into an Offload scenario with EdgeCloudSim's semantics; a warning for each "
                + "setting Offload cannot express.")
final class ImportEcsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG_DIR", description = "EdgeCloudSim config directory.")
    Path dir;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the scenario to FILE (default: standard output).")
    Path out;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        EcsImporter.Result r;
        try {
            r = EcsImporter.importDirectory(dir);
        } catch (EcsImportException e) {
            throw new UsageException(e.getMessage());
        }
        String source = out != null ? out.toString() : dir + " (imported)";
        try {
            new ScenarioLoader().parse(r.yaml(), source, List.of());
        } catch (ScenarioFileException e) {
            throw new UsageException(dir + ": the imported values do not make a valid Offload scenario: "
                    + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) {
            err.println("offload: warning: " + w);
        }
        err.flush();
        if (out == null) {
            spec.commandLine().getOut().print(r.yaml());
            spec.commandLine().getOut().flush();
        } else {
            try {
                AtomicFiles.writeString(out, r.yaml());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            err.println("offload: wrote " + out + " (" + r.warnings().size() + " warnings)");
        }
        return Main.OK;
    }
}
