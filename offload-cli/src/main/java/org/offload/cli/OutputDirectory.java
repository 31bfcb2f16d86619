package org.offload.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output directory option before anything is run, so that a mistyped one is a usage error (exit 2). */
final class OutputDirectory {
    private OutputDirectory() {
    }

    /** {@code dir} if it can be a directory to write into; otherwise a usage error naming {@code option}. */
    static Path checked(Path dir, String option) {
        if (dir.toString().isBlank()) {
            throw new UsageException(option + ": an empty path; name a directory");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(option + ": " + dir + " is a file, not a directory");
        }
        return dir;
    }
}
