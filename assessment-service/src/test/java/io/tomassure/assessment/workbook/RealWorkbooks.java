package io.tomassure.assessment.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import io.tomassure.testing.TomWorkbooks;

/** The real TOM workbooks for tests, which skip when they are not here. */
public final class RealWorkbooks {

    public static final String ERS = TomWorkbooks.ERS;
    public static final String SMSP = TomWorkbooks.SMSP;
    public static final String ERS_12 = TomWorkbooks.ERS_12;
    public static final String SCAL = TomWorkbooks.SCAL;

    private RealWorkbooks() {
    }

    /** The bytes of a real workbook; skips the calling test when the folder or file is absent. */
    public static byte[] bytes(String name) {
        Path file = TomWorkbooks.folder().map(f -> f.resolve(name)).filter(Files::isRegularFile).orElse(null);
        Assumptions.assumeTrue(file != null, "../shared/tom-workbooks/" + name + " is not here: skipped");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
