package io.tomassure.approval.domain;

/** The agreements go-live needs: signed, by the right party, and in date. */
public enum AgreementKind {
    /** The supplier's Connection Agreement: per product; makes its TOM answers binding. */
    CONNECTION_AGREEMENT("Connection Agreement", true),
    /** The EUO's End User Policy: per deployment. */
    END_USER_POLICY("End User Policy", false),
    /** Data Sharing Agreement, when a Phase 1A condition requires it: per deployment. */
    DSA("Data Sharing Agreement", false),
    /** Data Sharing Framework Contract, when a Phase 1A condition requires it: per deployment. */
    DSFC("Data Sharing Framework Contract", false);

    private final String title;
    private final boolean perProduct;

    AgreementKind(String title, boolean perProduct) {
        this.title = title;
        this.perProduct = perProduct;
    }

    public String title() {
        return title;
    }

    /** Signed once by the supplier for its product, rather than by each EUO for its deployment. */
    public boolean perProduct() {
        return perProduct;
    }
}
