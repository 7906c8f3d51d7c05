package io.camelonenet.health;

import java.util.ArrayList;
import java.util.Collections;
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

        boolean open() {
            return answeredAt == 0 && refusedAt == 0;
        }
    }

    /** Oldest first; at most {@link #KEPT}. */
    private final List<Entry> entries = new ArrayList<>(KEPT);

    public synchronized void received(String device) {
        add(new Entry(device, System.currentTimeMillis(), 0, 0));
    }

    /** The oldest open command of that device was answered: commands of one device are handled in order. */
    public synchronized void answered(String device) {
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.open() && Objects.equals(entry.device(), device)) {
                entries.set(i, new Entry(device, entry.receivedAt(), System.currentTimeMillis(), 0));
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
            entries.remove(0);
        }
        entries.add(entry);
    }

    /** The entries, newest first. */
    public synchronized List<Entry> newestFirst() {
        List<Entry> list = new ArrayList<>(entries);
        Collections.reverse(list);
        return list;
    }
}
