package io.tomassure.assessment.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceFilesTest {

    @Test
    void onlyInertTypesAreServedAsUploaded() {
        assertThat(EvidenceFiles.servedType("application/pdf")).isEqualTo("application/pdf");
        assertThat(EvidenceFiles.servedType("Image/PNG; charset=binary")).isEqualTo("image/png");
        assertThat(EvidenceFiles.servedType("text/html")).isEqualTo("application/octet-stream");
        assertThat(EvidenceFiles.servedType("image/svg+xml")).isEqualTo("application/octet-stream");
        assertThat(EvidenceFiles.servedType("application/javascript")).isEqualTo("application/octet-stream");
        assertThat(EvidenceFiles.servedType(null)).isEqualTo("application/octet-stream");
    }

    @Test
    void aDownloadIsAnAttachmentWhoseNameCannotBreakTheHeader() {
        assertThat(EvidenceFiles.attachment("DSPT 2026.pdf"))
                .isEqualTo("attachment; filename=\"DSPT 2026.pdf\"; filename*=UTF-8''DSPT%202026.pdf");
        assertThat(EvidenceFiles.attachment("a\"b\\c é.pdf"))
                .isEqualTo("attachment; filename=\"a_b_c _.pdf\"; filename*=UTF-8''a%22b%5Cc%20%C3%A9.pdf");
        assertThat(EvidenceFiles.isFileName("report.pdf")).isTrue();
        assertThat(EvidenceFiles.isFileName("report.pdf\r\nSet-Cookie: x=1")).isFalse();
        assertThat(EvidenceFiles.isFileName("")).isFalse();
        assertThat(EvidenceFiles.isFileName("x".repeat(256))).isFalse();
    }
}
