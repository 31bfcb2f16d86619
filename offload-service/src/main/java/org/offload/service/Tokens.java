package org.offload.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * # name      roles          token (plain, at least 16 characters) or sha256:SALT_HEX:HASH_HEX
 * sensors     device         7f3c9d2e4b1a8c6f5e0d...
 * ops         admin,device   sha256:5e2b...:a41f...
 * </pre>
 *
 * In the environment variable, entries may also be separated by {@code ;}. A plain token is hashed with a fresh
 * random salt as it is read and not kept; {@link #hashedLine} gives the hashed form to store instead. Lookup hashes
 * the presented token with each entry's salt and compares in constant time, visiting every entry whatever matches.
 * Roles: {@code device} may ask for decisions and send telemetry; {@code admin} may change the policy.
 */
public final class Tokens {
    public enum Role {
        DEVICE, ADMIN;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who a token belongs to: a name for logs and rate limits (never the token) and its roles. */
    public record Identity(String name, Set<Role> roles) {
        public Identity {
            roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        }

        public boolean has(Role r) {
            return roles.contains(r);
        }
    }

    private record Entry(Identity identity, byte[] salt, byte[] hash) {
    }

    static final int MIN_TOKEN_LENGTH = 16;
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

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    public static Tokens load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceConfigException(file.toString(), -1, "", "cannot read the tokens file (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
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
            if (parts.length != 3) {
                throw new ServiceConfigException(source, lineNo, "", "expected 'NAME ROLES TOKEN', got "
                        + parts.length + " fields");
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
                    case "admin" -> roles.add(Role.ADMIN);
                    default -> throw new ServiceConfigException(source, lineNo, "", "unknown role '" + r
                            + "'; roles: device, admin (comma-separated)");
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
                if (secret.length() < MIN_TOKEN_LENGTH || !secret.matches(TOKEN_CHARS)) {
                    throw new ServiceConfigException(source, lineNo, "", "token of '" + name + "' must be at least "
                            + MIN_TOKEN_LENGTH + " characters of A-Z a-z 0-9 . _ ~ + / = -");
                }
                salt = new byte[16];
                RANDOM.nextBytes(salt);
                digest = hash(salt, secret);
                plainTokens.add(secret);
                plainLines.add(lineNo);
            }
            out.add(new Entry(new Identity(name, roles), salt, digest));
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
        return new Tokens(out);
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
        if (token == null || token.isEmpty() || token.length() > 512) {
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
