package io.camelonenet.inbound;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InboundBudgetTest {

    @Test
    void admits_up_to_its_bytes_and_refuses_at_once_past_them() {
        InboundBudget budget = new InboundBudget(1000, 100);

        InboundBudget.Ticket first = budget.tryAdmit(600);
        InboundBudget.Ticket second = budget.tryAdmit(400);
        InboundBudget.Ticket third = budget.tryAdmit(1);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(third).isNull();
        assertThat(budget.bytes()).isEqualTo(1000);
        assertThat(budget.refused()).isEqualTo(1);

        first.release();
        assertThat(budget.tryAdmit(600)).isNotNull();
        assertThat(budget.admitted()).isEqualTo(3);
    }

    @Test
    void admits_up_to_its_count_however_small_the_requests() {
        InboundBudget budget = new InboundBudget(1 << 20, 3);
        List<InboundBudget.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(budget.tryAdmit(1));
        }

        assertThat(tickets).filteredOn(ticket -> ticket != null).hasSize(3);
        assertThat(budget.count()).isEqualTo(3);
        assertThat(budget.refused()).isEqualTo(2);
    }

    @Test
    void a_ticket_gives_its_room_back_once_however_often_it_is_released() {
        InboundBudget budget = new InboundBudget(1000, 10);
        InboundBudget.Ticket ticket = budget.tryAdmit(500);
        budget.tryAdmit(300);

        ticket.release();
        ticket.release();

        assertThat(budget.bytes()).isEqualTo(300);
        assertThat(budget.count()).isEqualTo(1);
    }

    @Test
    void a_request_larger_than_the_whole_bound_is_admitted_only_while_nothing_else_waits() {
        InboundBudget budget = new InboundBudget(1000, 10);

        InboundBudget.Ticket alone = budget.tryAdmit(5000);
        assertThat(alone).isNotNull();
        assertThat(budget.tryAdmit(1)).isNull();
        alone.release();

        budget.tryAdmit(1);
        assertThat(budget.tryAdmit(5000)).isNull();
    }
}
