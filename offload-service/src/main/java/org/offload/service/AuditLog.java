package org.offload.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Audit log as JSON lines, appended to a file and flushed line by line: service start and stop, every admin
 * action (policy changes, including refused and failed attempts) and, when enabled, every decision. Entries name
 * the caller by its token's identity name and address; tokens themselves are never written.
 */
final class AuditLog implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();

    private final BufferedWriter out;
    private final boolean decisions;
    private final Path file;

    AuditLog(Path file, boolean decisions) {
        this.file = file;
        this.decisions = decisions && file != null;
        if (file == null) {
            out = null;
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + file, e);
        }
    }

    Path file() {
        return file;
    }

    boolean enabled() {
        return out != null;
    }

    boolean decisions() {
        return decisions;
    }

    /** Writes one entry: {@code time}, {@code event}, then the fields in order (null values are written as null). */
    void write(String event, Map<String, Object> fields) {
        if (out == null) {
            return;
        }
        StringWriter sw = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("event", event);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                Object v = e.getValue();
                if (v == null) {
                    g.writeNullField(e.getKey());
                } else if (v instanceof Number n) {
                    double d = n.doubleValue();
                    if (n instanceof Integer || n instanceof Long) {
                        g.writeNumberField(e.getKey(), n.longValue());
                    } else if (Double.isFinite(d)) {
                        g.writeNumberField(e.getKey(), d);
                    } else {
                        g.writeNullField(e.getKey());
                    }
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(e.getKey(), b);
                } else {
                    g.writeStringField(e.getKey(), v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            try {
                out.write(sw.toString());
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                // An audit write failure must not take the service down; report it once per failure on stderr.
                System.err.println("offload-service: audit log write failed: " + e.getMessage());
            }
        }
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                System.err.println("offload-service: closing the audit log failed: " + e.getMessage());
            }
        }
    }
}
