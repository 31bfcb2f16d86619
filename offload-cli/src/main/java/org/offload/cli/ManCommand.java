package org.offload.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * {@code offload man --out DIR}: a man page per command, written by picocli's {@link ManPageGenerator} as AsciiDoc
 * ({@code offload.adoc}, {@code offload-run.adoc}, ...), the source format of Asciidoctor's manpage converter.
 */
@Command(name = "man", sortOptions = false,
        description = {"Write the man pages of every command into a directory, as AsciiDoc (picocli's "
                + "ManPageGenerator).",
                "Turn them into man pages with Asciidoctor: asciidoctor -b manpage DIR/*.adoc (Debian: apt-get install "
                        + "asciidoctor), then man -l DIR/offload-run.1; or build them with "
                        + "'mvn -B -Pman -pl offload-cli -am package -DskipTests' (see the README)."})
final class ManCommand implements Callable<Integer> {
    @Mixin
    CommonOptions.RequiredOutput out;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path dir = out.checked();
        Files.createDirectories(dir);
        int status = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, spec.root());
        if (status != 0) {
            throw new IllegalStateException("picocli's ManPageGenerator failed with status " + status);
        }
        long pages;
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.filter(f -> f.toString().endsWith(".adoc")).count();
        }
        spec.commandLine().getOut().printf("Wrote %d man pages (AsciiDoc) to %s%n", pages, dir);
        return Main.OK;
    }
}
