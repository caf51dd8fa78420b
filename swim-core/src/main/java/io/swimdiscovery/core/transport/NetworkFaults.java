package io.swimdiscovery.core.transport;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.TcpRetransmission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults of a test network, shared by every {@link FaultInjectingTransport} in it and
 * switchable while nodes run: loss for every link or per destination, one-way and two-way
 * partitions, and added delay. Rules are keyed by the sender's and receiver's transport
 * addresses. Datagrams are dropped with the loss probability; streams are never "lost" (TCP
 * retransmits) but fail to connect across a partition, as a real partition would make them.
 */
public final class NetworkFaults implements AutoCloseable {

    private volatile double loss;
    private volatile Duration delay = Duration.ZERO;
    private final Map<Address, Double> lossTo = new ConcurrentHashMap<>();
    private final Set<Link> blocked = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "swim-fault-delay");
        t.setDaemon(true);
        return t;
    });

    /** A directed link. */
    record Link(Address from, Address to) {}

    /** Drops each datagram on every link with probability {@code p} (0..1). */
    public NetworkFaults loss(double p) {
        this.loss = probability(p);
        return this;
    }

    /** Drops each datagram sent to {@code to} with probability {@code p}, on top of the global loss. */
    public NetworkFaults lossTo(Address to, double p) {
        lossTo.put(to, probability(p));
        return this;
    }

    /** Delays every datagram and stream frame by {@code d}. */
    public NetworkFaults delay(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + d);
        }
        this.delay = d;
        return this;
    }

    /** Nothing sent from {@code from} reaches {@code to}; the other direction still works. */
    public NetworkFaults partitionOneWay(Address from, Address to) {
        blocked.add(new Link(from, to));
        return this;
    }

    /** Nothing passes between {@code a} and {@code b} in either direction. */
    public NetworkFaults partition(Address a, Address b) {
        return partitionOneWay(a, b).partitionOneWay(b, a);
    }

    /** Cuts {@code side} off from every address in {@code others}, both ways. */
    public NetworkFaults isolate(Address side, Iterable<Address> others) {
        for (Address other : others) {
            if (!other.equals(side)) {
                partition(side, other);
            }
        }
        return this;
    }

    /** Removes every partition; loss and delay stay. */
    public NetworkFaults heal() {
        blocked.clear();
        return this;
    }

    /** Back to a perfect network. */
    public NetworkFaults clear() {
        blocked.clear();
        lossTo.clear();
        loss = 0;
        delay = Duration.ZERO;
        return this;
    }

    boolean isBlocked(Address from, Address to) {
        return !blocked.isEmpty() && blocked.contains(new Link(from, to));
    }

    boolean dropsDatagram(Address from, Address to) {
        if (isBlocked(from, to)) {
            return true;
        }
        double p = loss;
        Double perPeer = lossTo.get(to);
        if (perPeer != null) {
            p = 1 - (1 - p) * (1 - perPeer);
        }
        return p > 0 && ThreadLocalRandom.current().nextDouble() < p;
    }

    /**
     * What the datagram loss on the link costs a short stream exchange: TCP resends, late
     * ({@link TcpRetransmission}), so loss delays a stream instead of dropping it.
     */
    long streamRetransmitNanos(Address from, Address to) {
        return TcpRetransmission.delayNanos(() -> dropsDatagram(from, to), () -> dropsDatagram(to, from));
    }

    /** Runs {@code send} now, or after the configured delay. */
    void deliver(Runnable send) {
        deliver(send, 0);
    }

    /** Runs {@code send} after the configured delay plus {@code extraNanos}. */
    void deliver(Runnable send, long extraNanos) {
        long d = delay.toNanos() + extraNanos;
        if (d == 0) {
            send.run();
        } else {
            delayer.schedule(send, d, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static double probability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be 0..1, was " + p);
        }
        return p;
    }

    /** Stops the delay thread; pending delayed packets are dropped. */
    @Override
    public void close() {
        delayer.shutdownNow();
    }
}
