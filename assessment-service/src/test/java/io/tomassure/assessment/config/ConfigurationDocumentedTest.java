package io.tomassure.assessment.config;

import org.junit.jupiter.api.Test;

import io.tomassure.testing.ConfigurationTable;

/** Every setting this module declares has its row in the README's configuration table. */
class ConfigurationDocumentedTest {

    @Test
    void everySettingIsInTheReadme() {
        ConfigurationTable.assertDocumented(AssessmentConfig.class);
    }
}
