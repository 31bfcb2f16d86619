package org.offload.aigc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One edge server's cache of generative models with least-recently-used replacement. Capacity is a number of
 * models and/or a storage size in MB (0 = that limit is off). {@link #touch} marks a use; {@link #insert} adds a
 * downloaded model, evicting least recently used models until both limits hold. Counts hits, misses, insertions
 * (switches) and evictions.
 */
public final class ModelCache {
    private final int capacityModels;
    private final double capacityMb;
    /** model index -> size in MB, in access order (eldest = least recently used). */
    private final LinkedHashMap<Integer, Double> models = new LinkedHashMap<>(16, 0.75f, true);
    private long hits;
    private long misses;
    private long insertions;
    private long evictions;

    public ModelCache(int capacityModels, double capacityMb) {
        if (capacityModels < 0 || capacityMb < 0 || (capacityModels == 0 && capacityMb == 0)) {
            throw new IllegalArgumentException("cache needs a capacity, got " + capacityModels + " models, "
                    + capacityMb + " MB");
        }
        this.capacityModels = capacityModels;
        this.capacityMb = capacityMb;
    }

    /** Whether {@code model} is cached (does not count as a use). */
    public boolean contains(int model) {
        return models.containsKey(model);
    }

    /** Looks {@code model} up as a use: a hit refreshes its recency; returns whether it was cached. */
    public boolean lookup(int model) {
        if (models.get(model) != null) {
            hits++;
            return true;
        }
        misses++;
        return false;
    }

    /** Marks a use of a cached model without counting a hit. */
    public void touch(int model) {
        models.get(model);
    }

    /**
     * Adds {@code model} as most recently used, evicting least recently used models until it fits; returns the
     * evicted models (in eviction order). A model already cached is only touched.
     */
    public List<Integer> insert(int model, double sizeMb) {
        List<Integer> evicted = new ArrayList<>();
        if (models.containsKey(model)) {
            models.get(model);
            return evicted;
        }
        Iterator<Map.Entry<Integer, Double>> it = models.entrySet().iterator();
        while (it.hasNext() && !fits(sizeMb)) {
            evicted.add(it.next().getKey());
            it.remove();
            evictions++;
        }
        if (!fits(sizeMb)) {
            throw new IllegalArgumentException("model " + model + " of " + sizeMb + " MB exceeds the cache ("
                    + capacityMb + " MB)");
        }
        models.put(model, sizeMb);
        insertions++;
        return evicted;
    }

    private boolean fits(double sizeMb) {
        boolean count = capacityModels == 0 || models.size() + 1 <= capacityModels;
        boolean size = capacityMb == 0 || usedMb() + sizeMb <= capacityMb + 1e-9;
        return count && size;
    }

    /** MB in use. */
    public double usedMb() {
        double s = 0;
        for (double v : models.values()) {
            s += v;
        }
        return s;
    }

    /** Cached models from least to most recently used. */
    public List<Integer> models() {
        return new ArrayList<>(models.keySet());
    }

    public int size() {
        return models.size();
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public long insertions() {
        return insertions;
    }

    public long evictions() {
        return evictions;
    }
}
