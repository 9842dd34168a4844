package io.junction.bench.load;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The capacity chart (PNG, drawn with XChart, headless): forwarded packets/s on the x axis against
 * server CPU, loss after repair and p99 latency, three panels stacked in one image.
 */
public final class CapacityChart {
    private CapacityChart() {
    }

    public static void write(RunReport report, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<StepResult> steps = report.steps();
        if (steps.isEmpty()) {
            throw new IOException("no step to chart");
        }
        double[] x = steps.stream().mapToDouble(StepResult::packetsOutPerSecond).toArray();
        XYChart cpu = panel("Server CPU (% of one core)", "CPU %", x, steps, StepResult::serverCpuPercent);
        XYChart loss = panel("Loss (%)", "after repair", x, steps, StepResult::lossAfterRepairPercent);
        loss.addSeries("before repair", x, steps.stream().mapToDouble(StepResult::lossBeforeRepairPercent).toArray())
                .setMarker(SeriesMarkers.DIAMOND);
        XYChart lat = panel("One-way latency (ms)", "p99", x, steps, StepResult::latencyP99Ms);
        lat.addSeries("p50", x, steps.stream().mapToDouble(StepResult::latencyP50Ms).toArray());
        BufferedImage[] parts = {BitmapEncoder.getBufferedImage(cpu), BitmapEncoder.getBufferedImage(loss),
                BitmapEncoder.getBufferedImage(lat)};
        int w = parts[0].getWidth();
        int h = 0;
        for (BufferedImage p : parts) {
            h += p.getHeight();
        }
        BufferedImage all = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int y = 0;
        for (BufferedImage p : parts) {
            g.drawImage(p, 0, y, null);
            y += p.getHeight();
        }
        g.dispose();
        javax.imageio.ImageIO.write(all, "png", png.toFile());
    }

    private static XYChart panel(String title, String series, double[] x, List<StepResult> steps,
                                 ToDoubleFunction<StepResult> y) {
        XYChart c = new XYChartBuilder().width(900).height(300).title(title)
                .xAxisTitle("forwarded packets/s (received by subscribers)").yAxisTitle(series).build();
        c.getStyler().setLegendVisible(true);
        double[] ys = steps.stream().mapToDouble(s -> {
            double v = y.applyAsDouble(s);
            return Double.isNaN(v) ? 0 : v;
        }).toArray();
        c.addSeries(series, x, ys);
        return c;
    }
}
