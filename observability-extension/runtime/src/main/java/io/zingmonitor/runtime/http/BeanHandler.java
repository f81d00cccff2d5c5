package io.zingmonitor.runtime.http;

import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A Vert.x route filter backed by a CDI bean: filters are recorded before the container starts, so
 * the bean (with its configuration and meters) is looked up on the first request.
 */
public final class BeanHandler implements Handler<RoutingContext> {

    private final Class<? extends Handler<RoutingContext>> beanType;
    private volatile Handler<RoutingContext> delegate;

    public BeanHandler(Class<? extends Handler<RoutingContext>> beanType) {
        this.beanType = beanType;
    }

    @Override
    public void handle(RoutingContext context) {
        Handler<RoutingContext> handler = delegate;
        if (handler == null) {
            handler = delegate = Arc.container().instance(beanType).get();
        }
        handler.handle(context);
    }
}
