package io.tomassure.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Workbook;

import io.tomassure.assessment.workbook.TableReader;
import io.tomassure.assessment.workbook.TemplateImport;
import io.tomassure.assessment.workbook.WorkbookExport;
import io.tomassure.assessment.workbook.WorkbookFiles;
import io.tomassure.testing.TomWorkbooks;

/**
 * Workbook import and export timings and peak heap, on the real workbooks: the same code the service runs (safe
 * open, table reading, template building; the export writer), without HTTP and the database. The harness runs it
 * in a JVM of its own capped at 256 MB ({@link Workbooks}) and writes its table to the file named by {@code -Dreport}.
 */
public final class WorkbookBench {

    private static final WorkbookFiles.Limits LIMITS = new WorkbookFiles.Limits(10_485_760, 16_777_216, 5000);
    private static final int WARM_UP = 20;
    private static final int RUNS = 50;

    private record Figure(String what, double coldMs, double p50Ms, double p95Ms, long peakHeapBytes) {
    }

    public static void main(String[] args) throws Exception {
        Path folder = TomWorkbooks.folder().orElseThrow(() -> new IllegalStateException(
                "../shared/tom-workbooks not found: set TOM_WORKBOOKS to the folder with the real workbooks"));
        List<Figure> figures = new ArrayList<>();
        for (String name : List.of(TomWorkbooks.ERS, TomWorkbooks.SMSP)) {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            figures.add(measure("template import, " + name + " (" + bytes.length / 1024 + " KiB)", () -> importTemplate(bytes)));
        }
        byte[] ers = Files.readAllBytes(folder.resolve(TomWorkbooks.ERS));
        WorkbookExport.Content content = exportContent(importTemplate(ers));
        byte[] exported = WorkbookExport.write(content);
        figures.add(measure("export of an e-RS assessment (259 rows answered, " + exported.length / 1024 + " KiB)",
                () -> WorkbookExport.write(content)));
        figures.add(measure("filled-workbook read of that export (tables and rows)", () -> {
            try (Workbook workbook = WorkbookFiles.parse(exported, LIMITS)) {
                return TableReader.read(workbook);
            }
        }));
        String report = markdown(figures);
        System.out.println(report);
        Path out = Path.of(System.getProperty("report", "target/workbooks.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    interface Work {
        Object run() throws Exception;
    }

    private static Figure measure(String what, Work work) throws Exception {
        long coldStart = System.nanoTime();
        work.run();
        double cold = (System.nanoTime() - coldStart) / 1e6;
        for (int i = 0; i < WARM_UP; i++) {
            work.run();
        }
        double[] times = new double[RUNS];
        long peak = 0;
        for (int i = 0; i < RUNS; i++) {
            System.gc();
            long before = heapUsed();
            resetPeaks();
            long start = System.nanoTime();
            Object result = work.run();
            times[i] = (System.nanoTime() - start) / 1e6;
            peak = Math.max(peak, heapPeak() - before);
            if (result == null) {
                throw new IllegalStateException(what + " produced nothing");
            }
        }
        Arrays.sort(times);
        return new Figure(what, cold, times[RUNS / 2], times[(int) (RUNS * 0.95)], peak);
    }

    private static TemplateImport.Result importTemplate(byte[] bytes) throws Exception {
        try (Workbook workbook = WorkbookFiles.parse(bytes, LIMITS)) {
            return TemplateImport.of("bench", TableReader.read(workbook));
        }
    }

    private static WorkbookExport.Content exportContent(TemplateImport.Result template) {
        List<WorkbookExport.Section> sections = template.definition().sections().stream().map(s -> new WorkbookExport.Section(
                s.code(), s.title(), s.requirements().stream().map(r -> new WorkbookExport.Line(r.id(), r.title(),
                        r.description(), r.guidance(), r.answeredBy(), r.level() == null ? null : r.level().name(),
                        r.type().name(), r.kind(), r.allowedAnswers(),
                        r.allowedAnswers().isEmpty() ? "Free text answer for " + r.id() : r.allowedAnswers().get(0),
                        "docs/" + r.id() + ".md", "Notes on " + r.id(), "TC-" + r.id(), null, null, null, null, null, 1L))
                        .toList()))
                .toList();
        return new WorkbookExport.Content("bench", List.<String[]>of(new String[] { "Programme", "e-RS" }),
                List.<String[]>of(), sections);
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long heapPeak() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static String markdown(List<Figure> figures) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: TOM workbook import and export\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version"))
                .append(", one JVM capped at `-Xmx256m` (serial GC).\n\n");
        md.append("The code the service runs for an upload (size and zip-bomb checks, POI parse, table reading, template ")
                .append("building) and for a download (the export writer), without HTTP and the database. Cold is the ")
                .append("first run in the JVM; warm figures are over ").append(RUNS).append(" runs after ").append(WARM_UP)
                .append(" warm-up runs. Peak heap is the most the heap grew during one run, from a collected heap ")
                .append("(the sum of the heap pools' peaks).\n\n");
        md.append("| work | cold | warm p50 | warm p95 | peak heap per run |\n|---|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append(String.format("| %s | %.0f ms | %.1f ms | %.1f ms | %.1f MB |%n", f.what(), f.coldMs(), f.p50Ms(),
                    f.p95Ms(), f.peakHeapBytes() / 1e6));
        }
        md.append("\nTarget (issue 9): e-RS workbook import, warm, <= 1 s with peak heap <= 256 MB. The whole run fits in a ")
                .append("256 MB heap.\n");
        return md.toString();
    }

    private WorkbookBench() {
    }

}
