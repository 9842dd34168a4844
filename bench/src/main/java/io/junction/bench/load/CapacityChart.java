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
        write(java.util.Map.of("", report), png);
    }

    /** One chart with every named run's curves (e.g. junction and janus side by side). */
    public static void write(java.util.Map<String, RunReport> reports, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart cpu = panel("Server CPU (% of one core)", "CPU %");
        XYChart loss = panel("Loss (%)", "loss");
        XYChart lat = panel("One-way latency (ms)", "ms");
        for (var e : reports.entrySet()) {
            List<StepResult> steps = e.getValue().steps();
            if (steps.isEmpty()) {
                continue;
            }
            String n = e.getKey().isEmpty() ? "" : e.getKey() + " ";
            double[] x = steps.stream().mapToDouble(StepResult::packetsOutPerSecond).toArray();
            series(cpu, n + "CPU %", x, steps, StepResult::serverCpuPercent);
            series(loss, n + "after repair", x, steps, StepResult::lossAfterRepairPercent);
            series(loss, n + "before repair", x, steps, StepResult::lossBeforeRepairPercent)
                    .setMarker(SeriesMarkers.DIAMOND);
            series(lat, n + "p99", x, steps, StepResult::latencyP99Ms);
            series(lat, n + "p50", x, steps, StepResult::latencyP50Ms);
        }
        if (cpu.getSeriesMap().isEmpty()) {
            throw new IOException("no step to chart");
        }
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

    private static XYChart panel(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(900).height(300).title(title)
                .xAxisTitle("forwarded packets/s (received by subscribers)").yAxisTitle(yTitle).build();
        c.getStyler().setLegendVisible(true);
        return c;
    }

    private static org.knowm.xchart.XYSeries series(XYChart c, String name, double[] x, List<StepResult> steps,
                                                    ToDoubleFunction<StepResult> y) {
        double[] ys = steps.stream().mapToDouble(s -> {
            double v = y.applyAsDouble(s);
            return Double.isNaN(v) ? 0 : v;
        }).toArray();
        return c.addSeries(name, x, ys);
    }
}
