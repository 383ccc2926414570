package io.tomassure.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class NotificationRulesTest {

    private static final RoutingRules RULES = RoutingRules.standard();
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode data(String... pairs) {
        ObjectNode node = json.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }

    @Test
    void eachCueGoesToItsParty() {
        assertThat(RULES.matching("tom.approval.case-opened", data("phase", "1A"))).extracting(Rule::id)
                .containsExactly("review-waiting");
        assertThat(RULES.matching("tom.approval.case-opened", data("phase", "2"))).extracting(Rule::id)
                .containsExactly("phase2-waiting");
        Rule returned = RULES.matching("tom.approval.phase-decided", data("phase", "2", "outcome", "RETURNED")).get(0);
        assertThat(returned.tell()).containsExactly(new Rule.Target(Rule.Party.SUPPLIER, java.util.List.of("PROJECT_MANAGER")));
        assertThat(RULES.rule("escalation-raised").tell().get(0).party()).isEqualTo(Rule.Party.NHS_DIGITAL);
        assertThat(RULES.rule("escalation-raised").mandatory()).isTrue();
        assertThat(RULES.rule("deployment-suspended").mandatory()).isTrue();
        assertThat(RULES.rule("go-live-ready").tell()).extracting(Rule.Target::party)
                .containsExactly(Rule.Party.EUO, Rule.Party.SUPPLIER);
        assertThat(RULES.matching("tom.assessment.uplifted", data())).extracting(Rule::id).containsExactly("assessment-uplifted");
        assertThat(RULES.matching("tom.assessment.updated", data())).isEmpty();
        assertThat(RULES.matching("tom.approval.phase-decided", data("outcome", "MAYBE"))).isEmpty();
    }

    @Test
    void everyRuleHasABodyTemplate() {
        for (Rule rule : RULES.rules()) {
            assertThat(getClass().getResource("/templates/notices/" + rule.id() + ".txt")).as(rule.id()).isNotNull();
        }
    }

    @Test
    void mutesApplyUnlessTheNoticeIsMandatory() {
        assertThat(Channel.forNotice(false, EnumSet.of(Channel.EMAIL))).containsExactlyInAnyOrder(Channel.WEBHOOK, Channel.INBOX);
        assertThat(Channel.forNotice(true, EnumSet.of(Channel.EMAIL, Channel.WEBHOOK))).isEqualTo(EnumSet.allOf(Channel.class));
        assertThat(Channel.forNotice(false, Set.of())).isEqualTo(EnumSet.allOf(Channel.class));
    }

    @Test
    void aWebhookSignatureBindsSecretTimeAndBody() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        long t = now.getEpochSecond();
        String signature = WebhookSignature.sign("s3cret", t, "{\"a\":1}");
        assertThat(signature).startsWith("v1=").hasSize(3 + 64);
        assertThat(WebhookSignature.verify("s3cret", signature, Long.toString(t), "{\"a\":1}", now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("other", signature, Long.toString(t), "{\"a\":1}", now, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", signature, Long.toString(t + 1), "{\"a\":1}", now, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", signature, Long.toString(t), "{\"a\":1}", now.plusSeconds(301),
                Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", signature, "not a time", "{\"a\":1}", now, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void backoffGrowsExponentiallyWithinItsJitterAndCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), 6);
        Random random = new Random(1);
        for (int attempts = 1; attempts <= 12; attempts++) {
            long expected = Math.min(2000L << (attempts - 1), 600_000L);
            assertThat(backoff.after(attempts, random).toMillis()).isBetween((long) (expected * 0.8), (long) (expected * 1.2));
        }
        assertThat(backoff.exhausted(5)).isFalse();
        assertThat(backoff.exhausted(6)).isTrue();
    }

    @Test
    void workingDaysSkipWeekends() {
        LocalDate friday = LocalDate.of(2026, 11, 20);
        assertThat(WorkingDays.between(friday, friday)).isZero();
        assertThat(WorkingDays.between(friday, friday.plusDays(1))).isZero();
        assertThat(WorkingDays.between(friday, friday.plusDays(3))).isEqualTo(1);
        assertThat(WorkingDays.between(friday, friday.plusDays(14))).isEqualTo(10);
    }
}
