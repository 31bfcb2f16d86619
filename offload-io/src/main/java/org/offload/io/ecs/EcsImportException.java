package org.offload.io.ecs;

/**
 * An EdgeCloudSim configuration the importer cannot read: which file, where in it (a property with its line, an XML
 * element path, or a line and column) and what is wrong.
 */
public final class EcsImportException extends RuntimeException {
    private final String file;
    private final String where;
    private final String problem;

    public EcsImportException(String file, String where, String problem) {
        super(file + (where == null ? "" : ": " + where) + ": " + problem);
        this.file = file;
        this.where = where;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The property or element, or null when the problem concerns the whole file. */
    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }
}
