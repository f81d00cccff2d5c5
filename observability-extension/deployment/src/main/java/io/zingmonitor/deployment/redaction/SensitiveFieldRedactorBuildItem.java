package io.zingmonitor.deployment.redaction;

import io.quarkus.builder.item.MultiBuildItem;

/** One generated {@code SensitiveFieldRedactor}: the application type it writes and its class. */
public final class SensitiveFieldRedactorBuildItem extends MultiBuildItem {

    private final String payloadType;
    private final String redactorClass;

    public SensitiveFieldRedactorBuildItem(String payloadType, String redactorClass) {
        this.payloadType = payloadType;
        this.redactorClass = redactorClass;
    }

    public String getPayloadType() {
        return payloadType;
    }

    public String getRedactorClass() {
        return redactorClass;
    }
}
