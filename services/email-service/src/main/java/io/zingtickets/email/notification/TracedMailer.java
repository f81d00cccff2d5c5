package io.zingtickets.email.notification;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends a mail inside an SMTP client span. The Quarkus mailer (the Vert.x mail client underneath)
 * creates no span of its own, so without this the trace of a booking would stop at the email
 * consumer and the SMTP round trip would be invisible. Attributes follow the OpenTelemetry
 * conventions for a client call (server address and port, protocol); the recipient address is never
 * one of them, and a failure is described by its type and SMTP reply code only, because the
 * server's reply text may quote the address.
 */
@ApplicationScoped
public class TracedMailer {

    static final String SPAN_NAME = "smtp send";
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("network.protocol.name");
    private static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("network.transport");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<Long> REPLY_CODE = AttributeKey.longKey("zingtickets.smtp.reply_code");
    private static final AttributeKey<String> BOOKING_ID = AttributeKey.stringKey("zingtickets.booking.id");
    private static final AttributeKey<String> EMAIL_KIND = AttributeKey.stringKey("zingtickets.email.kind");

    private final ReactiveMailer mailer;
    private final Tracer tracer;
    private final String host;
    private final int port;

    TracedMailer(ReactiveMailer mailer, Tracer tracer, @ConfigProperty(name = "quarkus.mailer.host") String host,
            @ConfigProperty(name = "quarkus.mailer.port") int port) {
        this.mailer = mailer;
        this.tracer = tracer;
        this.host = host;
        this.port = port;
    }

    /** Lazy like the mailer: each subscription is one SMTP attempt with its own span. */
    Uni<Void> send(Mail mail, UUID bookingId, NotificationKind kind) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(SPAN_NAME).setSpanKind(SpanKind.CLIENT)
                    .setAttribute(SERVER_ADDRESS, host)
                    .setAttribute(SERVER_PORT, (long) port)
                    .setAttribute(PROTOCOL, "smtp")
                    .setAttribute(TRANSPORT, "tcp")
                    .setAttribute(BOOKING_ID, bookingId.toString())
                    .setAttribute(EMAIL_KIND, kind.name())
                    .startSpan();
            try (Scope ignored = span.makeCurrent()) {
                return mailer.send(mail)
                        .onFailure().invoke(failure -> fail(span, failure))
                        .onTermination().invoke(span::end);
            }
        });
    }

    private static void fail(Span span, Throwable failure) {
        SMTPException rejection = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                rejection = smtp;
                break;
            }
        }
        Throwable reported = rejection != null ? rejection : failure;
        span.setAttribute(ERROR_TYPE, reported.getClass().getName());
        if (rejection != null) {
            span.setAttribute(REPLY_CODE, (long) rejection.getReplyCode());
        }
        span.setStatus(StatusCode.ERROR, reported.getClass().getSimpleName());
    }
}
