package io.tomassure.assessment.domain;

/** What a template section is about; rules such as the IG outcome apply to sections of one kind. */
public enum SectionKind {
    CONTACTS, SUPPLIER_INFORMATION, USAGE_AND_SETTINGS, TOPOLOGY, ARCHITECTURE, IG_SECURITY, CLINICAL_SAFETY,
    SERVICE, API_REQUIREMENTS, OTHER
}
