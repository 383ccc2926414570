package io.tomassure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts for docs/benchmarks: latency percentiles against the offered rate, where a knee shows. */
final class Charts {

    static void latencyByRate(Path png, String title, List<Stats> steps) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries p50 = new XYSeries("p50");
        XYSeries p95 = new XYSeries("p95");
        XYSeries p99 = new XYSeries("p99");
        for (Stats s : steps) {
            p50.add(s.offered(), Math.max(1, s.p50()));
            p95.add(s.offered(), Math.max(1, s.p95()));
            p99.add(s.offered(), Math.max(1, s.p99()));
        }
        data.addSeries(p50);
        data.addSeries(p95);
        data.addSeries(p99);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "offered requests/s", "latency, ms (log)", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setRangeAxis(new LogarithmicAxis("latency, ms (log)"));
        Files.createDirectories(png.getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 800, 450);
    }

    private Charts() {
    }
}
