package io.tomassure.assessment.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.tomassure.assessment.domain.AnswerKind;
import io.tomassure.assessment.domain.EvidenceKind;
import io.tomassure.assessment.domain.Level;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.RowType;
import io.tomassure.assessment.domain.SectionKind;

/** A template's catalogue, the same shape going in (definition) and coming out (view). */
public final class TemplateDtos {

    private TemplateDtos() {
    }

    public record TemplateDefinition(@NotBlank @Size(max = 50) String version,
            @NotEmpty @Size(max = 200) List<@Valid SectionDefinition> sections) {
    }

    public record SectionDefinition(@NotBlank @Size(max = 100) String code, @NotBlank @Size(max = 300) String title,
            @NotNull SectionKind kind, @NotNull @Size(max = 5000) List<@Valid RequirementDefinition> requirements) {
    }

    /**
     * A requirement row: {@code id} as in the workbook (IO-01, SR-13, ...), {@code level} MUST or SHOULD,
     * {@code type} INFO, ACTION or REQ, who answers it, its phases (1A, 1B, 2), the answers it allows and what they
     * mean ({@code answerKind}; when absent, COMPLIANCE if answers are listed, else FREE_TEXT), and the kind of
     * evidence it requires, if any ({@code evidence}: its programme sets how old that kind may be).
     */
    public record RequirementDefinition(@NotBlank @Size(max = 100) String id, @NotBlank @Size(max = 4000) String title,
            @Size(max = 20000) String description, @Size(max = 20000) String guidance, Level level, @NotNull RowType type,
            @NotNull Party answeredBy, @NotNull @Size(max = 3) List<@NotBlank String> phases,
            @NotNull @Size(max = 50) List<@NotBlank @Size(max = 300) String> allowedAnswers, AnswerKind answerKind,
            EvidenceKind evidence) {

        /** The kind given, or the one the allowed answers imply. */
        public AnswerKind kind() {
            return answerKind != null ? answerKind : AnswerKind.defaultFor(allowedAnswers);
        }
    }

    public record TemplateView(UUID id, String programme, String version, String status, Instant publishedAt,
            List<SectionDefinition> sections) {
    }

    public record TemplateSummary(UUID id, String programme, String version, String status, Instant publishedAt) {
    }
}
