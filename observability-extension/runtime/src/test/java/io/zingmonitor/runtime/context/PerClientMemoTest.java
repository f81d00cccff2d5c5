package io.zingmonitor.runtime.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;


class PerClientMemoTest {

    private final AtomicInteger computed = new AtomicInteger();
    private final PerClientMemo<String> memo = new PerClientMemo<>(client -> {
        computed.incrementAndGet();
        return "id-" + client;
    });

    @Test
    void eachClientIsWorkedOutOnce() {
        assertThat(memo.get("a")).isEqualTo("id-a");
        assertThat(memo.get("a")).isEqualTo("id-a");
        assertThat(memo.get("b")).isEqualTo("id-b");
        assertThat(computed).hasValue(2);
    }

    @Test
    void aFloodOfNewClientsStartsTheMemoryOverInsteadOfGrowingIt() {
        memo.get("first");
        for (int i = 0; i < PerClientMemo.CLIENTS; i++) {
            memo.get("flood-" + i);
        }
        int beforeFirstAgain = computed.get();

        assertThat(memo.get("first")).isEqualTo("id-first");
        assertThat(computed.get()).as("forgotten once the memory was full").isEqualTo(beforeFirstAgain + 1);
    }
}
