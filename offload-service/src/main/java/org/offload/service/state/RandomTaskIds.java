package org.offload.service.state;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Task ids of 128 random bits from a {@link SecureRandom}, base64url-encoded behind {@code t_} (24 characters).
 * Needs no coordination between replicas: the chance that two of 2^32 ids collide is about 2^-65.
 */
public final class RandomTaskIds implements TaskIdSource {
    private final SecureRandom random = new SecureRandom();
    private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

    @Override
    public String next() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return "t_" + encoder.encodeToString(b);
    }
}
