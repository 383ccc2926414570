package io.tomassure.assessment.domain;

/**
 * An answer to a requirement row, with the non-conformance details it may need; {@code reattest} when it was carried
 * to a changed row by a template uplift and its answerer has not confirmed it since.
 */
public record Answer(String requirementId, String answer, String ncDetail, String ncMitigation, Rag ncRisk,
        boolean reattest) {

    public Answer(String requirementId, String answer, String ncDetail, String ncMitigation, Rag ncRisk) {
        this(requirementId, answer, ncDetail, ncMitigation, ncRisk, false);
    }

    public Compliance compliance() {
        return Compliance.classify(answer);
    }

    public boolean isAnswered() {
        return answer != null && !answer.isBlank();
    }
}
