package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The smallest network that runs several engines in virtual time, for the engine's own tests:
 * fixed latency, no loss, crash only. The simulator in {@code sim} is the full-featured one.
 */
final class TinyNetwork {

    static final long MS = 1_000_000L;

    private record Event(long at, long seq, int node, Message message, boolean tick, Address from) {}

    final List<SwimInstance> nodes = new ArrayList<>();
    final List<List<MembershipEvent>> events = new ArrayList<>();
    private final Map<Address, Integer> byAddress = new HashMap<>();
    private final Set<Integer> crashed = new HashSet<>();
    private final PriorityQueue<Event> queue =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final long[] tickAt;
    private long seq;
    private final SplittableRandom lossRandom;
    private double loss;
    long now;

    TinyNetwork(int n, SwimSettings settings, long seed) {
        tickAt = new long[n];
        SplittableRandom root = new SplittableRandom(seed);
        lossRandom = root.split();
        for (int i = 0; i < n; i++) {
            MemberId id = new MemberId("n" + i, new Address("10.0.0." + i, 7946), 1);
            nodes.add(new SwimInstance(settings, id, Map.of(), root.split(), PacketSizer.ESTIMATE, 0));
            events.add(new ArrayList<>());
            byAddress.put(id.address(), i);
        }
    }

    void joinAllThrough(int seedNode) {
        Address seed = nodes.get(seedNode).localMember().address();
        for (int i = 0; i < nodes.size(); i++) {
            apply(i, nodes.get(i).join(i == seedNode ? List.of() : List.of(seed), now));
        }
    }

    /** Drops each best-effort message with probability {@code loss}. */
    void loss(double loss) {
        this.loss = loss;
    }

    private final Map<Integer, Long> slow = new HashMap<>();

    /** Every message {@code node} handles waits {@code delayNanos} first. */
    void slow(int node, long delayNanos) {
        slow.put(node, delayNanos);
    }

    /** Every member starts knowing every other alive (a formed cluster), then ticks. */
    void preformAll() {
        List<Gossip> view = new ArrayList<>(nodes.size());
        for (SwimInstance node : nodes) {
            view.add(new Gossip(node.localMember().id(), MemberStatus.ALIVE, 0, Map.of(), null));
        }
        for (int i = 0; i < nodes.size(); i++) {
            apply(i, nodes.get(i).start(now));
            apply(i, nodes.get(i).preload(view, now));
        }
    }

    void crash(int node) {
        crashed.add(node);
    }

    void run(long durationNanos) {
        long end = now + durationNanos;
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Event e = queue.poll();
            now = e.at;
            if (crashed.contains(e.node)) {
                continue;
            }
            if (e.tick) {
                if (tickAt[e.node] == e.at) {
                    apply(e.node, nodes.get(e.node).onTick(now));
                }
            } else {
                apply(e.node, nodes.get(e.node).onMessage(e.from, e.message, now));
            }
        }
        now = end;
    }

    void apply(int node, List<Directive> directives) {
        for (Directive d : directives) {
            if (d instanceof Directive.Send s) {
                if (loss == 0 || lossRandom.nextDouble() >= loss) {
                    deliver(node, s.to(), s.message());
                }
            } else if (d instanceof Directive.SendReliable s) {
                deliver(node, s.to(), s.message());
            } else if (d instanceof Directive.Publish p) {
                events.get(node).add(p.event());
            } else if (d instanceof Directive.ScheduleTick t) {
                tickAt[node] = t.atNanos();
                queue.add(new Event(t.atNanos(), seq++, node, null, true, null));
            }
        }
    }

    private final Set<Long> blocked = new HashSet<>();

    /** Drops everything {@code from} sends to {@code to} (one way) until {@link #unblock}. */
    void block(int from, int to) {
        blocked.add(((long) from << 32) | to);
    }

    void unblock(int from, int to) {
        blocked.remove(((long) from << 32) | to);
    }

    private void deliver(int from, Address to, Message message) {
        Integer target = byAddress.get(to);
        if (target != null && !blocked.contains(((long) from << 32) | target)) {
            queue.add(new Event(
                    now + MS + slow.getOrDefault(target, 0L),
                    seq++,
                    target,
                    message,
                    false,
                    nodes.get(from).localMember().address()));
        }
    }

    /** Status of {@code member} as {@code observer} sees it, or null if unknown. */
    MemberStatus statusAt(int observer, int member) {
        String name = "n" + member;
        return nodes.get(observer).members().stream()
                .filter(m -> m.name().equals(name))
                .map(Member::status)
                .findFirst()
                .orElse(null);
    }
}
