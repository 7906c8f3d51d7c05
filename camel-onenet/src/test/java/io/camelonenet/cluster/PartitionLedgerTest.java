package io.camelonenet.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionLedgerTest {

    @Test
    void commits_only_up_to_the_oldest_reading_not_yet_acknowledged() {
        PartitionLedger ledger = new PartitionLedger(3);
        assertThat(ledger.toCommit()).isEmpty();
        for (long offset = 100; offset < 105; offset++) {
            ledger.consumed(offset, 1_000 + offset);
        }
        // acknowledged out of order (two devices of one partition): the point stays at the oldest unacknowledged
        ledger.settled(101);
        ledger.settled(103);
        assertThat(ledger.toCommit()).hasValue(100);
        ledger.committed(100);
        assertThat(ledger.toCommit()).isEmpty();
        ledger.settled(100);
        assertThat(ledger.toCommit()).hasValue(102);
        assertThat(ledger.oldestUnsettledMillis()).isEqualTo(1_102);
        assertThat(ledger.uncommitted()).isEqualTo(3);
        ledger.settled(102);
        ledger.settled(104);
        // everything acknowledged: the next owner starts after the last consumed reading
        assertThat(ledger.toCommit()).hasValue(105);
        assertThat(ledger.uncommitted()).isZero();
        assertThat(ledger.oldestUnsettledMillis()).isEqualTo(-1);
    }

    @Test
    void a_failed_commit_is_offered_again() {
        PartitionLedger ledger = new PartitionLedger(0);
        ledger.consumed(4, 0);
        ledger.settled(4);
        assertThat(ledger.toCommit()).hasValue(5);
        ledger.committed(5);
        assertThat(ledger.toCommit()).isEmpty();
        ledger.commitFailed();
        assertThat(ledger.toCommit()).hasValue(5);
    }

    @Test
    void a_reading_settled_at_once_moves_the_point_past_it() {
        PartitionLedger ledger = new PartitionLedger(0);
        ledger.consumedSettled(7);
        assertThat(ledger.toCommit()).hasValue(8);
        ledger.consumed(8, 0);
        assertThat(ledger.toCommit()).hasValue(8);
    }
}
