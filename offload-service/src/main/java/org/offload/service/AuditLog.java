package org.offload.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Audit log as JSON lines: service start and stop, every admin action (policy changes and reloads, including
 * refused and failed attempts) and, when enabled, a sample of the decisions. Entries name the caller by its
 * token's identity name, address and request id; tokens themselves are never written.
 *
 * <p>Admin events are flushed at once; decision lines are buffered and flushed once a second (a line per
 * decision at 10,000 decisions/s would otherwise cost a write system call each). The file is rotated when it would
 * grow beyond {@code maxBytes} ({@code audit.jsonl} becomes {@code audit.jsonl.1} and so on, {@code keep} files
 * kept), so neither a flood of refused calls nor decision logging can fill the disk; or the log goes to standard
 * output ({@code audit.file: "-"}), where the platform collects and rotates it.
 */
final class AuditLog implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int BUFFER = 64 * 1024;

    private final ServiceConfig.Audit config;
    private final boolean stdout;
    private final ScheduledExecutorService flusher;
    private final SplittableRandom sampler = new SplittableRandom();
    private final byte[] buffer = new byte[BUFFER];
    private int buffered;
    private OutputStream out;
    private long size;

    AuditLog(ServiceConfig.Audit config) {
        this.config = config;
        Path file = config.file();
        this.stdout = ServiceConfig.AUDIT_STDOUT.equals(file);
        if (file == null) {
            flusher = null;
            return;
        }
        if (stdout) {
            out = System.out;
        } else {
            open();
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "offload-audit-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    private void open() {
        Path file = config.file();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + file, e);
        }
    }

    Path file() {
        return config.file();
    }

    boolean enabled() {
        return out != null;
    }

    /** Whether this decision is to be logged ({@code audit.decisions}, sampled by {@code audit.decision_sample}). */
    boolean decision() {
        if (out == null || !config.decisions()) {
            return false;
        }
        double p = config.decisionSample();
        if (p >= 1) {
            return true;
        }
        synchronized (sampler) {
            return sampler.nextDouble() < p;
        }
    }

    /** Writes an admin (or life cycle) entry and flushes it. */
    void write(String event, Map<String, Object> fields) {
        append(event, fields, true);
    }

    /** Writes a decision entry into the buffer (flushed within a second). */
    void writeDecision(Map<String, Object> fields) {
        append("decision", fields, false);
    }

    private void append(String event, Map<String, Object> fields, boolean flush) {
        if (out == null) {
            return;
        }
        byte[] line = line(event, fields);
        synchronized (this) {
            try {
                if (buffered + line.length > BUFFER) {
                    flushLocked();
                }
                if (line.length > BUFFER) {
                    writeLocked(line, line.length);
                } else {
                    System.arraycopy(line, 0, buffer, buffered, line.length);
                    buffered += line.length;
                }
                if (flush) {
                    flushLocked();
                }
            } catch (IOException e) {
                // An audit write failure must not take the service down; report it on stderr.
                System.err.println("offload-service: audit log write failed: " + e.getMessage());
            }
        }
    }

    private static byte[] line(String event, Map<String, Object> fields) {
        StringWriter sw = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("event", event);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                Object v = e.getValue();
                if (v == null) {
                    g.writeNullField(e.getKey());
                } else if (v instanceof Integer || v instanceof Long) {
                    g.writeNumberField(e.getKey(), ((Number) v).longValue());
                } else if (v instanceof Number n) {
                    if (Double.isFinite(n.doubleValue())) {
                        g.writeNumberField(e.getKey(), n.doubleValue());
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
        sw.write('\n');
        return sw.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void flush() {
        synchronized (this) {
            try {
                flushLocked();
            } catch (IOException e) {
                System.err.println("offload-service: audit log write failed: " + e.getMessage());
            }
        }
    }

    private void flushLocked() throws IOException {
        if (out == null || buffered == 0) {
            return;
        }
        writeLocked(buffer, buffered);
        buffered = 0;
    }

    private void writeLocked(byte[] bytes, int n) throws IOException {
        if (!stdout && config.maxBytes() > 0 && size > 0 && size + n > config.maxBytes()) {
            rotate();
        }
        out.write(bytes, 0, n);
        out.flush();
        size += n;
    }

    /** audit.jsonl -> .1 -> .2 ... (the oldest beyond {@code keep} is dropped), then a new file. */
    private void rotate() throws IOException {
        out.close();
        Path file = config.file();
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        Files.deleteIfExists(dir.resolve(name + "." + config.keep()));
        for (int i = config.keep() - 1; i >= 1; i--) {
            Path from = dir.resolve(name + "." + i);
            if (Files.exists(from)) {
                Files.move(from, dir.resolve(name + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (config.keep() > 0) {
            Files.move(file, dir.resolve(name + ".1"), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        open();
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        synchronized (this) {
            try {
                flushLocked();
                if (out != null && !stdout) {
                    out.close();
                }
            } catch (IOException e) {
                System.err.println("offload-service: closing the audit log failed: " + e.getMessage());
            }
            out = null;
        }
    }
}
