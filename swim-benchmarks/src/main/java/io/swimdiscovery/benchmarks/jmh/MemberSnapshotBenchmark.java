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
 * MembershipView.rebuild}: the engine's member list, the routable filter, two immutable copies),
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

    @Benchmark
    public int rebuild() {
        List<Member> all = engine.members();
        List<Member> routable = new ArrayList<>(all.size());
        for (Member m : all) {
            if (m.status().isReachable()) {
                routable.add(m);
            }
        }
        return List.copyOf(all).size() + List.copyOf(routable).size();
    }
}
