package io.tomassure.approval.service;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.tomassure.approval.domain.AssessmentRef;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.support.time.TimeSource;

/**
 * What this service knows of assessment-service's assessments and deployments, learnt from its events. Whichever
 * event names one first (its creation, or a submission that overtook it) records it; later ones find it.
 */
@ApplicationScoped
public class References {

    private final TimeSource time;

    References(TimeSource time) {
        this.time = time;
    }

    /** Records an assessment unless known; a programme learnt later fills in one not known then. */
    public AssessmentRef assessment(UUID assessmentId, UUID productId, String productVersion, String supplierOds,
            String programme) {
        AssessmentRef ref = findOrStore(AssessmentRef.findById(assessmentId), () -> {
            AssessmentRef made = new AssessmentRef();
            made.assessmentId = assessmentId;
            made.productId = productId;
            made.productVersion = productVersion;
            made.supplierOds = supplierOds;
            made.updatedAt = time.now();
            return made;
        });
        if (ref.programme == null && programme != null) {
            ref.programme = programme;
        }
        return ref;
    }

    /** Records a deployment unless known. */
    public DeploymentRef deployment(UUID deploymentId, UUID assessmentId, String supplierOds, String euoOds) {
        return findOrStore(DeploymentRef.findById(deploymentId), () -> {
            DeploymentRef made = new DeploymentRef();
            made.deploymentId = deploymentId;
            made.assessmentId = assessmentId;
            made.supplierOds = supplierOds;
            made.euoOds = euoOds;
            made.createdAt = time.now();
            return made;
        });
    }

    private static <T extends PanacheEntityBase> T findOrStore(T found, Supplier<T> made) {
        if (found != null) {
            return found;
        }
        T stored = made.get();
        stored.persist();
        return stored;
    }
}
