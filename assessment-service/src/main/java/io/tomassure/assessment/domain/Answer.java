package io.tomassure.assessment.domain;

/** An answer to a requirement row, with the non-conformance details it may need. */
public record Answer(String requirementId, String answer, String ncDetail, String ncMitigation, Rag ncRisk) {

    public Compliance compliance() {
        return Compliance.classify(answer);
    }

    public boolean isAnswered() {
        return answer != null && !answer.isBlank();
    }
}
