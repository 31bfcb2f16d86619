package org.offload.aigc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.offload.io.AtomicFiles;
import org.offload.policy.learned.Mlp;
import org.offload.policy.learned.MlpFormat;

/**
 * Trained actors of one learning agent, as small files in a directory: {@value #INFO_FILE} (agent, dimensions of
 * the scenario it was trained for, the feature groups and action layout of its actors, the training settings)
 * and one {@code actor-NN.mlp} per device (one {@code actor-00.mlp} for SADDPG and for parameter sharing) in the
 * {@link Mlp} text format, optionally gzipped ({@code actor-NN.mlp.gz}). The actors' last layer is linear: the
 * scores of each discrete choice ({@link ActionLayout}).
 *
 * <p>Checkpoints for the bundled scenarios ship inside offload-aigc ({@link #bundled}) so that
 * {@code offload run scenarios/aigc.yaml --policy maddpg-mato} works without training.
 */
public record Checkpoint(AgentKind kind, int devices, int servers, int models, Features features, int ratioLevels,
                         boolean shared, boolean sampleActions, List<Mlp> actors, Map<String, String> info) {
    public static final String INFO_FILE = "checkpoint.properties";
    public static final String FORMAT = "offload-aigc-checkpoint 2";
    /** Classpath directory of the bundled checkpoints, and the file listing them (one directory name a line). */
    public static final String BUNDLED_DIR = "org/offload/aigc/checkpoints/";
    public static final String BUNDLED_INDEX = BUNDLED_DIR + "index.txt";

    public Checkpoint {
        actors = List.copyOf(actors);
        info = Map.copyOf(info);
        int expected = kind.centralised() || shared ? 1 : devices;
        if (actors.size() != expected) {
            throw new IllegalArgumentException(kind.id() + " needs " + expected + " actors, got " + actors.size());
        }
    }

    /** The action layout of one device. */
    public ActionLayout layout() {
        return kind.layout(servers, ratioLevels);
    }

    static String actorFile(int i) {
        return String.format("actor-%02d.mlp", i);
    }

    /** Names {@link #actorFile} gives, gzipped or not; group 1 is the index. */
    private static final Pattern ACTOR_FILE = Pattern.compile("actor-(\\d{2,9})\\.mlp(\\.gz)?");

    /**
     * Writes the checkpoint into {@code dir} (created if needed), each file atomically, and deletes actor files an
     * earlier checkpoint left there. {@code gzip} writes the actors gzipped (smaller; for shipped checkpoints).
     */
    public void save(Path dir, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve(INFO_FILE), properties());
        for (int i = 0; i < actors.size(); i++) {
            String text = MlpFormat.toText(actors.get(i));
            if (gzip) {
                Path file = dir.resolve(actorFile(i) + ".gz");
                Path temp = AtomicFiles.createTemp(file);
                Files.write(temp, gzip(text));
                AtomicFiles.moveIntoPlace(temp, file);
            } else {
                AtomicFiles.writeString(dir.resolve(actorFile(i)), text);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = ACTOR_FILE.matcher(f.getFileName().toString());
                if (m.matches() && (Integer.parseInt(m.group(1)) >= actors.size() || (m.group(2) != null) != gzip)) {
                    Files.delete(f);
                }
            }
        }
    }

    public void save(Path dir) throws IOException {
        save(dir, false);
    }

    private String properties() throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("agent", kind.id());
        p.setProperty("devices", Integer.toString(devices));
        p.setProperty("servers", Integer.toString(servers));
        p.setProperty("models", Integer.toString(models));
        p.setProperty("features", features.describe());
        p.setProperty("ratio_levels", Integer.toString(ratioLevels));
        p.setProperty("shared", Boolean.toString(shared));
        p.setProperty("sample_actions", Boolean.toString(sampleActions));
        p.setProperty("actors", Integer.toString(actors.size()));
        for (Map.Entry<String, String> e : new TreeMap<>(info).entrySet()) {
            p.setProperty("info." + e.getKey(), e.getValue());
        }
        StringWriter w = new StringWriter();
        p.store(w, "Offload AIGC checkpoint (offload-aigc)");
        // Properties.store writes a date line first; drop it so that the same training gives the same bytes.
        StringBuilder out = new StringBuilder("#Offload AIGC checkpoint (offload-aigc)\n");
        w.toString().lines().filter(l -> !l.startsWith("#")).sorted().forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Reads files of a checkpoint by name; null when there is no such file. */
    private interface FileSource {
        byte[] read(String name) throws IOException;
    }

    /** Reads a checkpoint directory written by {@link #save}. */
    public static Checkpoint load(Path dir) throws IOException {
        FileSource files = name -> Files.isRegularFile(dir.resolve(name)) ? Files.readAllBytes(dir.resolve(name)) : null;
        return read(files, dir.toString());
    }

    /** Reads a checkpoint shipped as classpath resources under {@code resourceDir} (no leading slash). */
    public static Checkpoint loadResource(String resourceDir) throws IOException {
        String base = resourceDir.endsWith("/") ? resourceDir : resourceDir + "/";
        FileSource files = name -> {
            try (InputStream in = Checkpoint.class.getClassLoader().getResourceAsStream(base + name)) {
                return in == null ? null : in.readAllBytes();
            }
        };
        return read(files, "bundled " + base);
    }

    private static Checkpoint read(FileSource files, String label) throws IOException {
        byte[] infoBytes = files.read(INFO_FILE);
        if (infoBytes == null) {
            throw new IOException(label + ": no " + INFO_FILE + "; is it a checkpoint written by 'offload train aigc'?");
        }
        Properties p = new Properties();
        p.load(new StringReader(new String(infoBytes, StandardCharsets.UTF_8)));
        String format = p.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new IOException(label + "/" + INFO_FILE + ": format '" + format + "' is not '" + FORMAT
                    + "' (written by an older version of offload); train it again with 'offload train aigc'");
        }
        try {
            AgentKind kind = AgentKind.byId(p.getProperty("agent", ""));
            int n = Integer.parseInt(p.getProperty("devices"));
            int actorsCount = Integer.parseInt(p.getProperty("actors"));
            List<Mlp> actors = new ArrayList<>();
            for (int i = 0; i < actorsCount; i++) {
                byte[] plain = files.read(actorFile(i));
                byte[] zipped = plain == null ? files.read(actorFile(i) + ".gz") : null;
                if (plain == null && zipped == null) {
                    throw new IOException(label + ": " + actorFile(i) + " is missing");
                }
                String text = plain != null ? new String(plain, StandardCharsets.UTF_8) : gunzip(zipped);
                actors.add(MlpFormat.parse(text, label + "/" + actorFile(i)));
            }
            Map<String, String> info = new LinkedHashMap<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("info.")) {
                    info.put(k.substring(5), p.getProperty(k));
                }
            }
            return new Checkpoint(kind, n, Integer.parseInt(p.getProperty("servers")),
                    Integer.parseInt(p.getProperty("models")), features(p.getProperty("features", "")),
                    Integer.parseInt(p.getProperty("ratio_levels")), Boolean.parseBoolean(p.getProperty("shared")),
                    Boolean.parseBoolean(p.getProperty("sample_actions")), actors, info);
        } catch (RuntimeException e) {
            throw new IOException(label + "/" + INFO_FILE + ": malformed (" + e.getMessage() + ")", e);
        }
    }

    private static Features features(String text) {
        Map<String, Boolean> flags = new TreeMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=");
            if (kv.length == 2) {
                flags.put(kv[0].trim(), Boolean.parseBoolean(kv[1].trim()));
            }
        }
        if (flags.size() != 3) {
            throw new IllegalArgumentException("features '" + text + "'");
        }
        return new Features(flags.get("model_aware"), flags.get("coordination"), flags.get("device_id"));
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The dimensions a checkpoint or scenario has, as messages name them. */
    static String shape(int devices, int servers, int models) {
        return devices + " devices, " + servers + " edge servers, " + models + " models";
    }

    /**
     * Fails with a message naming both shapes when {@code s} does not have the dimensions the actors were trained
     * for.
     */
    public void requireCompatible(AigcScenario s) {
        if (s.devices().count() != devices || s.edge().servers() != servers || s.modelCount() != models) {
            throw new IllegalArgumentException("checkpoint (" + kind.id() + ") was trained for "
                    + shape(devices, servers, models) + "; the scenario has " + shape(s.devices().count(),
                    s.edge().servers(), s.modelCount()) + " (train one for it with 'offload train aigc')");
        }
    }

    /** The pure-Java policy that runs these actors. */
    public LearnedPolicy policy() {
        return new LearnedPolicy(this);
    }

    /** Name of the bundled checkpoint of {@code kind} for scenario {@code name} at these dimensions. */
    public static String bundledName(String scenario, AgentKind kind, int devices, int models) {
        return scenario + "-" + kind.id() + "-d" + devices + "-m" + models;
    }

    /** The bundled checkpoints' names ({@link #bundledName}), from {@value #BUNDLED_INDEX}. */
    public static List<String> bundledNames() {
        try (InputStream in = Checkpoint.class.getClassLoader().getResourceAsStream(BUNDLED_INDEX)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The bundled checkpoint of {@code kind} for scenario {@code s} (by its name and dimensions), or an
     * {@link IllegalArgumentException} that lists what is bundled and how to train one.
     */
    public static Checkpoint bundled(AigcScenario s, AgentKind kind) throws IOException {
        String name = bundledName(s.name(), kind, s.devices().count(), s.modelCount());
        List<String> all = bundledNames();
        if (!all.contains(name)) {
            List<String> mine = all.stream().filter(b -> b.startsWith(s.name() + "-" + kind.id() + "-d")).toList();
            throw new IllegalArgumentException("no bundled " + kind.id() + " checkpoint for scenario '" + s.name()
                    + "' with " + shape(s.devices().count(), s.edge().servers(), s.modelCount()) + " (bundled for it: "
                    + (mine.isEmpty() ? "none" : String.join(", ", mine)) + "); train one with 'offload train aigc"
                    + " --agent " + kind.id() + " --out DIR' and pass --model DIR");
        }
        Checkpoint cp = loadResource(BUNDLED_DIR + name);
        cp.requireCompatible(s);
        return cp;
    }
}
