package org.offload.learn;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.offload.report.ChartImage;
import org.offload.report.Charts;

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
        double[] ep = r.curve().stream().mapToDouble(Trainer.Epoch::epoch).toArray();
        String label = r.model().name() + (r.model().meta().containsKey("labels") && r.metric().equals("accuracy")
                ? " (" + r.model().meta().get("labels") + " labels)" : "");
        List<Charts.Line> loss = List.of(
                new Charts.Line("train", ep, r.curve().stream().mapToDouble(Trainer.Epoch::trainLoss).toArray(),
                        Charts.Style.LINE, 0),
                new Charts.Line("validation", ep,
                        r.curve().stream().mapToDouble(Trainer.Epoch::validationLoss).toArray(), Charts.Style.LINE, 1));
        List<Charts.Line> metric = List.of(
                new Charts.Line("train", ep, r.curve().stream().mapToDouble(Trainer.Epoch::trainMetric).toArray(),
                        Charts.Style.LINE, 0),
                new Charts.Line("validation", ep, r.curve().stream()
                        .mapToDouble(e -> Double.isNaN(e.validationMetric()) ? 0 : e.validationMetric()).toArray(),
                        Charts.Style.LINE, 1));
        ChartImage img = Charts.panels(List.of(Charts.Axes.of("epoch", "loss").titled(label + ": loss"),
                Charts.Axes.of("epoch", r.metric()).titled(label + ": " + r.metric())), List.of(loss, metric),
                640, 420);
        Files.write(png, img.png());
    }
}
