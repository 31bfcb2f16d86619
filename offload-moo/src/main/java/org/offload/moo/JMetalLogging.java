package org.offload.moo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogManager;

import org.uma.jmetal.util.JMetalLogger;

/**
 * Keeps jMetal's logging to itself. When its {@link JMetalLogger} class is first loaded (any NSGA-III run loads it),
 * jMetal 6.1 rewrites the JVM's {@code java.util.logging} configuration with a file handler that creates
 * {@code jMetal.log} in the working directory and logs every algorithm's construction at INFO. {@link #quiet} loads the
 * class once with a configuration that adds no handler, restores the JVM's own configuration, and sets jMetal's
 * logger to WARNING.
 */
final class JMetalLogging {
    private static final String CONFIG = "java.util.logging.config.file";
    private static boolean done;

    private JMetalLogging() {
    }

    static synchronized void quiet() {
        if (done) {
            return;
        }
        String previous = System.getProperty(CONFIG);
        Path file = null;
        try {
            file = Files.createTempFile("offload-jmetal-logging", ".properties");
            // jMetal appends this file to its own defaults: the later lines win.
            Files.writeString(file, "handlers =\n.level = WARNING\n", StandardCharsets.UTF_8);
            System.setProperty(CONFIG, file.toString());
            JMetalLogger.logger.setLevel(Level.WARNING);
        } catch (IOException e) {
            throw new UncheckedIOException("configuring jMetal's logging", e);
        } finally {
            if (previous == null) {
                System.clearProperty(CONFIG);
            } else {
                System.setProperty(CONFIG, previous);
            }
            try {
                LogManager.getLogManager().readConfiguration();
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("restoring the logging configuration", e);
            }
        }
        JMetalLogger.logger.setLevel(Level.WARNING);
        done = true;
    }
}
