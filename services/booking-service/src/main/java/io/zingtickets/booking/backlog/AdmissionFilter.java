package io.zingtickets.booking.backlog;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a booking while the pipeline is overloaded before its body is parsed and validated. Under
 * overload most requests are refused, and reading each one's JSON and checking its card only to answer
 * 503 would take the capacity the admitted bookings need.
 */
@Provider
@AdmissionChecked
public class AdmissionFilter implements ContainerRequestFilter {

    private final AdmissionControl admission;

    AdmissionFilter(AdmissionControl admission) {
        this.admission = admission;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        admission.refuseIfOverloaded();
    }
}
