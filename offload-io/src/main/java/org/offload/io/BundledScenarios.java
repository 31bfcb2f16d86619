package org.offload.io;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The scenarios bundled on the class path (the project's {@code scenarios/*.yaml}, in
 * {@link ScenarioLoader#BUNDLED_DIR}): their names, as {@code extends} takes them, and their label in messages.
 */
final class BundledScenarios {
    private BundledScenarios() {
    }

    /** How messages name a bundled scenario: {@code default.yaml (bundled)}. */
    static String label(String name) {
        return name + ".yaml (bundled)";
    }

    /** The bundled scenarios' names ({@code default}, ...), sorted: the folder's YAML files, in a folder or a jar. */
    static List<String> names() {
        String folder = ScenarioLoader.BUNDLED_DIR;
        URL dir = BundledScenarios.class.getClassLoader().getResource(folder);
        List<String> names = new ArrayList<>();
        if (dir == null) {
            return names;
        }
        try {
            if (dir.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) dir.openConnection();
                connection.setUseCaches(false); // a JarFile of our own, which closing does not close for others
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0)
                            .forEach(n -> names.add(n.substring(folder.length())));
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                    files.forEach(f -> names.add(f.getFileName().toString()));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the bundled scenarios in " + dir, e);
        }
        return names.stream().filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5)).sorted()
                .toList();
    }
}
