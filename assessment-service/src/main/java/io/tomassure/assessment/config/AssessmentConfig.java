package io.tomassure.assessment.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of assessment-service ({@code tom.assessment.*}). */
@ConfigMapping(prefix = "tom.assessment")
public interface AssessmentConfig {

    Evidence evidence();

    Workbook workbook();

    /** How many assessments' views are kept as JSON between reads (built again only after a change). */
    @WithDefault("5000")
    long viewCacheSize();

    interface Evidence {
        /** The largest piece of evidence, in bytes (413 beyond). */
        @WithDefault("10485760")
        long maxBytes();

        /** What one organisation may store in all, in bytes (413 evidence-quota-exceeded beyond). */
        @WithDefault("2147483648")
        long quotaBytes();
    }

    /** Uploaded workbooks: what one may be, and how many are parsed at once. */
    interface Workbook {
        /** The largest upload, in bytes. */
        @WithDefault("10485760")
        long maxBytes();

        /** The most its package may expand to, in bytes (zip bombs). */
        @WithDefault("16777216")
        long maxExpandedBytes();

        @WithDefault("5000")
        int maxRowsPerSheet();

        /** Workbooks parsed at once; others wait for a permit, up to {@link #parseWait()}, then get 503. */
        @WithDefault("2")
        int concurrentParses();

        @WithDefault("10s")
        Duration parseWait();
    }
}
