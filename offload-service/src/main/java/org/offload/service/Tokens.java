package org.offload.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bearer API tokens with roles, kept only as salted SHA-256 hashes. A tokens file (or the {@code OFFLOAD_TOKENS}
 * environment variable) has one token per line, {@code #} starting a comment:
 *
 * <pre>
 * # name      roles          token (plain, 16-512 characters, hard to guess) or sha256:SALT_HEX:HASH_HEX   scope
 * ward-3      device         7f3c9d2e4b1a8c6f5e0d...                                                      devices=0-49
 * gateway     device,infra   a8e1...
 * ops         admin          sha256:5e2b...:a41f...
 * </pre>
 *
 * A device token speaks only for the devices of its scope ({@code devices=0-49,60}; without one, for every
 * device: a fleet gateway): decisions and device telemetry for other devices are refused. VM and link telemetry
 * need the {@code infra} role, {@code GET /metrics} with {@code metrics.auth: token} the {@code metrics} role.
 * Plain tokens must carry at least {@value #MIN_ENTROPY_BITS} bits by a character-frequency estimate (so
 * {@code passwordpassword} is refused). A tokens file others may write is refused.
 *
 * In the environment variable, entries may also be separated by {@code ;}. A plain token is hashed with a fresh
 * random salt as it is read and not kept; {@link #hashedLine} gives the hashed form to store instead. Lookup hashes
 * the presented token with each entry's salt and compares in constant time, visiting every entry whatever matches.
 * Roles: {@code device} may ask for decisions and send telemetry; {@code admin} may change the policy.
 */
public final class Tokens {
    public enum Role {
        DEVICE, INFRA, ADMIN, METRICS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Who a token belongs to: a name for logs and rate limits (never the token), its roles and the devices it may
     * speak for ({@code devices} null = all).
     */
    public record Identity(String name, Set<Role> roles, DeviceScope devices) {
        public Identity {
            roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        }

        public Identity(String name, Set<Role> roles) {
            this(name, roles, null);
        }

        public boolean has(Role r) {
            return roles.contains(r);
        }

        /** Whether this identity may speak for {@code device}. */
        public boolean mayActFor(int device) {
            return devices == null || devices.contains(device);
        }
    }

    /** Device indices as sorted, disjoint ranges, from {@code 0-49,60}. */
    public record DeviceScope(List<long[]> ranges, String text) {
        static DeviceScope parse(String list) {
            List<long[]> out = new ArrayList<>();
            for (String part : list.split(",", -1)) {
                String p = part.strip();
                if (!p.matches("\\d{1,9}(-\\d{1,9})?")) {
                    throw new IllegalArgumentException("expected device numbers and ranges like 0-49,60, got '"
                            + (p.length() > 20 ? p.substring(0, 20) + "..." : p) + "'");
                }
                int dash = p.indexOf('-');
                long lo = Long.parseLong(dash < 0 ? p : p.substring(0, dash));
                long hi = dash < 0 ? lo : Long.parseLong(p.substring(dash + 1));
                if (hi < lo) {
                    throw new IllegalArgumentException("range " + p + " ends before it starts");
                }
                out.add(new long[] {lo, hi});
            }
            return new DeviceScope(List.copyOf(out), list);
        }

        public boolean contains(int device) {
            for (long[] r : ranges) {
                if (device >= r[0] && device <= r[1]) {
                    return true;
                }
            }
            return false;
        }

        /** The highest device number named. */
        public long max() {
            long m = -1;
            for (long[] r : ranges) {
                m = Math.max(m, r[1]);
            }
            return m;
        }
    }

    private record Entry(Identity identity, byte[] salt, byte[] hash) {
    }

    static final int MIN_TOKEN_LENGTH = 16;
    /** Longest token accepted, in the file and on the wire alike. */
    static final int MAX_TOKEN_LENGTH = 512;
    /** Least estimated entropy of a plain token (length x Shannon entropy of its characters). */
    static final int MIN_ENTROPY_BITS = 80;
    private static final String TOKEN_CHARS = "[A-Za-z0-9._~+/=-]+";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final List<Entry> entries;
    private final List<String> warnings;

    private Tokens(List<Entry> entries, List<String> warnings) {
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    /** Things the operator should know (a tokens file others can read); printed by {@code serve}. */
    public List<String> warnings() {
        return warnings;
    }

    /** The identities, in file order (names, roles, scopes; never the tokens). */
    public List<Identity> identities() {
        return entries.stream().map(Entry::identity).toList();
    }

    public int size() {
        return entries.size();
    }

    /**
     * Reads a tokens file. A file that users other than its owner may write is refused; one others may read gives
     * a warning.
     */
    public static Tokens load(Path file) {
        String text;
        List<String> warnings = new ArrayList<>();
        try {
            Set<PosixFilePermission> perms = posixPermissions(file);
            if (perms != null && (perms.contains(PosixFilePermission.OTHERS_WRITE)
                    || perms.contains(PosixFilePermission.GROUP_WRITE))) {
                throw new ServiceConfigException(file.toString(), -1, "", "the tokens file may be written by other "
                        + "users (" + PosixFilePermissions.toString(perms) + "); allow writing by its owner only, "
                        + "e.g. chmod 600 " + file.getFileName());
            }
            if (perms != null && perms.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.add("the tokens file " + file + " may be read by every user ("
                        + PosixFilePermissions.toString(perms) + "); chmod 600 or 640 it (tokens are best stored hashed:"
                        + " serve --hash-tokens)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceConfigException(file.toString(), -1, "", "cannot read the tokens file");
        }
        Tokens t = parse(text, file.toString());
        return warnings.isEmpty() ? t : new Tokens(t.entries, warnings);
    }

    /** The file's POSIX permissions (following links, as a mounted Kubernetes secret is), or null elsewhere. */
    private static Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** Parses the {@code OFFLOAD_TOKENS} environment variable's value. */
    public static Tokens fromEnvironment(String value, String variable) {
        return parse(value.replace(';', '\n'), "$" + variable);
    }

    public static Tokens parse(String text, String source) {
        List<Entry> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> plainTokens = new ArrayList<>();
        List<Integer> plainLines = new ArrayList<>();
        List<Integer> entryLines = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            String[] parts = line.split("\\s+");
            if (parts.length != 3 && parts.length != 4) {
                throw new ServiceConfigException(source, lineNo, "", "expected 'NAME ROLES TOKEN [devices=LIST]', "
                        + "got " + parts.length + " fields");
            }
            String name = parts[0];
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new ServiceConfigException(source, lineNo, "", "name must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (!names.add(name)) {
                throw new ServiceConfigException(source, lineNo, "", "duplicate name '" + name + "'");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String r : parts[1].split(",")) {
                switch (r.toLowerCase(Locale.ROOT)) {
                    case "device" -> roles.add(Role.DEVICE);
                    case "infra" -> roles.add(Role.INFRA);
                    case "admin" -> roles.add(Role.ADMIN);
                    case "metrics" -> roles.add(Role.METRICS);
                    default -> throw new ServiceConfigException(source, lineNo, "", "unknown role '" + clip(r)
                            + "'; roles: device, infra, admin, metrics (comma-separated)");
                }
            }
            DeviceScope scope = null;
            if (parts.length == 4) {
                if (!parts[3].startsWith("devices=")) {
                    throw new ServiceConfigException(source, lineNo, "", "the fourth field must be devices=LIST "
                            + "(e.g. devices=0-49,60)");
                }
                if (!roles.contains(Role.DEVICE)) {
                    throw new ServiceConfigException(source, lineNo, "", "devices= scopes a device token; '" + name
                            + "' has no device role");
                }
                try {
                    scope = DeviceScope.parse(parts[3].substring("devices=".length()));
                } catch (IllegalArgumentException e) {
                    throw new ServiceConfigException(source, lineNo, "", "devices: " + e.getMessage());
                }
            }
            String secret = parts[2];
            byte[] salt;
            byte[] digest;
            if (secret.startsWith("sha256:")) {
                String[] h = secret.split(":", -1);
                try {
                    if (h.length != 3) {
                        throw new IllegalArgumentException("expected sha256:SALT_HEX:HASH_HEX");
                    }
                    salt = HexFormat.of().parseHex(h[1]);
                    digest = HexFormat.of().parseHex(h[2]);
                } catch (IllegalArgumentException e) {
                    throw new ServiceConfigException(source, lineNo, "", "malformed hashed token: expected "
                            + "sha256:SALT_HEX:HASH_HEX");
                }
                if (salt.length < 8 || digest.length != 32) {
                    throw new ServiceConfigException(source, lineNo, "", "hashed token needs a salt of at least 8 bytes"
                            + " and a 32-byte SHA-256 hash");
                }
            } else {
                if (secret.length() < MIN_TOKEN_LENGTH || secret.length() > MAX_TOKEN_LENGTH
                        || !secret.matches(TOKEN_CHARS)) {
                    throw new ServiceConfigException(source, lineNo, "", "token of '" + name + "' must be "
                            + MIN_TOKEN_LENGTH + " to " + MAX_TOKEN_LENGTH + " characters of A-Z a-z 0-9 . _ ~ + / = -");
                }
                int bits = (int) Math.floor(entropyBits(secret));
                if (bits < MIN_ENTROPY_BITS) {
                    throw new ServiceConfigException(source, lineNo, "", "token of '" + name + "' is too easy to "
                            + "guess (about " + bits + " bits; at least " + MIN_ENTROPY_BITS + " needed): make one with"
                            + " openssl rand -hex 24");
                }
                salt = new byte[16];
                RANDOM.nextBytes(salt);
                digest = hash(salt, secret);
                plainTokens.add(secret);
                plainLines.add(lineNo);
            }
            out.add(new Entry(new Identity(name, roles, scope), salt, digest));
            entryLines.add(lineNo);
        }
        if (out.isEmpty()) {
            throw new ServiceConfigException(source, -1, "", "no tokens");
        }
        // A token shared by two identities would always authenticate as the first: refuse it.
        for (int p = 0; p < plainTokens.size(); p++) {
            for (int e = 0; e < out.size(); e++) {
                int line = entryLines.get(e);
                if (line != plainLines.get(p)
                        && MessageDigest.isEqual(hash(out.get(e).salt(), plainTokens.get(p)), out.get(e).hash())) {
                    int first = Math.min(line, plainLines.get(p));
                    int second = Math.max(line, plainLines.get(p));
                    throw new ServiceConfigException(source, second, "", "the same token as line " + first
                            + "; each identity needs its own token");
                }
            }
        }
        return new Tokens(out, List.of());
    }

    /** Length times the Shannon entropy of the token's character frequencies: an upper bound on guessing work. */
    static double entropyBits(String token) {
        java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
        for (char c : token.toCharArray()) {
            counts.merge(c, 1, Integer::sum);
        }
        double h = 0;
        for (int n : counts.values()) {
            double p = (double) n / token.length();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h * token.length();
    }

    private static String clip(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    /** The line to put in a tokens file for {@code token}, hashed with a fresh salt. */
    public static String hashedLine(String name, Set<Role> roles, String token) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        List<String> r = new ArrayList<>();
        roles.forEach(x -> r.add(x.key()));
        return name + " " + String.join(",", r) + " sha256:" + HexFormat.of().formatHex(salt) + ":"
                + HexFormat.of().formatHex(hash(salt, token));
    }

    private static byte[] hash(byte[] salt, String token) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(salt);
        md.update(token.getBytes(StandardCharsets.UTF_8));
        return md.digest();
    }

    /** The identity holding {@code token}, or null. Time does not depend on which entry matches. */
    public Identity authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        Identity found = null;
        for (Entry e : entries) {
            boolean eq = MessageDigest.isEqual(hash(e.salt(), token), e.hash());
            if (eq && found == null) {
                found = e.identity();
            }
        }
        return found;
    }
}
