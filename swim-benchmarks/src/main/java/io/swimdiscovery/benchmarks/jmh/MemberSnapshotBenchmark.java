package io.swimdiscovery.benchmarks.jmh;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one rebuild of the node's member snapshot costs the protocol thread (the work of {@code
 * MembershipView.rebuild}: the engine's member list and the routable filter),
 * at 1,000 and 10,000 members with 13 metadata keys each. The node spaces rebuilds for events
 * 1 µs per member apart from 1,000 members on; this figure is what each one costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemberSnapshotBenchmark {

    @Param({"1000", "10000"})
    public int members;

    private SwimInstance engine;

    @Setup
    public void setUp() {
        engine = new SwimInstance(
                SwimSettings.lan(),
                new MemberId("self", new Address("10.0.0.1", 7946), 1),
                Map.of(),
                new SplittableRandom(1),
                PacketSizer.ESTIMATE,
                0);
        Map<String, String> metadata = new HashMap<>();
        for (int k = 0; k < 13; k++) {
            metadata.put("key-" + k, "value-" + k);
        }
        List<Gossip> view = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            Address a = new Address("10.1." + (i / 250) + "." + (i % 250), 7946);
            view.add(new Gossip(new MemberId("m" + i, a, 1), MemberStatus.ALIVE, 0, Map.copyOf(metadata), null));
        }
        engine.preload(view, 0);
    }

    /**
     * As {@code MembershipView.rebuild} does since members are reused: the engine's list (each
     * unchanged member the same snapshot as last time), the routable filter, which is the same
     * list when every member is reachable, and no further copies. Between two calls nothing
     * changes here; in a join one or a few members change between rebuilds.
     */
    @Benchmark
    public int rebuild() {
        List<Member> all = Collections.unmodifiableList(engine.members());
        int reachable = 0;
        for (Member m : all) {
            if (m.status().isReachable()) {
                reachable++;
            }
        }
        if (reachable == all.size()) {
            return all.size() * 2;
        }
        List<Member> routable = new ArrayList<>(reachable);
        for (Member m : all) {
            if (m.status().isReachable()) {
                routable.add(m);
            }
        }
        return all.size() + Collections.unmodifiableList(routable).size();
    }
}
