package io.tomassure.assessment.workbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tomassure.assessment.domain.Answer;
import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Evaluation;
import io.tomassure.assessment.domain.NonConformance;
import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.ProductVersion;
import io.tomassure.assessment.domain.Rag;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.RequirementRow;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.domain.SectionScope;
import io.tomassure.assessment.domain.Submission;
import io.tomassure.assessment.domain.Template;
import io.tomassure.assessment.domain.TemplateSection;
import io.tomassure.assessment.service.Answers;
import io.tomassure.assessment.service.AssessmentDtos.AnswerRequest;
import io.tomassure.assessment.service.AssessmentDtos.Derived;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceView;
import io.tomassure.assessment.service.Catalogue;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.Views;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/** TOM workbooks in and out: template import, filled-workbook import, and export of an assessment or a revision. */
@ApplicationScoped
public class Workbooks {

    /** A template built from a workbook, with the report of how it was read. */
    public record ImportedTemplate(Template template, TemplateImport.Report report) {
    }

    private final WorkbookFiles files;
    private final Access access;
    private final Catalogue catalogue;
    private final Answers answers;
    private final TransactionManager transactions;
    private final ObjectMapper json;
    private final Validator validator;
    private final TimeSource time;

    Workbooks(WorkbookFiles files, Access access, Catalogue catalogue, Answers answers, TransactionManager transactions,
            ObjectMapper json, Validator validator, TimeSource time) {
        this.access = access;
        this.validator = validator;
        this.time = time;
        this.files = files;
        this.catalogue = catalogue;
        this.answers = answers;
        this.transactions = transactions;
        this.json = json;
    }

    public WorkbookFiles files() {
        return files;
    }

    /**
     * Reads a programme's published workbook as template version {@code version}. It waits for a parse permit, so
     * call it before any transaction: a waiting import holds no connection.
     */
    public TemplateImport.Result readTemplate(String version, byte[] bytes) {
        return files.read(bytes, workbook -> TemplateImport.of(version, TableReader.read(workbook)));
    }

    /** A filled workbook's tables; like {@link #readTemplate}, called before any transaction. */
    public TableReader.Tables readFilled(byte[] bytes) {
        return files.read(bytes, TableReader::read);
    }

    /** Builds a draft template version of {@code programme} from a read workbook. */
    @Transactional
    public ImportedTemplate importTemplate(String programme, TemplateImport.Result read) {
        Template template = catalogue.createDraft(programme, read.definition());
        return new ImportedTemplate(template, read.report());
    }

    /**
     * Imports a filled workbook's answers into the product ({@code deploymentId} null) or a deployment the caller
     * sees, as the caller: only the rows the caller answers, each checked as if answered through the API. A row already holding
     * a different answer is left alone unless the workbook carries the row version it was exported at (and that
     * is still current) or {@code replace} is set; nothing is silently overwritten. All or nothing: a rejected row
     * (or a dry run) rolls the whole import back, and the report says what would have been applied.
     */
    @Transactional
    public AnswerImport.Report importAnswers(Viewer viewer, String username, UUID assessmentId, UUID deploymentId,
            TableReader.Tables tables, boolean dryRun, boolean replace) {
        Access.Target target = access.target(assessmentId, deploymentId);
        Assessment assessment = target.assessment();
        Deployment deployment = target.deployment();
        Map<String, Requirement> rules = catalogue.rules(assessment.templateId).stream()
                .collect(Collectors.toMap(Requirement::id, Function.identity()));
        SectionScope inScope = SectionScope.of(assessment.scope);
        Map<String, String> guidance = new java.util.HashMap<>();
        RequirementRow.of(assessment.templateId).forEach(r -> guidance.put(r.ref, r.guidance));
        Answers.lockForChange(assessment, deployment); // before reading what is stored, so that nothing changes under us
        Map<String, Response> stored = Answers.responsesInForce(assessment.id, deploymentId);
        AnswerImport.Tally tally = new AnswerImport.Tally();
        for (Table table : tables.tables()) {
            for (Table.Row row : table.rows()) {
                Requirement rule = rules.get(row.id());
                if (rule == null) {
                    tally.unmatched.add(new AnswerImport.RowIssue(table.sheet().strip(), row.excelRow(), row.id(),
                            "no row " + row.id() + " in template " + assessment.templateId));
                    continue;
                }
                tally.matched++;
                if (!inScope.applies(rule)) {
                    tally.skipped.add(new AnswerImport.RowIssue(table.sheet().strip(), row.excelRow(), row.id(),
                            "section " + rule.sectionCode() + " is out of the assessment's scope"));
                    continue;
                }
                importRow(viewer, username, assessment, deployment, rule, guidance.get(rule.id()), table, row,
                        stored.get(rule.id()), replace, tally);
            }
        }
        if (tally.matched == 0) {
            throw ProblemException.invalid("workbook", "No row of this workbook matches the assessment's template ("
                    + tally.unmatched.size() + " rows with unknown ids): is it the TOM of this programme and version?");
        }
        if (dryRun || !tally.rejected.isEmpty()) {
            try {
                transactions.setRollbackOnly();
            } catch (jakarta.transaction.SystemException e) {
                throw new IllegalStateException(e);
            }
        }
        return tally.report(dryRun);
    }

    private void importRow(Viewer viewer, String username, Assessment assessment, Deployment deployment, Requirement rule,
            String guidance, Table table, Table.Row row, Response stored, boolean replace, AnswerImport.Tally tally) {
        AnswerRequest request = AnswerImport.request(row, guidance);
        if (request == null) {
            tally.blank++;
            return;
        }
        String sheet = table.sheet().strip();
        try {
            Answers.requireAnswerer(viewer, assessment, deployment, rule);
        } catch (ProblemException notYours) {
            tally.skipped.add(new AnswerImport.RowIssue(sheet, row.excelRow(), rule.id(), notYours.problem().detail()));
            return;
        }
        // The API's own limits (the request's constraints), then what only a workbook can get wrong.
        String invalid = validator.validate(request).stream().findFirst()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).orElseGet(() -> AnswerImport.invalid(row, request));
        Optional<String> canonical = rule.canonicalAnswer(request.answer());
        if (invalid == null && canonical.isEmpty()) {
            invalid = Answers.notAllowed(rule).problem().detail();
        }
        if (invalid != null) {
            tally.rejected.add(new AnswerImport.RowIssue(sheet, row.excelRow(), rule.id(), invalid));
            return;
        }
        boolean nonConformance = NonConformance.is(rule, new Answer(rule.id(), canonical.get(), null, null, null));
        AnswerRequest effective = nonConformance ? request : new AnswerRequest(request.answer(), request.implementationRef(),
                request.notes(), request.testRef(), null);
        String ifMatch = null;
        if (stored != null) {
            boolean same = AnswerImport.same(stored, canonical.get(), effective);
            if (same && !stored.reattest) {
                tally.unchanged++;
                return;
            } // the same answer to a row awaiting re-attestation confirms it
            String exportedAt = row.get(Column.ROW_VERSION);
            if (!exportedAt.isEmpty() && !exportedAt.equals(Long.toString(stored.version))) {
                tally.rejected.add(new AnswerImport.RowIssue(sheet, row.excelRow(), rule.id(), "changed in TOM Assure since "
                        + "this workbook was exported (row version " + exportedAt + ", now " + stored.version + ")"));
                return;
            }
            if (exportedAt.isEmpty() && !replace && !same) {
                tally.rejected.add(new AnswerImport.RowIssue(sheet, row.excelRow(), rule.id(),
                        "already answered differently; import with replace=true to overwrite"));
                return;
            }
            ifMatch = Preconditions.etag(stored.version);
        }
        try {
            answers.answer(viewer, username, assessment, deployment, rule, effective, ifMatch);
            tally.applied++;
        } catch (ProblemException e) {
            tally.rejected.add(new AnswerImport.RowIssue(sheet, row.excelRow(), rule.id(), e.problem().detail()));
        }
    }

    /** The name a workbook of the assessment is downloaded under: the product, its version and {@code suffix}. */
    public static String fileName(Assessment assessment, String suffix) {
        ProductVersion version = ProductVersion.findById(assessment.productVersionId);
        Product product = Product.findById(version.productId);
        return ("TOM-" + product.name + "-" + version.version + suffix).replaceAll("[^A-Za-z0-9._-]+", "_") + ".xlsx";
    }

    /** The product assessment ({@code deployment} null) or a deployment, with its answers in force, as a workbook. */
    @Transactional
    public byte[] export(Assessment assessment, Deployment deployment) {
        Template template = catalogue.template(assessment.templateId);
        List<Requirement> rules = catalogue.rulesFor(assessment);
        UUID deploymentId = deployment == null ? null : deployment.id;
        Map<String, Response> stored = Answers.responsesInForce(assessment.id, deploymentId);
        Evaluation evaluation = Views.evaluate(assessment, deployment, rules, Answers.inForce(assessment.id, deploymentId));
        String scope = deployment == null ? "Product assessment" : "Deployment at " + deployment.euoOds
                + (deployment.firstOfType ? " (first of type)" : " (reuses the assessed product)");
        return WorkbookExport.write(content(assessment, template, rules, scope, null, evaluation, Views.register(evaluation, stored),
                ref -> Optional.ofNullable(stored.get(ref)).map(r -> new Filled(r.answer, r.implementationRef, r.notes,
                        r.testRef, r.ncDetail, r.ncMitigation, r.ncRisk, r.score, r.scoreComment, r.version))));
    }

    /** A submitted revision as a workbook: exactly the answers it froze, with the results derived from them. */
    @Transactional
    public byte[] exportRevision(Submission submission) {
        Assessment assessment = Assessment.findById(submission.assessmentId);
        Deployment deployment = submission.deploymentId == null ? null : Deployment.findById(submission.deploymentId);
        JsonNode content;
        try {
            content = json.readTree(submission.content);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Revision " + submission.id + " holds unreadable content", e);
        }
        // The revision's own template and scope: an assessment moved to a newer version keeps its revisions as frozen.
        Template template = catalogue.template(UUID.fromString(content.path("templateId").asText()));
        List<String> sections = content.has("scope") ? new ArrayList<>() : null;
        content.path("scope").forEach(code -> sections.add(code.asText()));
        List<Requirement> rules = SectionScope.of(sections).of(catalogue.rules(template));
        Map<String, Filled> frozen = new LinkedHashMap<>();
        for (JsonNode row : content.path("rows")) {
            frozen.put(row.path("requirementId").asText(), new Filled(text(row, "answer"), text(row, "implementationRef"),
                    text(row, "notes"), text(row, "testRef"), text(row, "ncDetail"), text(row, "ncMitigation"),
                    text(row, "ncRisk"), null, null, null));
        }
        Map<String, Answer> answersFrozen = new LinkedHashMap<>();
        frozen.forEach((ref, f) -> answersFrozen.put(ref, new Answer(ref, f.answer(), f.ncDetail(), f.ncMitigation(),
                f.ncRisk() == null ? null : Rag.valueOf(f.ncRisk()))));
        Evaluation evaluation = Views.evaluate(assessment, deployment, rules, answersFrozen);
        String scope = "Revision " + submission.revision + " of Phase " + submission.phase
                + (deployment == null ? "" : " for " + deployment.euoOds);
        return WorkbookExport.write(content(assessment, template, rules, scope, submission, evaluation,
                Views.register(evaluation, Map.of()),
                ref -> Optional.ofNullable(frozen.get(ref))));
    }

    /** A row's answer as exported. */
    private record Filled(String answer, String implementationRef, String notes, String testRef, String ncDetail,
            String ncMitigation, String ncRisk, String score, String scoreComment, Long version) {
    }

    private WorkbookExport.Content content(Assessment assessment, Template template, List<Requirement> rules, String scope,
            Submission submission, Evaluation evaluation, List<NonConformanceView> register,
            Function<String, Optional<Filled>> answerOf) {
        ProductVersion version = ProductVersion.findById(assessment.productVersionId);
        Product product = Product.findById(version.productId);
        Derived derived = Views.derived(evaluation);
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] { "Programme", template.programmeCode });
        facts.add(new String[] { "Template version", template.version + " (" + template.id + ")" });
        facts.add(new String[] { "Product", product.name + " " + version.version });
        facts.add(new String[] { "Supplier (ODS)", assessment.supplierOds });
        facts.add(new String[] { "Assessment", assessment.id.toString() });
        facts.add(new String[] { "Scope", scope });
        if (submission != null) {
            facts.add(new String[] { "Submitted", submission.submittedAt + " by " + submission.submittedBy });
            facts.add(new String[] { "Revision SHA-256", submission.contentHash + " (" + submission.hashAlgorithm + ")" });
        }
        facts.add(new String[] { "Exported at", time.now().toString() });
        facts.add(new String[] { "Completeness", derived.completeness().answered() + " of " + derived.completeness().required()
                + " rows (" + derived.completeness().percent() + "%)" });
        derived.completenessByPhase().forEach((phase, c) -> facts.add(new String[] { "Completeness, Phase " + phase,
                c.answered() + " of " + c.required() + " (" + c.percent() + "%)" }));
        facts.add(new String[] { "IG and security outcome", String.valueOf(derived.ig()) });
        derived.igSections().forEach((section, outcome) -> facts.add(new String[] { "IG outcome, section " + section,
                outcome.name() }));
        facts.add(new String[] { "Clinical-safety level", derived.clinicalSafetyLevel()
                + (derived.escalationRequired() ? " (escalation to NHS Digital)" : "") });
        facts.add(new String[] { "Required sign-offs", derived.requiredSignOffs().stream().map(Enum::name).sorted()
                .collect(Collectors.joining(", ")) });
        facts.add(new String[] { "Submission route", String.valueOf(derived.route()) });
        facts.add(new String[] { "Non-conformances", derived.nonConformances() + " (" + derived.undetailedNonConformances()
                + " still missing detail, mitigation or risk)" });
        List<String[]> registerRows = register.stream().map(nc -> new String[] { nc.requirementId(), nc.level(), nc.type(),
                nc.answer(), nc.detail(), nc.mitigation(), nc.risk() == null ? null : nc.risk().name(),
                String.join(", ", nc.phases()), String.join(", ", nc.missingDetails()) }).toList();

        Map<String, List<RequirementRow>> rowsBySection = RequirementRow.of(template.id).stream()
                .collect(Collectors.groupingBy(r -> r.sectionCode, LinkedHashMap::new, Collectors.toList()));
        Map<String, Requirement> rulesById = rules.stream().collect(Collectors.toMap(Requirement::id, Function.identity()));
        // The rules in scope only: a section the assessment's scope leaves out is not a gap to fill.
        List<WorkbookExport.Section> sections = TemplateSection.of(template.id).stream()
                .filter(s -> rowsBySection.getOrDefault(s.code, List.of()).stream().anyMatch(r -> rulesById.containsKey(r.ref)))
                .map(s -> new WorkbookExport.Section(s.code, s.title, rowsBySection.get(s.code).stream()
                        .filter(r -> rulesById.containsKey(r.ref)).map(r -> {
                    Requirement rule = rulesById.get(r.ref);
                    Filled f = answerOf.apply(r.ref).orElse(new Filled(null, null, null, null, null, null, null, null, null, null));
                    return new WorkbookExport.Line(r.ref, r.title, r.description, r.guidance, rule.answeredBy(), r.level,
                            label(r.rowType), rule.answerKind(), rule.allowedAnswers(), f.answer(), f.implementationRef(),
                            f.notes(), f.testRef(), f.ncDetail(), f.ncMitigation(), f.ncRisk(), f.score(), f.scoreComment(),
                            f.version());
                }).toList())).toList();
        return new WorkbookExport.Content("TOM Assure: " + product.name + " " + version.version + ", " + template.programmeCode
                + " TOM " + template.version, facts, registerRows, sections);
    }

    private static String label(String rowType) {
        return rowType.charAt(0) + rowType.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
