package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The processes on the simulated hosts: their life cycle (start, crash, kill, restart, pause,
 * slowness, leave), their timers, the directives they return, and the record of every process
 * start ({@link ProcessLifetime}), the ground truth accuracy is judged against.
 */
final class SimProcesses {

    private final SimNode[] nodes;
    private final SimScheduler scheduler;
    private final SimNetwork network;
    private final SimObserver observer;
    private final RandomStreams streams;
    private final SwimSettings settings;
    private final ProtocolFactory protocolFactory;
    private final PacketSizer sizer;
    private final int[] seedIndexes;
    private final SplittableRandom scenarioRandom;
    private final boolean preformed;
    private final long leaveTimeoutNanos;
    private final ArrayList<ProcessLifetime> lifetimes = new ArrayList<>();
    private final Map<Long, Integer> lifetimeByUid = new HashMap<>();
    /** Node whose protocol is being called, for the error message if it throws; -1 outside calls. */
    private int callingNode = -1;

    SimProcesses(
            SimNode[] nodes,
            SimScheduler scheduler,
            SimNetwork network,
            SimObserver observer,
            RandomStreams streams,
            SwimSettings settings,
            ProtocolFactory protocolFactory,
            PacketSizer sizer,
            int[] seedIndexes,
            SplittableRandom scenarioRandom,
            boolean preformed,
            long leaveTimeoutNanos) {
        this.nodes = nodes;
        this.scheduler = scheduler;
        this.network = network;
        this.observer = observer;
        this.streams = streams;
        this.settings = settings;
        this.protocolFactory = protocolFactory;
        this.sizer = sizer;
        this.seedIndexes = seedIndexes;
        this.scenarioRandom = scenarioRandom;
        this.preformed = preformed;
        this.leaveTimeoutNanos = leaveTimeoutNanos;
    }

    // ------------------------------------------------------------------ life cycle

    /** Starts a new process on the node: a new uid, a fresh protocol that joins through the seeds. */
    void startProcess(SimNode node) {
        long now = scheduler.now();
        node.generation++;
        SplittableRandom idRandom = streams.fork(RandomStreams.IDENTITY, node.index, node.generation);
        // Larger generation, larger uid: a restart always outranks the process it replaces.
        long uid = ((long) (node.generation + 1) << 40) | (idRandom.nextLong() & ((1L << 40) - 1));
        MemberId id = new MemberId(node.name, node.address, uid);
        node.id = id;
        node.state = SimNode.UP;
        node.tickToken++;
        node.tickAtNanos = Long.MAX_VALUE;
        node.tickDeferred = false;
        node.backlog.clear();
        observer.processStarted(node);
        node.lifetimeIndex = lifetimes.size();
        lifetimes.add(new ProcessLifetime(id, node.index, now, Long.MAX_VALUE, false));
        lifetimeByUid.put(uid, node.lifetimeIndex);
        callingNode = node.index;
        SimulatedProtocol protocol = protocolFactory.create(
                settings,
                id,
                node.metadata,
                streams.fork(RandomStreams.ENGINE, node.index, node.generation),
                sizer,
                node.localTime(now));
        node.protocol = protocol;
        apply(node, protocol.start(node.localTime(now)));
        List<Address> seeds =
                preformed && node.generation == 0 && !observer.isHeldBack(node.index) ? List.of() : seedsFor(node);
        if (!seeds.isEmpty() && node.isProcessing()) {
            apply(node, protocol.join(seeds, node.localTime(now)));
        }
    }

    /** The process stops for good: {@link SimNode#CRASHED} (host gone), {@link SimNode#KILLED} or {@link SimNode#LEFT}. */
    void stop(SimNode node, int finalState) {
        node.state = finalState;
        node.tickToken++;
        node.tickAtNanos = Long.MAX_VALUE;
        node.tickDeferred = false;
        node.backlog.clear();
        ProcessLifetime l = lifetimes.get(node.lifetimeIndex);
        lifetimes.set(
                node.lifetimeIndex,
                new ProcessLifetime(
                        l.id(), l.index(), l.startedAtNanos(), scheduler.now(), finalState == SimNode.LEFT));
    }

    void pause(SimNode node, long durationNanos) {
        node.state = SimNode.PAUSED;
        node.pauseToken++;
        scheduler.pushIn(durationNanos, SimScheduler.RESUME, node.index, node.pauseToken, 0, null, null);
    }

    /** The pause is over: handle the backlog in arrival order, then the tick that came due meanwhile. */
    private void resume(SimNode node) {
        node.state = SimNode.UP;
        network.deliverBacklog(node);
        if (node.tickDeferred && node.isProcessing()) {
            node.tickDeferred = false;
            apply(node, protocolOf(node).onTick(node.localTime(scheduler.now())));
        }
    }

    void leave(SimNode node) {
        node.state = SimNode.LEAVING;
        scheduler.pushIn(leaveTimeoutNanos, SimScheduler.LEAVE_DEADLINE, node.index, node.generation, 0, null, null);
        guarded(node, () -> apply(node, protocolOf(node).leave(node.localTime(scheduler.now()))));
    }

    void yieldRole(SimNode node, java.time.Duration holdOff) {
        guarded(node, () -> apply(node, protocolOf(node).yieldRole(holdOff, node.localTime(scheduler.now()))));
    }

    void updateMetadata(SimNode node, Map<String, String> metadata) {
        node.metadata = Map.copyOf(metadata);
        guarded(
                node,
                () -> apply(node, protocolOf(node).updateMetadata(node.metadata, node.localTime(scheduler.now()))));
    }

    /**
     * Hands every node the full state of the cluster, every member alive at incarnation 0, as if
     * each had just completed a sync with a member that knew everyone, but silently
     * ({@link SimulatedProtocol#preload}): no events, no gossip, no traffic. It stands for the join
     * that {@link Simulation.Builder#preformed(boolean)} skips.
     */
    void preform() {
        List<Gossip> everyone = new ArrayList<>(nodes.length);
        BitSet started = new BitSet(nodes.length);
        for (SimNode n : nodes) {
            if (n.id != null) {
                everyone.add(new Gossip(n.id, MemberStatus.ALIVE, 0, n.metadata, null));
                started.set(n.index);
            }
        }
        List<Gossip> state = List.copyOf(everyone);
        for (SimNode n : nodes) {
            if (!n.isProcessing()) {
                continue;
            }
            callingNode = n.index;
            apply(n, protocolOf(n).preload(state, n.localTime(scheduler.now())));
            observer.preloaded(n, started);
        }
    }

    /** The configured seeds other than the node itself; if that leaves none, one random up node. */
    private List<Address> seedsFor(SimNode node) {
        List<Address> seeds = new ArrayList<>(seedIndexes.length);
        for (int s : seedIndexes) {
            if (s != node.index) {
                seeds.add(nodes[s].address);
            }
        }
        if (seeds.isEmpty()) {
            List<Integer> up = new ArrayList<>();
            for (SimNode n : nodes) {
                if (n.isUp() && n.index != node.index) {
                    up.add(n.index);
                }
            }
            if (!up.isEmpty()) {
                seeds.add(nodes[up.get(scenarioRandom.nextInt(up.size()))].address);
            }
        }
        return seeds;
    }

    // ------------------------------------------------------------------ events and directives

    /** A {@link SimScheduler#TICK}, {@link SimScheduler#RESUME}, {@link SimScheduler#LEAVE_DEADLINE} or {@link SimScheduler#START} event. */
    void handle(int kind, int slot) {
        EventQueue q = scheduler.queue();
        SimNode node = nodes[q.node(slot)];
        if (kind == SimScheduler.TICK) {
            if (q.aux(slot) != node.tickToken) {
                return;
            }
            node.tickAtNanos = Long.MAX_VALUE;
            if (node.state == SimNode.PAUSED) {
                node.tickDeferred = true;
            } else if (node.isProcessing()) {
                apply(node, protocolOf(node).onTick(node.localTime(scheduler.now())));
            }
        } else if (kind == SimScheduler.RESUME) {
            if (q.aux(slot) == node.pauseToken && node.state == SimNode.PAUSED) {
                resume(node);
            }
        } else if (kind == SimScheduler.LEAVE_DEADLINE) {
            if (q.aux(slot) == node.generation && node.state == SimNode.LEAVING) {
                stop(node, SimNode.LEFT);
            }
        } else if (kind == SimScheduler.START) {
            if (node.state == SimNode.NOT_STARTED) {
                startProcess(node);
            }
        } else {
            throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    /** Carries out what the node's protocol returned, in order. */
    void apply(SimNode node, List<Directive> directives) {
        for (int i = 0, n = directives.size(); i < n; i++) {
            Directive d = directives.get(i);
            if (d instanceof Directive.Send s) {
                network.send(node, s.to(), s.message(), false);
            } else if (d instanceof Directive.ScheduleTick t) {
                scheduleTick(node, t.atNanos());
            } else if (d instanceof Directive.Publish p) {
                if (p.event().member().id().name().equals(node.name)) {
                    adoptNewIdentity(node);
                }
                observer.publish(node, p.event());
            } else if (d instanceof Directive.SendReliable r) {
                network.send(node, r.to(), r.message(), true);
            }
        }
        if (node.state == SimNode.LEAVING && protocolOf(node).hasLeaveDisseminated()) {
            stop(node, SimNode.LEFT);
        }
    }

    /**
     * A process may take a new uid while it runs (an engine that learns it was declared dead rejoins
     * as a new member: dead is final for a uid). It then publishes an event about itself, which is
     * when this looks: the old identity's lifetime ends now, the new one's starts, and nobody is
     * assumed to know the new uid yet (the process keeps its own view), so the ground truth and {@link Simulation#isConverged()}
     * follow the process under its new name.
     */
    private void adoptNewIdentity(SimNode node) {
        MemberId current = protocolOf(node).localMember().id();
        MemberId known = node.id;
        if (known == null || current.equals(known) || !node.isUp()) {
            return;
        }
        long now = scheduler.now();
        ProcessLifetime old = lifetimes.get(node.lifetimeIndex);
        lifetimes.set(node.lifetimeIndex, new ProcessLifetime(old.id(), old.index(), old.startedAtNanos(), now, false));
        node.id = current;
        node.lifetimeIndex = lifetimes.size();
        lifetimes.add(new ProcessLifetime(current, node.index, now, Long.MAX_VALUE, false));
        lifetimeByUid.put(current.uid(), node.lifetimeIndex);
        observer.processRenamed(node);
    }

    private void scheduleTick(SimNode node, long atNanos) {
        long at = Math.max(node.virtualTime(atNanos), scheduler.now());
        if (at == node.tickAtNanos) {
            return;
        }
        node.tickToken++;
        node.tickAtNanos = at;
        scheduler.push(at, SimScheduler.TICK, node.index, node.tickToken, 0, null, null);
    }

    // ------------------------------------------------------------------ bookkeeping

    List<ProcessLifetime> lifetimes() {
        return lifetimes;
    }

    @Nullable
    ProcessLifetime lifetime(long uid) {
        Integer i = lifetimeByUid.get(uid);
        return i == null ? null : lifetimes.get(i);
    }

    SimulatedProtocol protocolOf(SimNode node) {
        SimulatedProtocol p = node.protocol;
        if (p == null) {
            throw new IllegalStateException(node.name + " has not started yet");
        }
        return p;
    }

    /** The protocol of {@code node} is about to be called (for the error message if it throws). */
    void calling(int index) {
        callingNode = index;
    }

    /** Runs a call into a node's protocol from outside an event, with the same error reporting. */
    void guarded(SimNode node, Runnable call) {
        callingNode = node.index;
        try {
            call.run();
        } catch (SimulationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            callingNode = -1;
        }
    }

    /** The error for an exception thrown inside the simulation: who threw, when, and the seed to replay. */
    SimulationException failure(RuntimeException e) {
        String who =
                callingNode >= 0 ? nodes[callingNode].name + " (" + nodes[callingNode].id + ")" : "a scheduled action";
        return new SimulationException(
                who + " threw at virtual time " + String.format(java.util.Locale.ROOT, "%.6f", scheduler.now() / 1e9)
                        + " s; replay with seed " + streams.seed() + ": " + e,
                e);
    }
}
