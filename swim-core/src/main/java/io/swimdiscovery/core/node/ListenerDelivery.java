package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.MembershipEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The user's listeners, the executor they run on (never the event loop) and the bounded backlog of
 * events between the two.
 *
 * <p>Events are delivered one at a time, in the order the engine decided them, by one drain task at
 * a time on the executor (a pool works as well as a thread). The loop never waits for a listener:
 * it appends to the backlog and returns. The backlog holds at most {@code maxPending} events. Once
 * it is full, an event about a member that already has an event pending replaces that member's
 * latest pending event in place (serf's coalescing: a slow listener sees each member's latest
 * change, at the position of its earlier one), counted as {@value NodeDrops#LISTENER_EVENTS_COALESCED};
 * an event about any other member is dropped, counted as {@value
 * NodeDrops#LISTENER_EVENTS_BACKLOG_FULL}. Either way {@code SwimNode.members()} has the truth.
 */
final class ListenerDelivery {

    private static final System.Logger LOG = System.getLogger(ListenerDelivery.class.getName());

    /** One pending event; its event may be replaced by a later one about the same member. */
    private static final class Slot {
        final String name;
        MembershipEvent event;

        Slot(String name, MembershipEvent event) {
            this.name = name;
            this.event = event;
        }
    }

    private final List<MembershipListener> registered = new CopyOnWriteArrayList<>();
    private final Executor executor;
    private final TrafficCounters traffic;
    private final int maxPending;
    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Slot> backlog = new ArrayDeque<>();
    private final Map<String, Slot> latestByName = new HashMap<>();
    private boolean draining;

    ListenerDelivery(Executor executor, TrafficCounters traffic, int maxPending) {
        this.executor = executor;
        this.traffic = traffic;
        this.maxPending = maxPending;
    }

    void add(MembershipListener listener) {
        registered.add(listener);
    }

    void remove(MembershipListener listener) {
        registered.remove(listener);
    }

    /** On the loop: queues {@code event} for the listeners, within the backlog; never blocks. */
    void publish(MembershipEvent event) {
        if (registered.isEmpty()) {
            return;
        }
        String name = event.member().name();
        synchronized (lock) {
            if (backlog.size() >= maxPending) {
                Slot pending = latestByName.get(name);
                if (pending != null) {
                    pending.event = event;
                    traffic.dropped(NodeDrops.LISTENER_EVENTS_COALESCED);
                } else {
                    traffic.dropped(NodeDrops.LISTENER_EVENTS_BACKLOG_FULL);
                }
                return;
            }
            Slot slot = new Slot(name, event);
            backlog.add(slot);
            latestByName.put(name, slot);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                draining = false;
                backlog.clear();
                latestByName.clear();
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "listener executor refused " + event);
        }
    }

    /** Events waiting for the listeners now. */
    int pending() {
        synchronized (lock) {
            return backlog.size();
        }
    }

    private void drain() {
        while (true) {
            MembershipEvent next;
            synchronized (lock) {
                Slot slot = backlog.poll();
                if (slot == null) {
                    draining = false;
                    return;
                }
                if (latestByName.get(slot.name) == slot) {
                    latestByName.remove(slot.name);
                }
                next = slot.event;
            }
            deliver(next);
        }
    }

    private void deliver(MembershipEvent event) {
        for (MembershipListener l : registered) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                traffic.listenerFailures.increment();
                LOG.log(System.Logger.Level.WARNING, "membership listener " + l + " failed on " + event, e);
            }
        }
    }
}
