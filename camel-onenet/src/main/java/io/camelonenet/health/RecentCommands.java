package io.camelonenet.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The last commands (the platform's requests) received, each with when it was answered or refused, for the status
 * page: someone commissioning a device asks whether the last command arrived. Bounded to {@link #KEPT} entries, the
 * oldest forgotten first; an entry holds a device id from the app's own files, never the command's text.
 */
public final class RecentCommands {

    /** Entries kept: enough for "the last ones" on a page, small whatever the command rate. */
    public static final int KEPT = 20;

    /**
     * One command: the device it was for ({@code null} for a single device), when it arrived, and when it was
     * answered or refused (0 while neither). Epoch milliseconds.
     */
    public record Entry(String device, long receivedAt, long answeredAt, long refusedAt) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>(KEPT);

    public synchronized void received(String device) {
        add(new Entry(device, System.currentTimeMillis(), 0, 0));
    }

    /** The oldest open command of that device was answered: commands of one device are handled in order. */
    public synchronized void answered(String device) {
        List<Entry> kept = new ArrayList<>(entries);
        for (int i = 0; i < kept.size(); i++) {
            Entry entry = kept.get(i);
            if (entry.answeredAt() == 0 && entry.refusedAt() == 0 && Objects.equals(entry.device(), device)) {
                kept.set(i, new Entry(device, entry.receivedAt(), System.currentTimeMillis(), 0));
                entries.clear();
                entries.addAll(kept);
                return;
            }
        }
    }

    /**
     * A command refused unanswered (the downlink queue was full): an entry of its own, since the queue refuses it
     * before the route counts it received.
     */
    public synchronized void refused(String device) {
        long now = System.currentTimeMillis();
        add(new Entry(device, now, 0, now));
    }

    private void add(Entry entry) {
        if (entries.size() == KEPT) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** The entries, newest first. */
    public synchronized List<Entry> newestFirst() {
        List<Entry> list = new ArrayList<>(entries.size());
        Iterator<Entry> descending = entries.descendingIterator();
        descending.forEachRemaining(list::add);
        return list;
    }
}
