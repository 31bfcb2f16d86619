package org.offload.io;

/**
 * A scenario file (or a {@code --set} override) is malformed or holds an invalid value. The message reads
 * {@code file:line: key: problem}, for example
 * {@code scenarios/x.yaml:12: applications[1].task_length_mi: must be a number > 0, got -5.0}; the line part is
 * left out when unknown ({@code -1}), the key part when the problem concerns no single key (YAML syntax).
 */
public final class ScenarioFileException extends RuntimeException {
    private final String file;
    private final int line;
    private final String key;
    private final String problem;

    public ScenarioFileException(String file, int line, String key, String problem) {
        super(format(file, line, key, problem));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    private static String format(String file, int line, String key, String problem) {
        return file + (line >= 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + problem;
    }

    /** The file as given to the loader, the classpath name, or {@code --set} for overrides. */
    public String file() {
        return file;
    }

    /** 1-based line number, or {@code -1} when unknown. */
    public int line() {
        return line;
    }

    /** Full dotted path of the offending value, e.g. {@code edge.vm.cores}; empty for syntax errors. */
    public String key() {
        return key;
    }

    /** What is wrong, without file, line and key. */
    public String problem() {
        return problem;
    }
}
