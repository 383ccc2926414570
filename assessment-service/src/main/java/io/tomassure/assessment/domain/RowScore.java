package io.tomassure.assessment.domain;

/** NHS Digital's score of a row it assesses. */
public enum RowScore {
    NOT_YET_ASSESSED, OK, NOT_OK, QUERIES
}
