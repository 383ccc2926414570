package io.tomassure.assessment.domain;

/** A requirement row's type: Info rows do not affect the outcome; Action and Req rows do. */
public enum RowType {
    INFO, ACTION, REQ;

    public boolean affectsOutcome() {
        return this != INFO;
    }
}
