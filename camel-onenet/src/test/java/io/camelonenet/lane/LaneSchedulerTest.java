package io.camelonenet.lane;

import io.camelonenet.connection.NothingSent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class LaneSchedulerTest {

    record Message(long position) implements LaneMessage {
    }

    /** A store in memory: per lane its messages; records what the scheduler asked of it. */
    static final class Store implements LaneOwner<Message> {
        final Map<String, TreeMap<Long, Message>> stored = new LinkedHashMap<>();
        final List<String> handedOff = new ArrayList<>();
        final List<String> resent = new ArrayList<>();
        final Map<String, LaneOwner.Completion> inFlight = new LinkedHashMap<>();
        final List<String> settled = new ArrayList<>();
        final List<String> neverSent = new ArrayList<>();
        int attemptingCalls;
        int settledCalls;

        void store(String lane, long... positions) {
            for (long position : positions) {
                stored.computeIfAbsent(lane, key -> new TreeMap<>()).put(position, new Message(position));
            }
        }

        void complete(String lane, long position, Exception failure) {
            inFlight.remove(lane + position).completed(failure);
        }

        @Override
        public List<Message> fetch(String lane, long afterPosition, int max) {
            return stored.getOrDefault(lane, new TreeMap<>()).tailMap(afterPosition, false).values().stream()
                    .limit(max).toList();
        }

        @Override
        public void attempting(Map<String, List<Message>> fetchedByLane) {
            attemptingCalls++;
        }

        @Override
        public void handOff(String lane, Message message, boolean sentBefore, Completion done) {
            handedOff.add(lane + message.position());
            if (sentBefore) {
                resent.add(lane + message.position());
            }
            inFlight.put(lane + message.position(), done);
        }

        @Override
        public void settled(Map<String, List<Message>> runByLane) {
            settledCalls++;
            runByLane.forEach((lane, run) -> run.forEach(message -> {
                settled.add(lane + message.position());
                stored.getOrDefault(lane, new TreeMap<>()).remove(message.position());
            }));
        }

        @Override
        public void neverSent(String lane, Message first, Message last) {
            neverSent.add(lane + first.position() + "-" + last.position());
        }

        @Override
        public String waiting(String lane) {
            return "lane " + lane;
        }
    }

    static final class NotConnected extends IllegalStateException implements NothingSent {
        NotConnected() {
            super("not connected");
        }
    }

    @Test
    void hands_off_each_lane_in_order_up_to_its_window() {
        Store store = new Store();
        LaneScheduler<Message> lanes = LaneScheduler.pushed(store, 3);
        for (long position = 10; position < 15; position++) {
            lanes.add("a", new Message(position));
        }
        lanes.add("b", new Message(1));
        lanes.pass(0);
        assertThat(store.handedOff).containsExactly("a10", "a11", "a12", "b1");

        store.complete("a", 11, null);
        lanes.pass(0);
        assertThat(store.settled).as("only a leading run settles").isEmpty();
        store.complete("a", 10, null);
        lanes.pass(0);
        assertThat(store.settled).containsExactly("a10", "a11");
        assertThat(store.handedOff).endsWith("a13", "a14");
    }

    @Test
    void a_failure_stops_its_lane_before_it_is_applied_and_the_lane_goes_again_from_it_after_a_pause() {
        Store store = new Store();
        LaneScheduler<Message> lanes = LaneScheduler.pushed(store, 1);
        lanes.add("a", new Message(1));
        lanes.add("a", new Message(2));
        lanes.add("b", new Message(1));
        lanes.add("b", new Message(2));
        lanes.pass(0);
        assertThat(store.handedOff).containsExactly("a1", "b1");

        store.complete("a", 1, new NotConnected());
        store.complete("b", 1, null);
        long untilResume = lanes.pass(0);
        assertThat(store.handedOff).as("the other lane keeps moving").containsExactly("a1", "b1", "b2");
        assertThat(untilResume).isEqualTo(100);

        lanes.pass(99);
        assertThat(store.handedOff).doesNotContain("a2");
        lanes.pass(100);
        assertThat(store.handedOff).endsWith("a1");
        assertThat(store.resent).containsExactly("a1");
    }

    @Test
    void what_completed_behind_a_failure_goes_again_after_it_so_the_order_holds() {
        Store store = new Store();
        LaneScheduler<Message> lanes = LaneScheduler.pushed(store, 10);
        for (long position = 1; position <= 3; position++) {
            lanes.add("a", new Message(position));
        }
        lanes.pass(0);
        store.complete("a", 1, new IllegalStateException("connection lost"));
        store.complete("a", 3, null);
        lanes.pass(0);
        assertThat(store.handedOff).as("nothing more while 2 is in flight").hasSize(3);
        store.complete("a", 2, null);
        lanes.pass(0);
        lanes.pass(100);
        assertThat(store.handedOff).containsExactly("a1", "a2", "a3", "a1", "a2", "a3");
        assertThat(store.settled).isEmpty();
    }

    @Test
    void the_pause_doubles_up_to_five_seconds_and_a_resume_cuts_it_short() {
        Store store = new Store();
        LaneScheduler<Message> lanes = LaneScheduler.pushed(store, 1);
        lanes.add("a", new Message(1));
        long now = 0;
        lanes.pass(now);
        List<Long> pauses = new ArrayList<>();
        for (int attempt = 0; attempt < 8; attempt++) {
            store.complete("a", 1, new NotConnected());
            long wait = lanes.pass(now);
            pauses.add(wait);
            now += wait;
            lanes.pass(now);
            assertThat(store.inFlight).containsKey("a1");
        }
        assertThat(pauses).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L);

        store.complete("a", 1, new NotConnected());
        lanes.pass(now);
        lanes.resume("a");
        lanes.pass(now);
        assertThat(store.inFlight).as("resumed at once").containsKey("a1");
    }

    @Test
    void a_pulled_store_is_fetched_a_window_at_a_time_marked_in_one_call_and_settled_in_batches() {
        Store store = new Store();
        store.store("a", 1, 2, 3, 4, 5, 6);
        store.store("b", 7, 8);
        LaneScheduler<Message> lanes = LaneScheduler.pulling(store, 4, 0, 100, () -> { });
        lanes.touch("a");
        lanes.touch("b");
        lanes.pass(0);
        assertThat(store.handedOff).containsExactly("a1", "a2", "a3", "a4", "b7", "b8");
        assertThat(store.attemptingCalls).isEqualTo(1);

        store.complete("a", 1, null);
        store.complete("a", 2, null);
        lanes.pass(10);
        assertThat(store.settled).as("settled later, in a batch").isEmpty();
        assertThat(store.handedOff).as("half the window free: the next batch").endsWith("a5", "a6");

        List.of("a3", "a4", "a5", "a6", "b7", "b8").forEach(id -> store.complete(id.substring(0, 1),
                Long.parseLong(id.substring(1)), null));
        lanes.pass(20);
        assertThat(store.settled).as("nothing in flight: all settled at once")
                .containsExactly("a1", "a2", "a3", "a4", "a5", "a6", "b7", "b8");
        assertThat(store.settledCalls).isEqualTo(1);
    }

    @Test
    void a_lane_with_read_ahead_keeps_its_window_full_from_what_it_took() {
        Store store = new Store();
        store.store("", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        LaneScheduler<Message> lanes = LaneScheduler.pulling(store, 4, 4, 100, () -> { });
        lanes.touch("");
        lanes.pass(0);
        assertThat(store.handedOff).containsExactly("1", "2", "3", "4");
        assertThat(store.attemptingCalls).as("8 taken in one batch").isEqualTo(1);

        store.complete("", 1, null);
        lanes.pass(0);
        assertThat(store.handedOff).as("the next one at once, from what was taken").endsWith("4", "5");
        assertThat(store.attemptingCalls).isEqualTo(1);
        assertThat(lanes.inFlight()).isEqualTo(4);
    }

    @Test
    void a_pulled_lane_rewinds_to_its_store_and_unmarks_what_never_left() {
        Store store = new Store();
        store.store("a", 1, 2, 3, 4, 5, 6, 7, 8);
        LaneScheduler<Message> lanes = LaneScheduler.pulling(store, 4, 0, 100, () -> { });
        lanes.touch("a");
        lanes.pass(0);
        store.complete("a", 1, null);
        store.complete("a", 2, new IllegalStateException("connection lost"));
        store.complete("a", 3, new NotConnected());
        store.complete("a", 4, new NotConnected());
        lanes.pass(0);
        lanes.pass(0);
        assertThat(store.settled).containsExactly("a1");
        assertThat(store.neverSent).as("refused before sending; 2's outcome is unknown").containsExactly("a3-4");

        lanes.pass(100);
        assertThat(store.handedOff).as("again from the failed one, fetched anew")
                .containsExactly("a1", "a2", "a3", "a4", "a2", "a3", "a4", "a5");
    }

    @Test
    void a_closed_lane_hands_off_nothing_more_and_a_stop_unmarks_what_was_never_handed_off() {
        Store store = new Store();
        LaneScheduler<Message> pushed = LaneScheduler.pushed(store, 2);
        for (long position = 1; position <= 5; position++) {
            pushed.add("a", new Message(position));
        }
        pushed.pass(0);
        assertThat(pushed.close("a")).extracting(Message::position).containsExactly(3L, 4L, 5L);
        store.complete("a", 1, null);
        pushed.pass(0);
        assertThat(store.settled).containsExactly("a1");
        assertThat(pushed.forget("a")).extracting(Message::position).containsExactly(2L);
        assertThat(pushed.has("a")).isFalse();

        Store disk = new Store();
        disk.store("", 1, 2, 3, 4);
        LaneScheduler<Message> pulled = LaneScheduler.pulling(disk, 4, 0, 100, () -> { });
        pulled.touch("");
        pulled.pass(0);
        disk.complete("", 1, new NotConnected());
        pulled.stop(0);
        assertThat(disk.neverSent).isEmpty();
        assertThat(pulled.inFlight()).isEqualTo(3);
    }
}
