package io.tomassure.assessment.domain;

/** The kinds of evidence a template row may require, each aged by its programme's policy. */
public enum EvidenceKind {
    DSPT("Data Security and Protection Toolkit assessment"),
    PEN_TEST("penetration test report"),
    DCB0129("DCB0129 clinical safety case report"),
    DCB0160("DCB0160 clinical safety case report"),
    CERTIFICATE("certificate");

    private final String title;

    EvidenceKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
