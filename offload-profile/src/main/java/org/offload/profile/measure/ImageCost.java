package org.offload.profile.measure;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The data-set side of an inference: decoding an image file and preprocessing it into the network's input,
 * measured separately from the model. Images are generated (a seeded mixture of smooth gradients, shapes and
 * noise, so PNG and JPEG compress like photographs rather than like flat colour), encoded with {@link ImageIO},
 * then decoded and preprocessed torchvision-style: resize the shorter side to 256 (bilinear), centre-crop 224,
 * scale to [0, 1], normalise with the ImageNet mean and standard deviation, lay out as CHW floats.
 */
public final class ImageCost {
    /** One measured image format and size. */
    public record Row(String format, int width, int height, long bytes, int repeats, double decodeMeanMs,
                      double decodeP95Ms, double preprocessMeanMs, double preprocessP95Ms, double load1) {
        public static final List<String> COLUMNS = List.of("format", "width", "height", "bytes", "repeats",
                "decode_mean_ms", "decode_p95_ms", "preprocess_mean_ms", "preprocess_p95_ms", "load1");

        public String toCsv() {
            return String.join(",", format, String.valueOf(width), String.valueOf(height), String.valueOf(bytes),
                    String.valueOf(repeats), ProfileRow.num(decodeMeanMs, 4), ProfileRow.num(decodeP95Ms, 4),
                    ProfileRow.num(preprocessMeanMs, 4), ProfileRow.num(preprocessP95Ms, 4),
                    ProfileRow.num(load1, 2));
        }
    }

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private ImageCost() {
    }

    /** Measures PNG and JPEG at each size ({w, h} pairs), {@code repeats} times each after 3 warm-up runs. */
    public static List<Row> measure(int[][] sizes, int repeats, long seed) {
        List<Row> out = new ArrayList<>();
        for (int[] s : sizes) {
            BufferedImage img = generate(s[0], s[1], seed);
            for (String format : new String[] {"png", "jpeg"}) {
                byte[] file = encode(img, format);
                double[] dec = new double[repeats];
                double[] pre = new double[repeats];
                for (int i = -3; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    BufferedImage d = decode(file);
                    long t1 = System.nanoTime();
                    float[] chw = preprocess(d, 224);
                    long t2 = System.nanoTime();
                    if (chw.length != 3 * 224 * 224) {
                        throw new IllegalStateException("preprocess produced " + chw.length + " values");
                    }
                    if (i >= 0) {
                        dec[i] = (t1 - t0) / 1e6;
                        pre[i] = (t2 - t1) / 1e6;
                    }
                }
                Arrays.sort(dec);
                Arrays.sort(pre);
                out.add(new Row(format, s[0], s[1], file.length, repeats, Arrays.stream(dec).average().orElse(0),
                        Profiler.percentile(dec, 95), Arrays.stream(pre).average().orElse(0),
                        Profiler.percentile(pre, 95), Host.loadAverage()[0]));
            }
        }
        return out;
    }

    /** A photograph-like test image: gradients, a few filled discs and pixel noise, seeded. */
    public static BufferedImage generate(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int discs = 12;
        double[][] d = new double[discs][6];
        for (double[] disc : d) {
            disc[0] = r.nextDouble() * w;
            disc[1] = r.nextDouble() * h;
            disc[2] = (0.05 + 0.2 * r.nextDouble()) * Math.min(w, h);
            disc[3] = r.nextInt(256);
            disc[4] = r.nextInt(256);
            disc[5] = r.nextInt(256);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double red = 255.0 * x / w;
                double green = 255.0 * y / h;
                double blue = 128 + 100 * Math.sin(x * 0.05) * Math.cos(y * 0.03);
                for (double[] disc : d) {
                    double dx = x - disc[0];
                    double dy = y - disc[1];
                    if (dx * dx + dy * dy < disc[2] * disc[2]) {
                        red = disc[3];
                        green = disc[4];
                        blue = disc[5];
                    }
                }
                int n = r.nextInt(21) - 10;
                img.setRGB(x, y, (clamp(red + n) << 16) | (clamp(green + n) << 8) | clamp(blue + n));
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    public static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decode(byte[] file) {
        try {
            return ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resize shorter side to 256/224 x {@code crop}, centre-crop {@code crop}, normalise, CHW floats. */
    public static float[] preprocess(BufferedImage img, int crop) {
        int w = img.getWidth();
        int h = img.getHeight();
        double scale = (crop * 256.0 / 224.0) / Math.min(w, h);
        int rw = Math.max(crop, (int) Math.round(w * scale));
        int rh = Math.max(crop, (int) Math.round(h * scale));
        int[] src = img.getRGB(0, 0, w, h, null, 0, w);
        int x0 = (rw - crop) / 2;
        int y0 = (rh - crop) / 2;
        float[] out = new float[3 * crop * crop];
        int plane = crop * crop;
        for (int y = 0; y < crop; y++) {
            double sy = Math.min(h - 1.0, Math.max(0, (y + y0 + 0.5) / scale - 0.5));
            int iy = (int) sy;
            int iy1 = Math.min(h - 1, iy + 1);
            double fy = sy - iy;
            for (int x = 0; x < crop; x++) {
                double sx = Math.min(w - 1.0, Math.max(0, (x + x0 + 0.5) / scale - 0.5));
                int ix = (int) sx;
                int ix1 = Math.min(w - 1, ix + 1);
                double fx = sx - ix;
                int p00 = src[iy * w + ix];
                int p01 = src[iy * w + ix1];
                int p10 = src[iy1 * w + ix];
                int p11 = src[iy1 * w + ix1];
                for (int c = 0; c < 3; c++) {
                    int sh = 16 - 8 * c;
                    double v = ((p00 >> sh) & 255) * (1 - fx) * (1 - fy) + ((p01 >> sh) & 255) * fx * (1 - fy)
                            + ((p10 >> sh) & 255) * (1 - fx) * fy + ((p11 >> sh) & 255) * fx * fy;
                    out[c * plane + y * crop + x] = (float) ((v / 255.0 - MEAN[c]) / STD[c]);
                }
            }
        }
        return out;
    }
}
