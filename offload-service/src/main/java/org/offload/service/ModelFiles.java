package org.offload.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Model files a policy change may load: confined to the configured model directory ({@code models.dir}), at most
 * {@code models.max_bytes} long, and with no line longer than {@link #MAX_LINE_BYTES} (checked by streaming
 * through the file before the policy's loader reads it, so a huge file or one without line breaks cannot exhaust
 * the heap). A name that is missing, outside the directory (also through a symbolic link), not a regular file or
 * unreadable gets one and the same answer, so the service is no oracle for which files exist.
 */
final class ModelFiles {
    /** Longest line a model file may have: the bundled networks' longest lines are a few kilobytes. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final Path dir;
    private final long maxBytes;

    ModelFiles(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /**
     * The file {@code name} names inside the model directory (a name relative to it, or an absolute path inside
     * it); a {@link BadRequestException} for field {@code model} otherwise.
     */
    Path resolve(String name) {
        if (dir == null) {
            throw new BadRequestException("model", "model: no model directory is configured (models.dir), so no "
                    + "model file can be loaded at run time");
        }
        BadRequestException unusable = new BadRequestException("model", "model: no usable model file '"
                + Requests.clip(name) + "' in the model directory (a readable regular file inside models.dir)");
        Path file;
        try {
            Path base = dir.toRealPath();
            Path p = Path.of(name);
            Path lexical = (p.isAbsolute() ? p : base.resolve(p)).normalize();
            if (!lexical.startsWith(base) && !lexical.startsWith(dir.toAbsolutePath().normalize())) {
                throw unusable;
            }
            file = lexical.toRealPath();
            if (!file.startsWith(base) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !Files.isReadable(file)) {
                throw unusable;
            }
        } catch (IOException | InvalidPathException | SecurityException e) {
            throw unusable;
        }
        return file;
    }

    /**
     * Checks size and line lengths by streaming through {@code file}; an {@link IllegalArgumentException} naming
     * the limit otherwise (the file's content is never quoted).
     */
    void check(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new IllegalArgumentException(file.getFileName() + " is larger than models.max_bytes ("
                        + maxBytes + " bytes)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[64 * 1024];
                long line = 0;
                long total = 0;
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    total += n;
                    for (int i = 0; i < n; i++) {
                        line = buf[i] == '\n' ? 0 : line + 1;
                        if (line > MAX_LINE_BYTES) {
                            throw new IllegalArgumentException(file.getFileName() + " is not a model file (a line "
                                    + "longer than " + MAX_LINE_BYTES + " bytes)");
                        }
                    }
                    if (total > maxBytes) {
                        throw new IllegalArgumentException(file.getFileName() + " is larger than models.max_bytes ("
                                + maxBytes + " bytes)");
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file.getFileName() + " cannot be read");
        }
    }
}
