package io.tomassure.assessment.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.tomassure.assessment.domain.EvidenceKind;
import io.tomassure.support.problem.ProblemException;

/** What describes an uploaded evidence file besides its bytes, the same for a product's row and a deployment's. */
public class EvidenceUpload {

    @QueryParam("name")
    @Parameter(description = "The file's name (1 to 255 characters, no control characters)")
    public String name;

    @QueryParam("kind")
    @Parameter(description = "What it is: DSPT, PEN_TEST, DCB0129, DCB0160 or CERTIFICATE. Defaults to the kind the row "
            + "requires; a row that requires one takes no other.")
    public String kind;

    @QueryParam("effectiveOn")
    @Parameter(description = "YYYY-MM-DD: the date it was issued or its assessment made, not in the future. Needed when "
            + "the programme sets a maximum age for its kind: it is in date until that age is reached.")
    public String effectiveOn;

    @QueryParam("expiresOn")
    @Parameter(description = "YYYY-MM-DD: when it stops being valid, whatever its age")
    public String expiresOn;

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    public String mediaType;

    @HeaderParam(HttpHeaders.CONTENT_LENGTH)
    public Long length;

    EvidenceKind kind() {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return EvidenceKind.valueOf(kind.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "kind is one of DSPT, PEN_TEST, DCB0129, DCB0160, CERTIFICATE");
        }
    }

    LocalDate effectiveOn() {
        return date("effectiveOn", effectiveOn);
    }

    LocalDate expiresOn() {
        return date("expiresOn", expiresOn);
    }

    private static LocalDate date(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(parameter, parameter + " is a date, YYYY-MM-DD");
        }
    }
}
