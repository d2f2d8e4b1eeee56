package io.pilotage.ingestion.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectSendTest {

    private static final double BUFFER = 32 * 1024 * 1024;

    @Test
    void beforeAnyAcknowledgementEverySendGoesToTheSendingThread() {
        assertThat(new DirectSend().allows(1024, BUFFER, 0)).as("the topic's metadata may still be unknown").isFalse();
    }

    @Test
    void aSmallPublicationRightAfterAnAcknowledgementGoesDirect() {
        DirectSend direct = new DirectSend();
        direct.acked(1_000);

        assertThat(direct.allows(1024, BUFFER, 2_000)).isTrue();
    }

    @Test
    void aPublicationTakingMoreThanAQuarterOfTheFreeBufferHops() {
        DirectSend direct = new DirectSend();
        direct.acked(1_000);

        assertThat(direct.allows((long) (BUFFER / 4), BUFFER, 2_000)).isTrue();
        assertThat(direct.allows((long) (BUFFER / 4) + 1, BUFFER, 2_000)).isFalse();
        assertThat(direct.allows(1024, 2048, 2_000)).as("a buffer nearly full").isFalse();
    }

    @Test
    void aMinuteWithoutAcknowledgementHopsAgain() {
        DirectSend direct = new DirectSend();
        direct.acked(1_000);

        assertThat(direct.allows(1024, BUFFER, 1_000 + DirectSend.RECENT_ACK_NANOS - 1)).isTrue();
        assertThat(direct.allows(1024, BUFFER, 1_000 + DirectSend.RECENT_ACK_NANOS)).as("the metadata may have been dropped").isFalse();
    }
}
