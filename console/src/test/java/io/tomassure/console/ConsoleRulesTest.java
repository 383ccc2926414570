package io.tomassure.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tomassure.console.api.Models.AreaDecision;
import io.tomassure.console.api.Models.DecideRequest;

class ConsoleRulesTest {
    private static final Instant OPENED = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TEN_DAYS = Duration.ofDays(10);

    @Test
    void aCaseIsOnTrackThenDueSoonPastFourFifthsOfItsTargetThenOverdue() {
        assertThat(ReviewClock.age(OPENED, OPENED.plus(Duration.ofDays(3)), TEN_DAYS))
                .isEqualTo(new ReviewClock.Age(3, ReviewClock.Status.ON_TRACK));
        assertThat(ReviewClock.age(OPENED, OPENED.plus(Duration.ofDays(8)), TEN_DAYS).status()).isEqualTo(ReviewClock.Status.ON_TRACK);
        assertThat(ReviewClock.age(OPENED, OPENED.plus(Duration.ofDays(8).plusMinutes(1)), TEN_DAYS).status())
                .isEqualTo(ReviewClock.Status.DUE_SOON);
        assertThat(ReviewClock.age(OPENED, OPENED.plus(Duration.ofDays(10).plusSeconds(1)), TEN_DAYS))
                .isEqualTo(new ReviewClock.Age(10, ReviewClock.Status.OVERDUE));
        // a clock behind the service's never shows a negative age
        assertThat(ReviewClock.age(OPENED, OPENED.minusSeconds(5), TEN_DAYS)).isEqualTo(new ReviewClock.Age(0, ReviewClock.Status.ON_TRACK));
    }

    @Test
    void phase1ADecidesEachAreaAndTakesConditionsOneALine() {
        DecisionForm form = new DecisionForm("ab".repeat(32), "APPROVED", " ", "IAC-1", true, "DSA signed\n\n  Pen test by March \r\n",
                List.of(new DecisionForm.Area(DecisionForm.AreaName.SYSTEM_USAGE, true, "Referrals only"),
                        new DecisionForm.Area(DecisionForm.AreaName.SYSTEM_SETTING, false, "Not in A&E"),
                        new DecisionForm.Area(DecisionForm.AreaName.DATA_USER_ORGANISATION, true, "")));
        DecideRequest request = form.request("1A");
        assertThat(request.areas()).containsExactly(new AreaDecision("SYSTEM_USAGE", true, "Referrals only"),
                new AreaDecision("SYSTEM_SETTING", false, "Not in A&E"), new AreaDecision("DATA_USER_ORGANISATION", true, null));
        assertThat(request.conditions()).containsExactly("DSA signed", "Pen test by March");
        assertThat(request.reason()).isNull();
        // a certificate and a declaration belong to other phases
        assertThat(request.certificateNumber()).isNull();
        assertThat(request.declarationAccepted()).isNull();
    }

    @Test
    void phase1BSendsTheCertificateOnlyWithAnApprovalAndPhase2TheDeclaration() {
        DecisionForm approve = new DecisionForm("h", "APPROVED", null, " IAC-2026-1 ", true, null, List.of());
        assertThat(approve.request("1B").certificateNumber()).isEqualTo("IAC-2026-1");
        assertThat(approve.request("1B").areas()).isNull();
        assertThat(new DecisionForm("h", "RETURNED", "Gaps", "IAC-2026-1", false, null, List.of()).request("1B")
                .certificateNumber()).isNull();
        assertThat(approve.request("2").declarationAccepted()).isTrue();
        assertThat(approve.request("2").certificateNumber()).isNull();
        assertThat(DecisionForm.outcomes("1B")).containsExactly("APPROVED", "RETURNED", "REJECTED");
    }

    @Test
    void aProblemReadsAsItsTitleDetailAndOneLineForEachFieldBlockerOrMissingRow() throws Exception {
        var json = new ObjectMapper();
        ProblemMessage invalid = ProblemMessage.of(400, json.readTree("""
                {"type":"urn:tomassure:problem:validation","title":"Invalid request","status":400,
                 "errors":[{"field":"reason","message":"must not be blank"}]}"""));
        assertThat(invalid.lines()).containsExactly("reason: must not be blank");
        assertThat(invalid.reload()).isFalse();

        ProblemMessage blocked = ProblemMessage.of(409, json.readTree("""
                {"title":"Go-live is blocked","detail":"2 conditions","blockers":["No conformance certificate","End User Policy not signed"]}"""));
        assertThat(blocked.title()).isEqualTo("Go-live is blocked");
        assertThat(blocked.lines()).containsExactly("No conformance certificate", "End User Policy not signed");

        ProblemMessage incomplete = ProblemMessage.of(422, json.readTree("""
                {"title":"Phase 1A is incomplete","missing":[{"requirementId":"SI-02","problem":"not answered"}]}"""));
        assertThat(incomplete.lines()).containsExactly("SI-02: not answered");
    }

    @Test
    void aConcurrentEditOffersAReloadNeverARetry() throws Exception {
        var json = new ObjectMapper();
        ProblemMessage changed = ProblemMessage.of(412, json.readTree("{\"status\":412}"));
        assertThat(changed.reload()).isTrue();
        assertThat(changed.title()).isEqualTo("Changed since you opened this page");
        assertThat(changed.detail()).contains("Reload");
        // the page had nothing there, so it sent no tag; the service now has an answer and asks for one
        ProblemMessage answeredMeanwhile = ProblemMessage.of(428, json.readTree(
                "{\"status\":428,\"title\":\"If-Match required\",\"detail\":\"Send the ETag you last read\"}"));
        assertThat(answeredMeanwhile.reload()).isTrue();
        assertThat(answeredMeanwhile.title()).isEqualTo("Changed since you opened this page");
        assertThat(answeredMeanwhile.detail()).doesNotContain("ETag");
        assertThat(ProblemMessage.of(409, json.readTree("{\"type\":\"urn:tomassure:problem:stale-revision\",\"title\":\"Stale\"}"))
                .reload()).isTrue();
        // not JSON at all (a proxy's page): still a message
        assertThat(ProblemMessage.of(502, com.fasterxml.jackson.databind.node.MissingNode.getInstance()).title())
                .isEqualTo("The request was refused");
    }

    @Test
    void everyGateConditionReadsInWordsAndTimesInUtc() {
        for (String name : List.of("PHASE_1A", "CONDITIONS", "PHASE_1B", "CERTIFICATE", "PHASE_2", "NON_CONFORMANCES",
                "AGREEMENTS", "SIGN_OFFS", "ESCALATIONS", "NOT_SUSPENDED")) {
            assertThat(Formats.condition(name)).as(name).isNotEqualTo(name).doesNotContain("_");
        }
        assertThat(Formats.condition("SOMETHING_NEW")).isEqualTo("SOMETHING_NEW");
        assertThat(Formats.when(Instant.parse("2026-12-02T18:05:59Z"))).isEqualTo("2 Dec 2026, 18:05 UTC");
        assertThat(Formats.when(null)).isEqualTo("–");
    }
}
