package io.zingtickets.support.messaging;

import java.util.concurrent.Flow;

/**
 * Hands the stream SmallRye subscribes to an {@code @Incoming} method's returned subscriber on to one
 * Mutiny pipeline, subscription included: the pipeline's requests reach the connector unchanged, so its
 * back-pressure (pausing the partitions) and its cancellation on shutdown keep working. Nothing is buffered.
 */
final class SubscriberBridge<T> implements Flow.Processor<T, T> {

    private Flow.Subscriber<? super T> downstream;
    private Flow.Subscription upstream;

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Flow.Subscription subscription;
        synchronized (this) {
            if (downstream != null) {
                throw new IllegalStateException("A channel's stream has exactly one pipeline");
            }
            downstream = subscriber;
            subscription = upstream;
        }
        if (subscription != null) {
            subscriber.onSubscribe(subscription);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Flow.Subscriber<? super T> subscriber;
        synchronized (this) {
            if (upstream != null) {
                subscription.cancel();
                return;
            }
            upstream = subscription;
            subscriber = downstream;
        }
        if (subscriber != null) {
            subscriber.onSubscribe(subscription);
        }
    }

    @Override
    public void onNext(T item) {
        downstream.onNext(item);
    }

    @Override
    public void onError(Throwable failure) {
        downstream.onError(failure);
    }

    @Override
    public void onComplete() {
        downstream.onComplete();
    }
}
