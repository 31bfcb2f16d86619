package org.offload.topology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The EUA data set (Swin Edge, MIT licence): 125 edge-server sites and 816 user positions in Melbourne's CBD,
 * bundled as resources and projected to metres (equirectangular, origin at the south-west corner of the
 * combined bounding box).
 */
public final class EuaDataset {
    private static final double EARTH_RADIUS_M = 6_371_000;

    private final double[][] sites;
    private final double[][] users;
    private final double width;
    private final double height;

    private EuaDataset(List<double[]> siteLatLon, List<double[]> userLatLon) {
        double minLat = Double.MAX_VALUE, minLon = Double.MAX_VALUE, maxLat = -Double.MAX_VALUE, maxLon = -Double.MAX_VALUE;
        for (List<double[]> l : List.of(siteLatLon, userLatLon)) {
            for (double[] p : l) {
                minLat = Math.min(minLat, p[0]);
                maxLat = Math.max(maxLat, p[0]);
                minLon = Math.min(minLon, p[1]);
                maxLon = Math.max(maxLon, p[1]);
            }
        }
        double cosLat = Math.cos(Math.toRadians(0.5 * (minLat + maxLat)));
        sites = project(siteLatLon, minLat, minLon, cosLat);
        users = project(userLatLon, minLat, minLon, cosLat);
        width = Math.toRadians(maxLon - minLon) * EARTH_RADIUS_M * cosLat;
        height = Math.toRadians(maxLat - minLat) * EARTH_RADIUS_M;
    }

    private static double[][] project(List<double[]> latLon, double minLat, double minLon, double cosLat) {
        double[][] out = new double[latLon.size()][];
        for (int i = 0; i < out.length; i++) {
            double[] p = latLon.get(i);
            out[i] = new double[] {
                Math.toRadians(p[1] - minLon) * EARTH_RADIUS_M * cosLat,
                Math.toRadians(p[0] - minLat) * EARTH_RADIUS_M};
        }
        return out;
    }

    /** Reads the bundled CSV files. */
    public static EuaDataset load() {
        return new EuaDataset(read("edge-servers-melbcbd.csv", 1, 2), read("users-melbcbd.csv", 0, 1));
    }

    private static List<double[]> read(String file, int latCol, int lonCol) {
        String resource = "eua/" + file;
        try (InputStream in = EuaDataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<double[]> out = new ArrayList<>();
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split(",", -1);
                out.add(new double[] {Double.parseDouble(cols[latCol]), Double.parseDouble(cols[lonCol])});
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int siteCount() {
        return sites.length;
    }

    public int userCount() {
        return users.length;
    }

    /** x, y in metres of site {@code i}. */
    public double[] site(int i) {
        return sites[i].clone();
    }

    public double[] user(int i) {
        return users[i].clone();
    }

    public double widthM() {
        return width;
    }

    public double heightM() {
        return height;
    }
}
