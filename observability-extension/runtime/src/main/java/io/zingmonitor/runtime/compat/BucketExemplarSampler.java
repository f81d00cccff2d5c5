package io.zingmonitor.runtime.compat;

import io.prometheus.client.exemplars.Exemplar;
import io.prometheus.client.exemplars.ExemplarSampler;

/**
 * Samples exemplars for histogram buckets only. Micrometer also asks for one on every recording of a
 * counter, a summary or a timer without buckets (the reactive SQL pool's timers, once per query), to
 * show on its {@code _total} or {@code _count}: a trace lookup per recording for an exemplar no panel
 * reads.
 */
final class BucketExemplarSampler implements ExemplarSampler {

    private final ExemplarSampler buckets;

    BucketExemplarSampler(ExemplarSampler buckets) {
        this.buckets = buckets;
    }

    @Override
    public Exemplar sample(double increment, Exemplar previous) {
        return null;
    }

    @Override
    public Exemplar sample(double value, double bucketFrom, double bucketTo, Exemplar previous) {
        return buckets.sample(value, bucketFrom, bucketTo, previous);
    }
}
