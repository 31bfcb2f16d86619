package org.offload.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes files so that readers see either the old content or the complete new content, never a partial file:
 * the content goes to a hidden temporary file in the target's directory, which is then moved over the target
 * (atomically where the file system allows it). A failed write deletes the temporary file.
 */
public final class AtomicFiles {
    private static final String TEMP_SUFFIX = ".tmp";

    /** Writes the content of a file; may throw anything, which aborts the write. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target}, replacing any existing file only on success. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path temp = createTemp(target);
        try {
            Files.write(temp, bytes);
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /** Writes {@code target} (UTF-8) from {@code content}, replacing any existing file only on success. */
    public static void write(Path target, Content content) throws IOException {
        Path temp = createTemp(target);
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /** Writes {@code target} with exactly {@code text}. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text));
    }

    /**
     * Deletes the temporary files {@link #createTemp} made for {@code target} and left behind, e.g. by a process
     * killed while writing; not safe while another process is writing {@code target}.
     */
    public static void deleteLeftoverTemps(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = tempPrefix(target);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX)
                        && n.substring(prefix.length(), n.length() - TEMP_SUFFIX.length()).matches("[0-9a-f]{1,16}")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** What the names of {@code target}'s temporary files start with; a random hex number and the suffix follow. */
    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Creates an empty temporary file for {@code target} in the same directory, named
     * {@code .<name>.<random>.tmp}; created with the default permissions (unlike {@link Files#createTempFile}).
     */
    public static Path createTemp(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(tempPrefix(target) + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + TEMP_SUFFIX);
            try {
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Moves a finished temporary file over {@code target}: atomically if possible, else replacing it. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes {@code temp} if it exists; a failure to delete is attached to {@code cause} as suppressed. */
    public static void deleteQuietly(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
