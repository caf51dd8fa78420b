package io.swimdiscovery.sample;

import io.swimdiscovery.spring.event.SwimMembershipEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The last membership events this instance saw, newest first, for the cluster page. */
@Component
public class RecentMembershipEvents {

    private static final int KEEP = 50;

    /** One line of the page's event log. */
    public record Entry(Instant at, String type, String member, String status) {}

    private final Deque<Entry> events = new ArrayDeque<>();

    @EventListener
    public void on(SwimMembershipEvent event) {
        Entry entry = new Entry(
                Instant.now(),
                event.getClass().getSimpleName().replace("Event", ""),
                event.getMember().name(),
                event.getMember().status().name());
        synchronized (events) {
            events.addFirst(entry);
            while (events.size() > KEEP) {
                events.removeLast();
            }
        }
    }

    public List<Entry> newestFirst() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }
}
