package io.zingmonitor.deployment.compat;

/** What Prometheus sends when it scrapes. */
final class PrometheusScrape {

    /**
     * Prometheus 3's {@code Accept} with its default scrape protocols (scrape/scrape.go, acceptHeader):
     * OpenMetrics first, the text formats as fallbacks.
     */
    static final String ACCEPT = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.7,"
            + "application/openmetrics-text;version=0.0.1;q=0.6,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.5,"
            + "text/plain;version=0.0.4;q=0.4,*/*;q=0.3";

    private PrometheusScrape() {
    }
}
