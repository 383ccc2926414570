package io.tomassure.assessment.domain;

/** A requirement's obligation: MUST or SHOULD. */
public enum Level {
    MUST, SHOULD
}
