package org.offload.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.offload.io.ScenarioFileException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options several commands share, each a picocli mixin ({@code @Mixin}) declared once here. Commands declare
 * them in this order, so that every {@code --help} lists them alike: SCENARIO, {@code --set},
 * {@code -n/--devices}, {@code -p/--policy}, {@code -s/--seed}, {@code --duration}/{@code --warmup}, the command's
 * own options, {@code -o/--out}, {@code --quiet}, {@code -h/--help} (then the inherited {@code --debug}).
 *
 * <p>Where a command's default differs (bench's {@code --duration 600}), the command implements {@link Defaults};
 * where the help text of a shared option differs ({@code run}'s default output directory), the text is in
 * {@code help.properties} under {@code offload.COMMAND.KEY} (picocli's resource bundle lookup), the key being the
 * option's {@code descriptionKey}.
 */
final class CommonOptions {
    private CommonOptions() {
    }

    /** A command whose shared options have defaults of their own, by longest option name (e.g. {@code --duration}). */
    interface Defaults {
        Map<String, String> optionDefaults();
    }

    /**
     * A command that can list every problem of its command line without doing any work: when picocli could not
     * convert some options, {@link Main} reports those with the problems this finds in the rest.
     */
    interface Checked {
        void check(Problems problems);
    }

    /** {@code -h/--help}; subcommands have no {@code --version} (the root's {@code offload --version} says it). */
    static final class Help {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
    }

    /** The scenario file argument. */
    static final class ScenarioFile {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", descriptionKey = "scenario",
                description = "Scenario YAML file (default: the bundled default scenario).")
        Path file;
    }

    /** {@code --set KEY=VALUE}, repeatable. */
    static final class Overrides {
        @Option(names = "--set", paramLabel = "KEY=VALUE", descriptionKey = "set",
                description = "Override a scenario value, e.g. devices.count=400 or applications.HEALTH_APP.upload_kb=30."
                        + " Repeatable; applied in order, before the shortcut options.")
        List<String> sets = new ArrayList<>();
    }

    /** {@code -n/--devices N}. */
    static final class DeviceCount {
        @Option(names = {"-n", "--devices"}, paramLabel = "N", converter = Converters.Count.class,
                descriptionKey = "devices", description = "Number of devices (devices.count).")
        Integer devices;

        void addTo(List<String> overrides) {
            if (devices != null) {
                overrides.add("devices.count=" + devices);
            }
        }
    }

    /** {@code -p/--policy NAME}, {@code --policy-option KEY=VALUE} and {@code --model FILE}. */
    static final class PolicyChoice {
        @Option(names = {"-p", "--policy"}, paramLabel = "NAME", descriptionKey = "policy",
                description = "Offloading policy; see 'offload policies'.")
        String name;

        @Option(names = "--policy-option", paramLabel = "KEY=VALUE", descriptionKey = "policy-option",
                description = "Option passed to the policy, e.g. batch_window_s=0.05 for dl-tier. Repeatable.")
        List<String> options = new ArrayList<>();

        @Option(names = "--model", paramLabel = "FILE", descriptionKey = "model",
                description = "Model file for a learned policy (dl-tier: a tier-nn and/or a vm-nn from 'offload train';"
                        + " default: the bundled ones). Repeatable.")
        List<Path> models = new ArrayList<>();

        /**
         * {@code --policy-option} values, with {@code --model} files as option {@code model} (path-separated). A key
         * given twice, an empty {@code model=}, {@code model=} together with {@code --model}, and a {@code --model}
         * that is not a file are added to {@code problems}.
         */
        Map<String, String> options(Problems problems) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : options) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    problems.add("--policy-option: expected KEY=VALUE, got '" + kv + "'");
                    continue;
                }
                String key = kv.substring(0, eq).trim();
                String value = kv.substring(eq + 1).trim();
                if (m.containsKey(key)) {
                    problems.add("--policy-option " + key + " given twice ('" + m.get(key) + "' and '" + value
                            + "'); give it once");
                } else if (key.equals("model") && value.isEmpty()) {
                    problems.add("--policy-option model= is empty; name the model files, or leave the option out for"
                            + " the bundled models");
                } else {
                    m.put(key, value);
                }
            }
            if (!models.isEmpty()) {
                if (m.containsKey("model")) {
                    problems.add("--model and --policy-option model=... both given; use one of them (--model FILE is "
                            + "repeatable)");
                }
                List<String> files = new ArrayList<>();
                for (Path p : models) {
                    if (Files.isDirectory(p)) {
                        problems.add("--model: " + p + " is a directory, not a model file");
                    } else if (!Files.isRegularFile(p)) {
                        problems.add("--model: no such file: " + p);
                    }
                    files.add(p.toString());
                }
                m.putIfAbsent("model", String.join(File.pathSeparator, files));
            }
            return m;
        }
    }

    /** {@code -s/--seed S}. */
    static final class Seed {
        @Option(names = {"-s", "--seed"}, paramLabel = "S", descriptionKey = "seed",
                description = "Master random seed (the scenario's seed).")
        Long seed;

        void addTo(List<String> overrides) {
            if (seed != null) {
                overrides.add("seed=" + seed);
            }
        }
    }

    /** {@code --duration SECONDS} and {@code --warmup SECONDS}. */
    static final class Times {
        @Option(names = "--duration", paramLabel = "SECONDS", converter = Converters.Seconds.class,
                descriptionKey = "duration", description = "Simulated time, warm-up included (duration_s).")
        Double duration;

        @Option(names = "--warmup", paramLabel = "SECONDS", converter = Converters.NonNegativeSeconds.class,
                descriptionKey = "warmup", description = "Warm-up time, not measured (warmup_s).")
        Double warmup;

        /** Appends the options given as scenario overrides. */
        void addTo(List<String> overrides) {
            if (duration != null) {
                overrides.add("duration_s=" + Converters.plain(duration));
            }
            if (warmup != null) {
                overrides.add("warmup_s=" + Converters.plain(warmup));
            }
        }

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        /**
         * Runs {@code load}; when it fails because the warm-up is not shorter than a {@code --duration} given without
         * {@code --warmup}, the error says that {@code --warmup} can be passed too (the warm-up being the scenario's,
         * or the command's default).
         */
        <T> T explained(Supplier<T> load) {
            try {
                return load.get();
            } catch (ScenarioFileException e) {
                if (duration == null || warmupTyped() || !e.key().equals("warmup_s")) {
                    throw e;
                }
                if (warmup != null) { // the command's own default, not the scenario's
                    throw new UsageException(defaultTooLong());
                }
                if (e.file().equals("--set")) {
                    throw e;
                }
                throw new UsageException(e.getMessage() + "; the scenario's warm-up is not shorter than --duration "
                        + Converters.plain(duration) + ": " + hint());
            }
        }

        /**
         * For commands that use the two times themselves (not as scenario values): adds a problem unless the warm-up
         * is shorter than the duration.
         */
        void requireShorterWarmup(Problems problems) {
            if (duration != null && warmup != null && !(warmup < duration)) {
                problems.add(warmupTyped() ? "--warmup (" + Converters.plain(warmup) + ") must be shorter than "
                        + "--duration (" + Converters.plain(duration) + ")" : defaultTooLong());
            }
        }

        private boolean warmupTyped() {
            return command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                    && command.commandLine().getParseResult().hasMatchedOption("--warmup");
        }

        private String hint() {
            return "pass --warmup too, e.g. --warmup " + Converters.plain(Math.floor(duration / 10));
        }

        private String defaultTooLong() {
            return "--warmup: this command's default warm-up (" + Converters.plain(warmup) + " s) is not shorter "
                    + "than --duration " + Converters.plain(duration) + "; " + hint();
        }
    }

    /** {@code -o/--out DIR}. */
    static final class Output {
        @Option(names = {"-o", "--out"}, paramLabel = "DIR", descriptionKey = "out", description = "Output directory.")
        Path dir;

        /** The directory, after checking that it can be one: see {@link OutputDirectory#checked}. */
        Path checked() {
            return dir == null ? null : OutputDirectory.checked(dir, "--out");
        }
    }

    /** {@code -o/--out DIR} for commands that have no default output directory: picocli requires it. */
    static final class RequiredOutput {
        @Option(names = {"-o", "--out"}, paramLabel = "DIR", descriptionKey = "out", required = true,
                description = "Output directory.")
        Path dir;

        /** The directory, after checking that it can be one: see {@link OutputDirectory#checked}. */
        Path checked() {
            return OutputDirectory.checked(dir, "--out");
        }
    }

    /** {@code --quiet}. */
    static final class Quiet {
        @Option(names = "--quiet", descriptionKey = "quiet", description = "No progress output.")
        boolean quiet;
    }
}
