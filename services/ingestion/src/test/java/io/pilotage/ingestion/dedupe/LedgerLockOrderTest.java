package io.pilotage.ingestion.dedupe;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which a claim statement locks its rows ({@link PgEventLedger#byKey}): plain Java. */
class LedgerLockOrderTest {

    @Test
    void positionsComeInTheOrderOfTheKeysHighBitsWhateverOrderTheyWereClaimedIn() {
        SplittableRandom random = new SplittableRandom(27);
        for (int n : new int[] {1, 2, 3, 500, 4096, 4097, 10_000}) {
            UUID[] keys = new UUID[n];
            for (int i = 0; i < n; i++) {
                keys[i] = new UUID(random.nextLong(), random.nextLong());
            }
            int[] order = PgEventLedger.byKey(keys);

            assertThat(Arrays.stream(order).sorted().toArray()).as("a permutation of %d", n)
                    .isEqualTo(IntStream.range(0, n).toArray());
            for (int j = 1; j < n; j++) {
                assertThat(keys[order[j - 1]].getMostSignificantBits()).as("key %d of %d", j, n)
                        .isLessThan(keys[order[j]].getMostSignificantBits());
            }
            // the same keys claimed in another order are locked in the same order
            UUID[] reversed = new UUID[n];
            for (int i = 0; i < n; i++) {
                reversed[i] = keys[n - 1 - i];
            }
            int[] again = PgEventLedger.byKey(reversed);
            for (int j = 0; j < n; j++) {
                assertThat(reversed[again[j]]).isEqualTo(keys[order[j]]);
            }
        }
    }

    @Test
    void keysAgreeingInTheirHighBitsKeepTheirOrderInTheStatement() {
        UUID[] keys = {new UUID(7, 3), new UUID(7, 1), new UUID(-5, 0), new UUID(7, 2)};
        assertThat(PgEventLedger.byKey(keys)).containsExactly(2, 0, 1, 3);
    }
}
