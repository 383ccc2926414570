package io.tomassure.assessment.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.TemplateDtos.TemplateView;
import io.tomassure.assessment.workbook.TemplateImport;
import io.tomassure.assessment.workbook.Workbooks;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;

@Path("/api/v1")
@Tag(name = "Workbooks", description = "TOM workbooks (.xlsx and legacy .xls) in and out: a programme's template from "
        + "its published workbook, a supplier's or EUO's filled workbook as draft answers, and any assessment, "
        + "deployment or submitted revision as a workbook")
public class WorkbookResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** A template imported from a workbook, and how each tab was read. */
    public record ImportedTemplateView(TemplateView template, TemplateImport.Report report) {
    }

    private final Access access;
    private final Workbooks workbooks;

    WorkbookResource(Access access, Workbooks workbooks) {
        this.access = access;
        this.workbooks = workbooks;
    }

    @POST
    @Path("/programmes/{code}/templates/import")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import a template from a TOM workbook", description = "The request body is the programme's "
            + "published TOM workbook (.xlsx or .xls); 'version' names the template version. Every numbered tab with a "
            + "table becomes a section and each row a requirement (rows without an id, such as IG controls and form "
            + "questions, get '<tab>-Qnn'). The report says which tabs were skipped and what was inferred. The template "
            + "is a draft: review it, then publish it. Not a workbook: 415; encrypted or unsafe: 422; too large: 413.")
    public Response importTemplate(@PathParam("code") String programme, @QueryParam("version") String version,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, byte[] body) {
        if (version == null || version.isBlank() || version.length() > 50) {
            throw ProblemException.invalid("version", "name the template version with the 'version' query parameter (1 to 50 characters)");
        }
        workbooks.files().refuseDeclaredLength(length);
        var read = workbooks.readTemplate(version.strip(), body); // waits for a parse permit outside any transaction
        Workbooks.ImportedTemplate imported = workbooks.importTemplate(programme, read);
        return Response.created(URI.create("/api/v1/templates/" + imported.template().id))
                .entity(new ImportedTemplateView(ProgrammeResource.view(imported.template()), imported.report())).build();
    }

    /** A workbook of {@code assessment} as a download, named by {@link Workbooks#fileName}. */
    static Response download(byte[] workbook, Assessment assessment, String suffix) {
        String name = Workbooks.fileName(assessment, suffix);
        return Response.ok(workbook, XLSX).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
