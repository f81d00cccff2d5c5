package io.zingtickets.payment;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.zingtickets.payment.gateway.LiveGatewaySettings;

/** As in the prod profile: the fault knob switched off answers 404 even to the operator and changes nothing. */
@QuarkusTest
@TestProfile(GatewayAdminSwitchedOffTest.SwitchedOff.class)
class GatewayAdminSwitchedOffTest {

    public static class SwitchedOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zingtickets.gateway.admin-enabled", "false");
        }
    }

    @Inject
    LiveGatewaySettings settings;

    @Test
    void theOperatorGets404AndTheGatewayKeepsItsSettings() {
        var before = settings.current();
        PaymentFlowTest.operator().contentType(ContentType.JSON)
                .body("{\"latencyMs\":26000,\"jitterMs\":26000,\"failureRate\":1}")
                .put("/admin/gateway")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        PaymentFlowTest.operator().get("/admin/gateway").then().statusCode(404);
        org.assertj.core.api.Assertions.assertThat(settings.current()).isEqualTo(before);
    }
}
