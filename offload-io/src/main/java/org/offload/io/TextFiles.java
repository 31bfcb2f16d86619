package org.offload.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the text files users name (scenarios, sweep files, service configurations), which must be UTF-8. The usual
 * mistakes are a {@link ScenarioFileException} in plain words naming the file: no such file, a directory, no
 * permission, or bytes that are not UTF-8 text (with the byte offset and line, as when a binary file is passed by
 * mistake).
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** The text of {@code file}, labelled in errors by its path as given. */
    public static String readUtf8(Path file) {
        return readUtf8(file, file.toString());
    }

    /** The text of {@code file}; {@code label} names it in errors. */
    public static String readUtf8(Path file, String label) {
        if (Files.isDirectory(file)) {
            throw new ScenarioFileException(label, -1, "", "is a directory, not a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            Path abs = file.toAbsolutePath().normalize();
            throw new ScenarioFileException(label, -1, "", "no such file" + (abs.toString().equals(label) ? ""
                    : " (looked for " + abs + ")"));
        } catch (AccessDeniedException e) {
            throw new ScenarioFileException(label, -1, "", "permission denied");
        } catch (IOException e) {
            throw new ScenarioFileException(label, -1, "", "cannot read the file: " + e.getMessage());
        }
        return decode(bytes, label);
    }

    /** {@code bytes} as UTF-8 text (a byte-order mark is dropped), or an error at the first byte that is not. */
    static String decode(byte[] bytes, String label) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ScenarioFileException(label, line, "", String.format(Locale.ROOT, "not UTF-8 text: byte 0x%02x "
                    + "at offset %d cannot be read as UTF-8 (scenario and configuration files are UTF-8 YAML; is this "
                    + "the right file?)", bytes[offset] & 0xff, offset));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
