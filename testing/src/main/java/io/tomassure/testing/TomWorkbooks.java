package io.tomassure.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the real TOM workbooks are: {@code TOM_WORKBOOKS}, else a {@code shared/tom-workbooks} folder in the working
 * directory or one of its parents (../shared/tom-workbooks beside the repository). They are public NHS documents
 * kept outside the repository, never copied into it.
 */
public final class TomWorkbooks {

    public static final String ERS = "eRS_TOM_v1.4.xlsx";
    public static final String SMSP = "SMSP_TOM_v0.10.xls";
    /** The e-RS TOM before v1.4: the pair for template-version uplift. */
    public static final String ERS_12 = "eRS_TOM_v1.2.xlsx";
    /** The Supplier Conformance Assessment List, the TOM's successor. */
    public static final String SCAL = "SCAL_v2.0.xlsx";

    private TomWorkbooks() {
    }

    public static Optional<Path> folder() {
        String override = System.getenv("TOM_WORKBOOKS");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isDirectory);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("tom-workbooks");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
