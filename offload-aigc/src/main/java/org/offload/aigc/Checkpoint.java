package org.offload.aigc;

import java.io.IOException;
import java.io.Reader;
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
import org.offload.io.AtomicFiles;
import org.offload.policy.learned.Mlp;
import org.offload.policy.learned.MlpFormat;

/**
 * Trained actors of one learning agent, as small text files in a directory: {@value #INFO_FILE} (agent,
 * dimensions of the scenario it was trained for, training parameters) and one {@code actor-NN.mlp} per device
 * (one {@code actor-00.mlp} for SADDPG) in the {@link Mlp} text format. The actors' last layer is linear; a
 * sigmoid maps it to the [0, 1] action outputs ({@link AgentKind#decode}).
 */
public record Checkpoint(AgentKind kind, int devices, int servers, int models, List<Mlp> actors,
                         Map<String, String> info) {
    public static final String INFO_FILE = "checkpoint.properties";
    public static final String FORMAT = "offload-aigc-checkpoint 1";

    public Checkpoint {
        actors = List.copyOf(actors);
        info = Map.copyOf(info);
        int expected = kind.centralised() ? 1 : devices;
        if (actors.size() != expected) {
            throw new IllegalArgumentException(kind.id() + " needs " + expected + " actors, got " + actors.size());
        }
    }

    static String actorFile(int i) {
        return String.format("actor-%02d.mlp", i);
    }

    /** Names {@link #actorFile} gives; group 1 is the index. */
    private static final Pattern ACTOR_FILE = Pattern.compile("actor-(\\d{2,9})\\.mlp");

    /**
     * Writes the checkpoint into {@code dir} (created if needed), each file atomically, and deletes actor files an
     * earlier checkpoint with more actors left there.
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("agent", kind.id());
        p.setProperty("devices", Integer.toString(devices));
        p.setProperty("servers", Integer.toString(servers));
        p.setProperty("models", Integer.toString(models));
        p.setProperty("actors", Integer.toString(actors.size()));
        for (Map.Entry<String, String> e : new TreeMap<>(info).entrySet()) {
            p.setProperty("info." + e.getKey(), e.getValue());
        }
        StringWriter w = new StringWriter();
        p.store(w, "Offload AIGC checkpoint (offload-aigc)");
        // Properties.store writes a date line first; drop it so that the same training gives the same bytes.
        String text = w.toString().lines().filter(l -> !l.startsWith("#") || l.contains("Offload"))
                .sorted((a, b) -> a.startsWith("#") ? -1 : b.startsWith("#") ? 1 : a.compareTo(b))
                .reduce("", (a, b) -> a + b + "\n");
        AtomicFiles.writeString(dir.resolve(INFO_FILE), text);
        for (int i = 0; i < actors.size(); i++) {
            AtomicFiles.writeString(dir.resolve(actorFile(i)), MlpFormat.toText(actors.get(i)));
        }
        // An earlier checkpoint in this directory may have had more actors; its extra files would look like ours.
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = ACTOR_FILE.matcher(f.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) >= actors.size()) {
                    Files.delete(f);
                }
            }
        }
    }

    /** Reads a checkpoint directory written by {@link #save}. */
    public static Checkpoint load(Path dir) throws IOException {
        Path infoFile = dir.resolve(INFO_FILE);
        if (!Files.isRegularFile(infoFile)) {
            throw new IOException(infoFile + ": missing; is " + dir + " a checkpoint written by 'offload train aigc'?");
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(Files.readString(infoFile, StandardCharsets.UTF_8))) {
            p.load(r);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException(infoFile + ": not an '" + FORMAT + "' file");
        }
        AgentKind kind = AgentKind.byId(p.getProperty("agent", ""));
        int n = Integer.parseInt(p.getProperty("devices"));
        int actorsCount = Integer.parseInt(p.getProperty("actors"));
        List<Mlp> actors = new ArrayList<>();
        for (int i = 0; i < actorsCount; i++) {
            actors.add(MlpFormat.load(dir.resolve(actorFile(i))));
        }
        Map<String, String> info = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("info.")) {
                info.put(k.substring(5), p.getProperty(k));
            }
        }
        return new Checkpoint(kind, n, Integer.parseInt(p.getProperty("servers")),
                Integer.parseInt(p.getProperty("models")), actors, info);
    }

    /** Fails with a clear message when {@code s} does not have the dimensions the actors were trained for. */
    public void requireCompatible(AigcScenario s) {
        if (s.devices().count() != devices || s.edge().servers() != servers || s.modelCount() != models) {
            throw new IllegalArgumentException("checkpoint (" + kind.id() + ") was trained for " + devices
                    + " devices, " + servers + " edge servers and " + models + " models; the scenario has "
                    + s.devices().count() + ", " + s.edge().servers() + " and " + s.modelCount()
                    + " (train one for it with 'offload train aigc')");
        }
    }

    /** The pure-Java policy that runs these actors. */
    public LearnedPolicy policy() {
        return new LearnedPolicy(this);
    }
}
