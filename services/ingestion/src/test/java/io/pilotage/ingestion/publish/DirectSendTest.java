package io.pilotage.ingestion.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectSendTest {

    private static final double BUFFER = 32 * 1024 * 1024;

    @Test
    void beforeAnyAcknowledgementEverySendGoesToTheSendingThread() {
        assertThat(new DirectSend().recentlyAcked(0)).as("the topic's metadata may still be unknown").isFalse();
    }

    @Test
    void aSmallPublicationRightAfterAnAcknowledgementGoesDirect() {
        DirectSend direct = new DirectSend();
        direct.acked(1_000);

        assertThat(direct.recentlyAcked(2_000)).isTrue();
        assertThat(direct.fits(1024, BUFFER)).isTrue();
    }

    @Test
    void aPublicationTakingMoreThanAQuarterOfTheFreeBufferHops() {
        DirectSend direct = new DirectSend();
        direct.acked(1_000);

        assertThat(direct.fits((long) (BUFFER / 4), BUFFER)).isTrue();
        assertThat(direct.fits((long) (BUFFER / 4) + 1, BUFFER)).isFalse();
        assertThat(direct.fits(1024, 2048)).as("a buffer nearly full").isFalse();
    }

    @Test
    void aMinuteWithoutAcknowledgementHopsAgain() {
        DirectSend direct = new DirectSend();
        direct.acked(1_000);

        assertThat(direct.recentlyAcked(1_000 + DirectSend.RECENT_ACK_NANOS - 1)).isTrue();
        assertThat(direct.recentlyAcked(1_000 + DirectSend.RECENT_ACK_NANOS)).as("the metadata may have been dropped").isFalse();
    }
}
