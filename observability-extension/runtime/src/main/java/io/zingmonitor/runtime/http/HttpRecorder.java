package io.zingmonitor.runtime.http;

import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class HttpRecorder {

    public Handler<RoutingContext> filter(Class<? extends Handler<RoutingContext>> beanType) {
        return new BeanHandler(beanType);
    }
}
