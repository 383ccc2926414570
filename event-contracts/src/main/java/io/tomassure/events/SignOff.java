package io.tomassure.events;

/**
 * Sign-offs and artefacts that an assessment's derived outcomes require before go-live: assessment-service
 * derives them, approval-service records them. Names travel in {@code phase-submitted} events.
 */
public enum SignOff {
    /** The EUO's Senior Information Risk Owner: always. */
    SIRO,
    /** A SIRO risk assessment concluding whether deployment should proceed: any IG section not PASS. */
    SIRO_RISK_ASSESSMENT,
    /** SIROs of other organisations, when they are affected. */
    EXTERNAL_SIRO,
    /** NHS Digital's technical architect, when Spine is affected. */
    TECHNICAL_ARCHITECT,
    /** The local Clinical Safety Officer: clinical-safety level above 1. */
    LOCAL_CSO,
    /** Hazard log and safety case: level above 2. */
    HAZARD_LOG_AND_SAFETY_CASE,
    /** NHS Digital Clinical Safety Group: level above 3 (an escalation). */
    CSG,
    /** MHRA guidance: level 5, a medical device. */
    MHRA_GUIDANCE
}
