package io.tomassure.assessment.domain;

/** Who answers a requirement row (the workbook's cell colour): red supplier, green EUO, blue NHS Digital. */
public enum Party {
    SUPPLIER, EUO, NHS_DIGITAL
}
