package io.zingmonitor.deployment.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.zingmonitor.runtime.tracing.BucketExemplarsPrometheusRegistry;

/** Prometheus before 2.43 rejects a whole scrape with an exemplar outside a histogram bucket. */
class BucketExemplarsTest {

    @Test
    void exemplarsStayOnBucketsOnly() {
        String scrape = """
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{uri="/a",le="0.1"} 3.0 # {span_id="1",trace_id="2"} 0.05 1.7E9
                http_server_requests_seconds_count{uri="/a"} 3.0 # {span_id="1",trace_id="2"} 0.05 1.7E9
                http_server_requests_seconds_sum{uri="/a"} 0.12
                sql_pool_usage_seconds_count{pool="a # {b"} 4.0 # {span_id="3",trace_id="4"} 0.01 1.7E9
                jobs_total 2.0 # {span_id="5",trace_id="6"} 1.0 1.7E9
                # EOF
                """;
        assertThat(BucketExemplarsPrometheusRegistry.bucketExemplarsOnly(scrape)).isEqualTo("""
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{uri="/a",le="0.1"} 3.0 # {span_id="1",trace_id="2"} 0.05 1.7E9
                http_server_requests_seconds_count{uri="/a"} 3.0
                http_server_requests_seconds_sum{uri="/a"} 0.12
                sql_pool_usage_seconds_count{pool="a # {b"} 4.0
                jobs_total 2.0
                # EOF
                """);
    }
}
