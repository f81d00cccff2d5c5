/**
 * The request context every other room builds on: who the calling client is ({@link
 * io.zingmonitor.runtime.context.ClientIdentity}), what the request matched ({@link
 * io.zingmonitor.runtime.context.RequestAttributes}), a bounded memory per client and a per-second
 * budget of requests whose telemetry is kept in full. It depends on no
 * other ZingMonitor package, so the HTTP filter, the rate limit, the problem answers and the messaging
 * context can all use it without depending on each other.
 */
package io.zingmonitor.runtime.context;
