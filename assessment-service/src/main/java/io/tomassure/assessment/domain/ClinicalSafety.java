package io.tomassure.assessment.domain;

import java.util.EnumSet;
import java.util.Set;

import io.tomassure.events.SignOff;

/**
 * The clinical-safety level (1–5) and what it requires. 5: a medical device (seek MHRA guidance); 4: updates
 * Spine (CSG assistance, an escalation to NHS Digital); 3: local and clinical-safety related (DCB0129/0160);
 * 2: local, not clinical; 1: none. Above 1 the local CSO signs off; above 2 a hazard log and safety case are
 * needed; above 3 the CSG signs off.
 */
public record ClinicalSafety(int level, Set<SignOff> signOffs, boolean escalation) {

    /** The facts about a product (and its deployment) that decide the level. */
    public record Profile(boolean medicalDevice, boolean updatesSpine, boolean clinicalSafetyRelated,
            boolean changesLocalSystems) {
    }

    public static ClinicalSafety of(Profile profile) {
        int level;
        if (profile.medicalDevice()) {
            level = 5;
        } else if (profile.updatesSpine()) {
            level = 4;
        } else if (profile.clinicalSafetyRelated()) {
            level = 3;
        } else if (profile.changesLocalSystems()) {
            level = 2;
        } else {
            level = 1;
        }
        Set<SignOff> signOffs = EnumSet.noneOf(SignOff.class);
        if (level > 1) {
            signOffs.add(SignOff.LOCAL_CSO);
        }
        if (level > 2) {
            signOffs.add(SignOff.HAZARD_LOG_AND_SAFETY_CASE);
        }
        if (level > 3) {
            signOffs.add(SignOff.CSG);
        }
        if (level == 5) {
            signOffs.add(SignOff.MHRA_GUIDANCE);
        }
        return new ClinicalSafety(level, signOffs, level > 3);
    }
}
