package org.offload.service.state;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Task ids of 128 random bits from a {@link SecureRandom}, base64url-encoded behind {@code t_} (24 characters).
 * Needs no coordination between replicas: the chance that two of 2^32 ids collide is about 2^-65.
 */
public final class RandomTaskIds implements TaskIdSource {
    /** A DRBG seeded once from the system's entropy: no system call per id (the default reads /dev/urandom). */
    private final SecureRandom random = drbg();
    private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    @Override
    public String next() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return "t_" + encoder.encodeToString(b);
    }
}
