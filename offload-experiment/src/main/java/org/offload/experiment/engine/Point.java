package org.offload.experiment.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where in a study's grid a run is: named coordinates in order, e.g. {@code devices=200}, {@code models=3,
 * devices=10} or {@code network.wlan.bandwidth_mbps=2.5, devices=30}. Values are kept as text (whole numbers for the
 * built-in coordinates, a varied scenario key's value as given in canonical form), so that a point and its CSV cells
 * are exact. Its {@link #dirName()} names the run's folder ({@code d200}, {@code m3-d10}).
 */
public record Point(Map<String, String> coordinates) implements Serializable {
    public Point {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one coordinate");
        }
        coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
    }

    /** A point with one whole-number coordinate. */
    public static Point of(String name, int value) {
        return new Point(Map.of(name, Integer.toString(value)));
    }

    /** A point with two whole-number coordinates, in this order. */
    public static Point of(String name1, int value1, String name2, int value2) {
        return of(name1, Integer.toString(value1), name2, value2);
    }

    /** A point with a coordinate given as text, then a whole-number one. */
    public static Point of(String name1, String value1, String name2, int value2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(name1, value1);
        m.put(name2, Integer.toString(value2));
        return new Point(m);
    }

    /** The whole-number coordinate {@code name}. */
    public int get(String name) {
        String v = text(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("point " + this + ": coordinate '" + name + "' is not a whole number");
        }
    }

    /** The coordinate {@code name} as text. */
    public String text(String name) {
        String v = coordinates.get(name);
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
        coordinates.forEach((k, v) -> parts.add(k.charAt(0) + v));
        return String.join("-", parts);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        coordinates.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }
}
