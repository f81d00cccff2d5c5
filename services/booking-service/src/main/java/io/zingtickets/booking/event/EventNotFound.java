package io.zingtickets.booking.event;

import io.zingmonitor.ProblemException;

/** No event has this id: the one way to say it, for the resource and the booking store alike. */
public final class EventNotFound extends ProblemException {

    public EventNotFound(long id) {
        super(404, "event-not-found", "Event not found", "There is no event " + id + ".", "eventId");
    }
}
