package io.tomassure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class JfrLayersTest {

    @Test
    void aSampleIsChargedToTheInnermostLibraryOutsideTheJdk() {
        assertThat(JfrLayers.layer(List.of("java.util.HashMap", "com.fasterxml.jackson.databind.ObjectMapper",
                "io.tomassure.assessment.api.AssessmentResource"))).isEqualTo("JSON (Jackson)");
        assertThat(JfrLayers.layer(List.of("org.postgresql.core.v3.QueryExecutorImpl", "org.hibernate.engine.Loader")))
                .isEqualTo("JDBC driver (PostgreSQL)");
        assertThat(JfrLayers.layer(List.of("org.hibernate.validator.internal.engine.ValidatorImpl")))
                .isEqualTo("bean validation");
        assertThat(JfrLayers.layer(List.of("io.quarkus.vertx.http.runtime.security.HttpAuthenticator")))
                .isEqualTo("security");
    }

    @Test
    void classesQuarkusGeneratesBesideOursAreChargedToItsLayers() {
        assertThat(JfrLayers.layer(List.of("io.tomassure.assessment.service.Catalogue_ClientProxy"))).isEqualTo("CDI (ArC)");
        assertThat(JfrLayers.layer(List.of("io.tomassure.assessment.rest.AssessmentResource$quarkusrestinvoker$get_1")))
                .isEqualTo("REST (RESTEasy Reactive)");
        assertThat(JfrLayers.layer(List.of("io.quarkus.hibernate.validator.runtime.ValidatorProvider")))
                .isEqualTo("bean validation");
        assertThat(JfrLayers.layer(List.of("io.tomassure.assessment.service.Answers"))).isEqualTo("TOM Assure's code");
    }

    @Test
    void stacksOfTheJdkAloneAndUnknownLibrariesAreNamed() {
        assertThat(JfrLayers.layer(List.of("java.lang.Thread", "jdk.internal.misc.Unsafe"))).isEqualTo("the JDK alone");
        assertThat(JfrLayers.layer(List.of())).isEqualTo("the JDK alone");
        assertThat(JfrLayers.layer(List.of("sun.nio.ch.EPoll", "org.example.pool.Worker"))).isEqualTo("other: org.example.*");
    }
}
