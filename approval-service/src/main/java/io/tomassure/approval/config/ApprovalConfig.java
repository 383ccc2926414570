package io.tomassure.approval.config;

import java.time.Duration;
import java.time.Period;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tomassure.approval.domain.AgreementKind;
import io.tomassure.approval.domain.AgreementTerms;

/** The settings of approval-service ({@code tom.approval.*}). */
@ConfigMapping(prefix = "tom.approval")
public interface ApprovalConfig {

    /** How often open gates are re-checked, for agreements that expire with the calendar. */
    @WithDefault("1h")
    Duration gateRecheck();

    Agreements agreements();

    /**
     * The longest term of each kind of agreement ({@code tom.approval.agreements.dsa=P3Y}), and a programme's own
     * ({@code tom.approval.agreements.programmes."e-RS".dsa=P1Y}).
     */
    interface Agreements {
        @WithDefault("P3Y")
        Period connectionAgreement();

        @WithDefault("P3Y")
        Period endUserPolicy();

        @WithDefault("P3Y")
        Period dsa();

        @WithDefault("P3Y")
        Period dsfc();

        Map<String, Programme> programmes();

        interface Programme {
            Optional<Period> connectionAgreement();

            Optional<Period> endUserPolicy();

            Optional<Period> dsa();

            Optional<Period> dsfc();
        }

        /** The terms as the rule takes them. */
        default AgreementTerms terms() {
            Map<String, Map<AgreementKind, Period>> byProgramme = new java.util.HashMap<>();
            programmes().forEach((code, p) -> {
                Map<AgreementKind, Period> own = new EnumMap<>(AgreementKind.class);
                p.connectionAgreement().ifPresent(t -> own.put(AgreementKind.CONNECTION_AGREEMENT, t));
                p.endUserPolicy().ifPresent(t -> own.put(AgreementKind.END_USER_POLICY, t));
                p.dsa().ifPresent(t -> own.put(AgreementKind.DSA, t));
                p.dsfc().ifPresent(t -> own.put(AgreementKind.DSFC, t));
                byProgramme.put(code, own);
            });
            return new AgreementTerms(Map.of(AgreementKind.CONNECTION_AGREEMENT, connectionAgreement(),
                    AgreementKind.END_USER_POLICY, endUserPolicy(), AgreementKind.DSA, dsa(), AgreementKind.DSFC, dsfc()),
                    byProgramme);
        }
    }
}
