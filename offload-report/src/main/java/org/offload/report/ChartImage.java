package org.offload.report;

import de.erichseifert.vectorgraphics2d.Processor;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.pdf.PDFProcessor;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.offload.io.AtomicFiles;

/**
 * A chart drawn in three formats: PNG (for pages and quick looks), SVG and PDF (vector, for papers), the vector ones
 * with VectorGraphics2D. {@link #write} puts them beside each other as {@code NAME.png}, {@code NAME.svg},
 * {@code NAME.pdf}.
 */
public record ChartImage(byte[] png, byte[] svg, byte[] pdf) {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The formats {@link #write} writes, as file extensions. */
    public static final List<String> FORMATS = List.of("png", "svg", "pdf");

    /** Draws {@code chart} in every format. */
    public static ChartImage of(Chart<?, ?> chart) throws IOException {
        return new ChartImage(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG),
                vector(chart, new SVGProcessor()), vector(chart, new PDFProcessor(true)));
    }

    /** Draws {@code charts} side by side (all of the first one's size) in every format. */
    public static ChartImage row(List<? extends Chart<?, ?>> charts) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), png, BitmapEncoder.BitmapFormat.PNG);
        return new ChartImage(png.toByteArray(), vector(charts, new SVGProcessor()),
                vector(charts, new PDFProcessor(true)));
    }

    private static byte[] vector(Chart<?, ?> chart, Processor processor) throws IOException {
        return vector(List.of(chart), processor);
    }

    private static byte[] vector(List<? extends Chart<?, ?>> charts, Processor processor) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        int w = charts.get(0).getWidth();
        int h = charts.get(0).getHeight();
        for (int i = 0; i < charts.size(); i++) {
            VectorGraphics2D panel = (VectorGraphics2D) g.create(i * w, 0, w, h);
            charts.get(i).paint(panel, w, h);
            panel.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        processor.getDocument(g.getCommands(), new PageSize(0, 0, (double) w * charts.size(), h)).writeTo(out);
        return out.toByteArray();
    }

    /** Writes {@code base}.png, .svg and .pdf (each atomically; folders created) and returns their paths. */
    public List<Path> write(Path base) throws IOException {
        Files.createDirectories(base.toAbsolutePath().getParent());
        String name = base.getFileName().toString();
        Path p = base.resolveSibling(name + ".png");
        Path s = base.resolveSibling(name + ".svg");
        Path d = base.resolveSibling(name + ".pdf");
        AtomicFiles.write(p, png);
        AtomicFiles.write(s, svg);
        AtomicFiles.write(d, pdf);
        return List.of(p, s, d);
    }
}
