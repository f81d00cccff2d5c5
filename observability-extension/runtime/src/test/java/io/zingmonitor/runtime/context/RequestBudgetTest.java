package io.zingmonitor.runtime.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;


/** The access log's budget for fast successes, on a clock the test drives. */
class RequestBudgetTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 7 * SECOND + 123;

    @Test
    void theFirstLinesOfEachSecondAreAdmittedThenNoneWithoutSampling() {
        RequestBudget budget = new RequestBudget(3, 0);

        assertThat(admitted(budget, T0, 100)).isEqualTo(3);
        assertThat(admitted(budget, T0 + SECOND / 2, 100)).as("same second").isZero();
        assertThat(admitted(budget, T0 + SECOND, 100)).as("next second").isEqualTo(3);
    }

    @Test
    void beyondTheBudgetTheSampleRateApplies() {
        RequestBudget budget = new RequestBudget(10, 0.25);

        int admitted = admitted(budget, T0, 20_010);

        // 10 from the budget, then about 5,000 of 20,000: far outside this band only if sampling is broken.
        assertThat(admitted).isBetween(10 + 4_500, 10 + 5_500);
    }

    @Test
    void aClockBeforeZeroWorksToo() {
        RequestBudget budget = new RequestBudget(2, 0);

        assertThat(admitted(budget, -SECOND / 2, 10)).isEqualTo(2);
        assertThat(admitted(budget, SECOND / 2, 10)).isEqualTo(2);
    }

    @Test
    void rateOneAdmitsEverythingAndNoBudgetWithRateZeroNothing() {
        assertThat(admitted(new RequestBudget(0, 1.0), T0, 1_000)).isEqualTo(1_000);
        assertThat(admitted(new RequestBudget(0, 0), T0, 1_000)).isZero();
    }

    @Test
    void parallelCallersDoNotOverspendASecond() {
        RequestBudget budget = new RequestBudget(50, 0);

        long admitted = IntStream.range(0, 20_000).parallel().filter(i -> budget.admits(T0)).count();
        long nextSecond = IntStream.range(0, 20_000).parallel().filter(i -> budget.admits(T0 + SECOND)).count();

        assertThat(admitted).isEqualTo(50);
        assertThat(nextSecond).as("a new second started by many threads at once").isEqualTo(50);
    }

    private static int admitted(RequestBudget budget, long nanos, int calls) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            if (budget.admits(nanos)) {
                admitted++;
            }
        }
        return admitted;
    }
}
