package io.zingtickets.email;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.zingtickets.infra.testing.KafkaTestResource;
import io.zingtickets.infra.testing.PostgresTestResource;
import io.zingtickets.infra.testing.SmtpTestResource;

/** The real broker, database and SMTP server every email-service test runs against (started once per test run). */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "email"))
@QuarkusTestResource(SmtpTestResource.class)
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
