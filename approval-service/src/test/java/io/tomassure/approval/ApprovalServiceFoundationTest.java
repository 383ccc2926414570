package io.tomassure.approval;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.events.Topics;
import io.tomassure.testing.ServiceFoundationContract;
import io.tomassure.testing.TomTestEnvironment;

@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class ApprovalServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String topic() {
        return Topics.APPROVAL;
    }
}
