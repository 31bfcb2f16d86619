package org.offload.learn;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The learning curve of a training run ({@link Trainer.Result#curve()}) as CSV and as a PNG chart. */
public final class LearningCurve {
    private LearningCurve() {
    }

    /** Writes the learning curve as CSV and, if {@code png} is not null, as a PNG chart (loss and metric). */
    public static void write(Trainer.Result r, Path csv, Path png) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            w.println("epoch,train_loss,validation_loss,train_" + r.metric() + ",validation_" + r.metric());
            for (Trainer.Epoch e : r.curve()) {
                w.printf(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f%n", e.epoch(), e.trainLoss(), e.validationLoss(),
                        e.trainMetric(), e.validationMetric());
            }
        }
        if (png == null) {
            return;
        }
        Djl.configure();
        double[] ep = r.curve().stream().mapToDouble(Trainer.Epoch::epoch).toArray();
        String label = r.model().name() + (r.model().meta().containsKey("labels") && r.metric().equals("accuracy")
                ? " (" + r.model().meta().get("labels") + " labels)" : "");
        XYChart lossChart = new XYChartBuilder().width(640).height(420).title(label + ": loss")
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        lossChart.addSeries("train", ep, r.curve().stream().mapToDouble(Trainer.Epoch::trainLoss).toArray());
        lossChart.addSeries("validation", ep, r.curve().stream().mapToDouble(Trainer.Epoch::validationLoss).toArray());
        XYChart metricChart = new XYChartBuilder().width(640).height(420)
                .title(label + ": " + r.metric()).xAxisTitle("epoch").yAxisTitle(r.metric()).build();
        metricChart.addSeries("train", ep, r.curve().stream().mapToDouble(Trainer.Epoch::trainMetric).toArray());
        metricChart.addSeries("validation", ep,
                r.curve().stream().mapToDouble(e -> Double.isNaN(e.validationMetric()) ? 0 : e.validationMetric())
                        .toArray());
        for (XYChart c : List.of(lossChart, metricChart)) {
            c.getStyler().setMarkerSize(0);
            // an explicit range gives round tick labels (0, 10, 20...) instead of one per epoch
            c.getStyler().setXAxisMin(0.0);
            c.getStyler().setXAxisMax((double) ep.length);
            c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        }
        BitmapEncoder.saveBitmap(List.of(lossChart, metricChart), 1, 2, png.toString(),
                BitmapEncoder.BitmapFormat.PNG);
    }
}
