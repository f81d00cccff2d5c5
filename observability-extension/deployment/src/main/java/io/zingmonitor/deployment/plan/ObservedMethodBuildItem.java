package io.zingmonitor.deployment.plan;

import java.util.List;

import io.quarkus.builder.item.MultiBuildItem;

/** One {@code @Observed} method: its operation, its runtime lookup key, and its attribute names by position. */
public final class ObservedMethodBuildItem extends MultiBuildItem {

    private final String operation;
    private final String handler;
    private final String methodKey;
    private final List<String> attributesByPosition;

    public ObservedMethodBuildItem(String operation, String handler, String methodKey, List<String> attributesByPosition) {
        this.operation = operation;
        this.handler = handler;
        this.methodKey = methodKey;
        this.attributesByPosition = List.copyOf(attributesByPosition);
    }

    public String getOperation() {
        return operation;
    }

    public String getHandler() {
        return handler;
    }

    /** {@code ObservedOperations.key}: the interceptor finds the attributes by it at run time. */
    public String getMethodKey() {
        return methodKey;
    }

    /** One entry per parameter; empty where the parameter is not an attribute. */
    public List<String> getAttributesByPosition() {
        return attributesByPosition;
    }

    public List<String> getAttributes() {
        return attributesByPosition.stream().filter(a -> !a.isEmpty()).toList();
    }
}
