package org.offload.experiment.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where in a study's grid a run is: named integer coordinates in order, e.g. {@code devices=200}, or
 * {@code models=3, devices=10}. Its {@link #dirName()} names the run's folder ({@code d200}, {@code m3-d10}).
 */
public record Point(Map<String, Integer> coordinates) implements Serializable {
    public Point {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one coordinate");
        }
        coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
    }

    /** A point with one coordinate. */
    public static Point of(String name, int value) {
        return new Point(Map.of(name, value));
    }

    /** A point with two coordinates, in this order. */
    public static Point of(String name1, int value1, String name2, int value2) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(name1, value1);
        m.put(name2, value2);
        return new Point(m);
    }

    public int get(String name) {
        Integer v = coordinates.get(name);
        if (v == null) {
            throw new IllegalArgumentException("point " + this + " has no coordinate '" + name + "'");
        }
        return v;
    }

    public List<String> names() {
        return new ArrayList<>(coordinates.keySet());
    }

    /** The folder name: each coordinate's initial and value, joined by '-' ({@code d200}, {@code m3-d10}). */
    public String dirName() {
        List<String> parts = new ArrayList<>();
        coordinates.forEach((k, v) -> parts.add(k.charAt(0) + Integer.toString(v)));
        return String.join("-", parts);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        coordinates.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }
}
