package io.swimdiscovery.sample;

import io.swimdiscovery.spring.event.SwimMembershipEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The last membership events this instance received, newest first, for the cluster page. */
@Component
public class MembershipEventLog {

    private static final int CAPACITY = 50;

    private final Deque<Entry> entries = new ArrayDeque<>();

    @EventListener
    public void onMembershipEvent(SwimMembershipEvent event) {
        Entry entry = new Entry(Instant.ofEpochMilli(event.getTimestamp()), event.getClass().getSimpleName(),
                event.getMember().name(), event.getMember().status().name());
        synchronized (this.entries) {
            this.entries.addFirst(entry);
            if (this.entries.size() > CAPACITY) {
                this.entries.removeLast();
            }
        }
    }

    public List<Entry> recent() {
        synchronized (this.entries) {
            return List.copyOf(this.entries);
        }
    }

    /** One event as the page shows it. */
    public record Entry(Instant time, String type, String member, String status) {
    }
}
