package io.tomassure.assessment.domain;

/** Risk rating: Red high, Amber medium, Green limited or none. */
public enum Rag {
    RED, AMBER, GREEN
}
