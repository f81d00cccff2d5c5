package io.zingtickets.booking.reservation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zingtickets.booking")
public interface BookingConfig {

    /** The most seats one booking may take. */
    @WithDefault("10")
    int maxSeatsPerBooking();
}
