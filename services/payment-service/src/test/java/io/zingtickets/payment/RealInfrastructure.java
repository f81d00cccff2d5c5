package io.zingtickets.payment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.zingtickets.infra.testing.KafkaTestResource;
import io.zingtickets.infra.testing.PostgresTestResource;

/** The real broker and database every payment-service test runs against (started once per test run). */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "payment"))
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
