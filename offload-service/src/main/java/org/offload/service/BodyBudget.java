package org.offload.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request body bytes the service holds at once, in all and per client (token identity): bodies are reserved
 * byte by byte as they arrive and released when their request is answered, so slow or stalled bodies cannot add
 * up to more heap than the two caps allow, and one client cannot take the whole budget. Clients are the
 * configured identities, so the map stays small.
 */
final class BodyBudget {
    private final long total;
    private final long perClient;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> byClient = new ConcurrentHashMap<>();

    BodyBudget(long total, long perClient) {
        this.total = total;
        this.perClient = perClient;
    }

    /** Reserves {@code bytes} for {@code client}; false (nothing reserved) when either cap would be exceeded. */
    boolean reserve(String client, long bytes) {
        AtomicLong mine = byClient.computeIfAbsent(client, k -> new AtomicLong());
        if (mine.addAndGet(bytes) > perClient) {
            mine.addAndGet(-bytes);
            return false;
        }
        if (used.addAndGet(bytes) > total) {
            used.addAndGet(-bytes);
            mine.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void release(String client, long bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
            byClient.get(client).addAndGet(-bytes);
        }
    }

    /** Bytes held now, in all. */
    long used() {
        return used.get();
    }
}
