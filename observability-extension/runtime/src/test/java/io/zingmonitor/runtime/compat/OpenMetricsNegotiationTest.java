package io.zingmonitor.runtime.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;


/** Which Accept headers get the OpenMetrics format (with exemplars) from the metrics endpoint. */
class OpenMetricsNegotiationTest {

    @Test
    void prometheusHeaderPrefersOpenMetrics() {
        assertThat(OpenMetricsNegotiation.prefersOpenMetrics("application/openmetrics-text;version=1.0.0,"
                + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")).isTrue();
    }

    @Test
    void textFirstClientsKeepTheTextFormat() {
        assertThat(OpenMetricsNegotiation.prefersOpenMetrics("text/plain")).isFalse();
        assertThat(OpenMetricsNegotiation.prefersOpenMetrics("text/plain, application/openmetrics-text;q=0.5")).isFalse();
        assertThat(OpenMetricsNegotiation.prefersOpenMetrics("application/openmetrics-text;q=0")).isFalse();
    }
}
