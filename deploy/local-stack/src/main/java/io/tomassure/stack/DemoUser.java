package io.tomassure.stack;

/**
 * DEMO ONLY: the people of the realm in deploy/keycloak/tom-realm.json (password {@value Tokens#DEMO_PASSWORD}),
 * one per way of acting. A unit test keeps this list and the realm in step.
 */
public enum DemoUser {
    SUPPLIER("sam.supplier", "supplier", "YGM27", "Meadow Health Systems Ltd (supplier)"),
    EUO_NORTH("erin.euo", "euo", "RXX01", "Northbridge NHS Trust (end user organisation)"),
    EUO_SOUTH("owen.euo", "euo", "RXX02", "Southmoor NHS Foundation Trust (end user organisation)"),
    ASSURANCE("nadia.assurance", "nhsd-assurance", "X26", "NHS Digital"),
    CLINICAL_SAFETY("cara.safety", "nhsd-clinical-safety", "X26", "NHS Digital"),
    AUDITOR("aaron.auditor", "auditor", "X26", "NHS Digital"),
    ADMIN("ada.admin", "admin", "X26", "NHS Digital");

    private final String username;
    private final String role;
    private final String org;
    private final String organisation;

    DemoUser(String username, String role, String org, String organisation) {
        this.username = username;
        this.role = role;
        this.org = org;
        this.organisation = organisation;
    }

    public String username() {
        return username;
    }

    public String role() {
        return role;
    }

    /** The ODS code in the token's {@code org} claim. */
    public String org() {
        return org;
    }

    /** As in the realm: the user name at the organisation's own example domain. */
    public String email() {
        return username + "@" + org.toLowerCase(java.util.Locale.ROOT) + ".example.org";
    }

    public String organisation() {
        return organisation;
    }
}
