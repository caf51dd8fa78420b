package io.swimdiscovery.cli;

import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.core.protocol.RoleState;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes the CLI prints: one line per membership event, and the member list with
 * statistics that the control endpoint answers. Times come in two clocks: {@code ts} is this
 * host's wall clock when the line was written, {@code decidedAt} is the wall-clock moment the
 * engine decided the change (its monotonic decision time moved onto the wall clock), and
 * {@code decidedAtNanos} is that decision time as the engine keeps it.
 */
final class MemberJson {

    /** Reads System.nanoTime and the wall clock; a field so tests can fix both. */
    interface Clock {
        long nanoTime();

        long wallMillis();

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long wallMillis() {
                return System.currentTimeMillis();
            }
        };
    }

    private final Clock clock;

    MemberJson(Clock clock) {
        this.clock = clock;
    }

    /**
     * One event as a map. Fields of the member after the change at the top level; any other
     * component of the event record that is a member (MemberUpdated's {@code previous}, a rejoin's
     * {@code previous}) as a nested object, and boolean or text components as they are, so event
     * types added to the engine later print without a change here.
     */
    Map<String, Object> event(MembershipEvent event) {
        return event(event, RoleState.NONE);
    }

    /**
     * One event as a map; a {@code PrimaryGranted} line also carries {@code leaseUntil} (wall time)
     * and {@code leaseUntilNanos} of {@code role}, the node's role state when the line is written.
     */
    Map<String, Object> event(MembershipEvent event, RoleState role) {
        Map<String, Object> out = eventFields(event);
        if (event instanceof MembershipEvent.PrimaryGranted && role.holdsClaim()) {
            out.put("leaseUntilNanos", role.leaseUntilNanos());
            out.put(
                    "leaseUntil",
                    Instant.ofEpochMilli(toWallMillis(role.leaseUntilNanos())).toString());
        }
        return out;
    }

    /**
     * A role state: group, the primary followed (name and uid, or null), its token, whether this
     * node holds the claim, and its lease's end (engine nanos and wall time) while it does.
     */
    Map<String, Object> role(RoleState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("group", state.group());
        Member primary = state.primary();
        out.put("primary", primary == null ? null : primary.name());
        out.put(
                "primaryUid",
                primary == null ? null : Long.toHexString(primary.id().uid()));
        out.put("token", state.token());
        out.put("holdsClaim", state.holdsClaim());
        if (state.holdsClaim()) {
            out.put("leaseUntilNanos", state.leaseUntilNanos());
            out.put(
                    "leaseUntil",
                    Instant.ofEpochMilli(toWallMillis(state.leaseUntilNanos())).toString());
        }
        return out;
    }

    private Map<String, Object> eventFields(MembershipEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ts", Instant.ofEpochMilli(clock.wallMillis()).toString());
        out.put("event", event.getClass().getSimpleName());
        Member member = event.member();
        out.putAll(member(member));
        if (event.getClass().isRecord()) {
            for (RecordComponent c : event.getClass().getRecordComponents()) {
                Object value = componentValue(c, event);
                if (value == member || "member".equals(c.getName())) {
                    continue;
                }
                if (value instanceof Member other) {
                    out.put(c.getName(), member(other));
                } else if (value instanceof Boolean
                        || value instanceof Number
                        || value instanceof CharSequence
                        || value instanceof Enum<?>) {
                    out.put(c.getName(), value instanceof Enum<?> e ? e.name() : value);
                }
            }
        }
        return out;
    }

    /** A member: name, uid (hex, as MemberId prints it), address, status, incarnation, metadata, decision time. */
    Map<String, Object> member(Member m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("uid", Long.toHexString(m.id().uid()));
        out.put("address", m.address().toString());
        out.put("status", m.status().name());
        out.put("incarnation", m.incarnation());
        out.put("decidedAtNanos", m.statusChangedAtNanos());
        out.put(
                "decidedAt",
                Instant.ofEpochMilli(toWallMillis(m.statusChangedAtNanos())).toString());
        out.put("metadata", new TreeMap<>(m.metadata()));
        return out;
    }

    /** The statistics record as nested maps (counters by name). */
    static Map<String, Object> statistics(NodeStatistics s) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> byStatus = new TreeMap<>();
        s.membersByStatus().forEach((k, v) -> byStatus.put(k.name(), v));
        out.put("membersByStatus", byStatus);
        out.put("protocol", recordAsMap(s.protocol()));
        out.put("localHealth", s.localHealth());
        out.put("gossipQueueDepth", s.gossipQueueDepth());
        out.put("rejectedPackets", new TreeMap<>(s.rejectedPackets()));
        out.put("messagesSent", new TreeMap<>(s.messagesSent()));
        out.put("messagesReceived", new TreeMap<>(s.messagesReceived()));
        out.put("bytesSent", new TreeMap<>(s.bytesSent()));
        out.put("bytesReceived", new TreeMap<>(s.bytesReceived()));
        return out;
    }

    private long toWallMillis(long engineNanos) {
        long ageNanos = clock.nanoTime() - engineNanos;
        return clock.wallMillis() - ageNanos / 1_000_000;
    }

    private static Map<String, Object> recordAsMap(ProtocolCounters counters) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : counters.getClass().getRecordComponents()) {
            out.put(c.getName(), componentValue(c, counters));
        }
        return out;
    }

    private static Object componentValue(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
    }
}
