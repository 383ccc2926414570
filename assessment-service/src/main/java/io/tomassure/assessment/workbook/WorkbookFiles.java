package io.tomassure.assessment.workbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.tomassure.assessment.config.AssessmentConfig;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;

/**
 * Opens uploaded workbooks (.xlsx or legacy .xls) within bounded memory and time: the upload size, the size the
 * package expands to, the compression ratio (zip bombs), the rows per sheet and the number of workbooks parsed at
 * once are all capped, and every refusal is a problem response rather than an exception from POI.
 */
@ApplicationScoped
public class WorkbookFiles {

    /** What an upload may be; {@link #parse} enforces it. */
    public record Limits(long maxBytes, long maxExpandedBytes, int maxRowsPerSheet) {
    }

    private final Limits limits;
    private final Semaphore parsing;
    private final Duration parseWait;

    WorkbookFiles(AssessmentConfig config) {
        AssessmentConfig.Workbook workbook = config.workbook();
        this.limits = new Limits(workbook.maxBytes(), workbook.maxExpandedBytes(), workbook.maxRowsPerSheet());
        this.parsing = new Semaphore(workbook.concurrentParses(), true);
        this.parseWait = workbook.parseWait();
        // POI's own guards, for every package it opens in this service: refuse highly compressed entries (zip bombs).
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(workbook.maxExpandedBytes());
    }

    /** Refuses an upload on its declared length, before its body is read. */
    public void refuseDeclaredLength(Long length) {
        if (length != null && length > limits.maxBytes()) {
            throw tooLarge("The workbook is " + length + " bytes; the limit is " + limits.maxBytes());
        }
    }

    /** What to do with an opened workbook; it is closed afterwards. */
    public interface Reading<T> {
        T read(Workbook workbook);
    }

    /** Opens {@code bytes} as a workbook, hands it to {@code reading}, and closes it. */
    public <T> T read(byte[] bytes, Reading<T> reading) {
        acquire();
        try (Workbook workbook = parse(bytes, limits)) {
            return reading.read(workbook);
        } catch (ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e); // POI reads some parts lazily and fails on malformed ones only then
        } finally {
            parsing.release();
        }
    }

    /** The parse itself, free of CDI so that it can be unit-tested and benchmarked. */
    public static Workbook parse(byte[] bytes, Limits limits) {
        if (bytes == null || bytes.length == 0) {
            throw notAWorkbook("The request body is empty; send the workbook file (.xlsx or .xls) as the body");
        }
        if (bytes.length > limits.maxBytes()) {
            throw tooLarge("The workbook is " + bytes.length + " bytes; the limit is " + limits.maxBytes());
        }
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw unreadable(e);
        }
        Workbook workbook = switch (magic) {
            case OOXML -> openXlsx(bytes, limits);
            case OLE2 -> openXls(bytes);
            default -> throw notAWorkbook("The file is not an Excel workbook (found " + magic
                    + "); upload a TOM workbook as .xlsx or .xls");
        };
        try {
            for (Sheet sheet : workbook) {
                if (sheet.getPhysicalNumberOfRows() > limits.maxRowsPerSheet()) {
                    throw tooLarge("Sheet '" + sheet.getSheetName().strip() + "' has " + sheet.getPhysicalNumberOfRows()
                            + " rows; a TOM sheet may have at most " + limits.maxRowsPerSheet());
                }
            }
            return workbook;
        } catch (RuntimeException e) {
            closeQuietly(workbook);
            throw e;
        }
    }

    private static Workbook openXlsx(byte[] bytes, Limits limits) {
        requireExpandedSizeWithin(bytes, limits.maxExpandedBytes());
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb")) {
                throw unsafe("The workbook expands far beyond its size (a zip bomb?)");
            }
            throw unreadable(e);
        }
    }

    /** An OLE2 file is a legacy .xls, or an encrypted .xlsx (Office wraps those in OLE2). */
    private static Workbook openXls(byte[] bytes) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
            if (fs.getRoot().hasEntry("EncryptionInfo")) {
                throw encrypted();
            }
            if (!fs.getRoot().hasEntry("Workbook") && !fs.getRoot().hasEntry("WORKBOOK") && !fs.getRoot().hasEntry("Book")) {
                throw notAWorkbook("The file is an OLE2 document but not an Excel workbook (a Word or other Office file?)");
            }
            return new HSSFWorkbook(fs.getRoot(), false);
        } catch (EncryptedDocumentException e) {
            throw encrypted();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw unreadable(e);
        }
    }

    /** Sums the entries' sizes by inflating them (a zip's declared sizes can lie), stopping at the limit. */
    static void requireExpandedSizeWithin(byte[] bytes, long limit) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        // commons-compress reads what every writer produces (stored entries with data descriptors too).
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(bytes), "UTF-8", true, true)) {
            for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    total += n;
                    if (total > limit) {
                        throw unsafe("The workbook expands to more than " + limit + " bytes; a TOM workbook is far smaller");
                    }
                }
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private void acquire() {
        try {
            if (!parsing.tryAcquire(parseWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProblemException(Problem.of(503, "busy", "Busy reading workbooks",
                        "Other workbooks are being read; try again in a few seconds"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(Problem.of(503, "busy", "Busy reading workbooks", "Interrupted while waiting"));
        }
    }

    private static void closeQuietly(Workbook workbook) {
        try {
            workbook.close();
        } catch (IOException ignored) {
            // nothing was written; closing only releases memory
        }
    }

    static ProblemException notAWorkbook(String detail) {
        return new ProblemException(Problem.of(415, "not-a-workbook", "Not a workbook", detail));
    }

    static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "workbook-too-large", "Workbook too large", detail));
    }

    static ProblemException unsafe(String detail) {
        return new ProblemException(Problem.of(422, "unsafe-workbook", "Workbook refused", detail));
    }

    static ProblemException encrypted() {
        return new ProblemException(Problem.of(422, "encrypted-workbook", "Workbook is encrypted",
                "The workbook is password-protected; save an unprotected copy and upload that"));
    }

    static ProblemException unreadable(Exception cause) {
        return new ProblemException(Problem.of(422, "unreadable-workbook", "Workbook cannot be read",
                "The file looks like a workbook but cannot be read (" + cause.getClass().getSimpleName() + "); "
                        + "open it in a spreadsheet program and save it again"));
    }
}
