package io.swimdiscovery.benchmarks.jmh;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.wire.WirePacketSizer;
import java.util.ArrayList;
import java.util.List;
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
 * The engine's work per input on a node holding a large table: one gossip item merged into it
 * (news: an incarnation bump; and a duplicate, the common case), and a push-pull digest compared
 * with the table's (equal: the steady state; different: the node answers with its full state).
 * Members carry Spring-like metadata (13 keys, {@link SpringMetadata}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MemberTableBenchmark {

    @Param({"10000"})
    public int members;

    private SwimInstance engine;
    private final List<Gossip> known = new ArrayList<>();
    private long[] incarnation;
    private int next;
    private MemberId sender;
    private Address from;
    private long digest;
    private Message.SyncDigest oneBucketDifferent;
    private final long now = 1_000_000_000L;

    @Setup
    public void setUp() {
        MemberId self = CodecSamples.member(0);
        engine = new SwimInstance(
                SwimSettings.lan(),
                self,
                SpringMetadata.of(0),
                new SplittableRandom(1),
                new WirePacketSizer(CodecSamples.CLUSTER),
                now);
        engine.start(now);
        incarnation = new long[members];
        for (int i = 1; i < members; i++) {
            known.add(new Gossip(CodecSamples.member(i), MemberStatus.ALIVE, 0, SpringMetadata.of(i), null));
        }
        engine.preload(known, now);
        sender = CodecSamples.member(1);
        from = sender.address();
        digest = digestOfTable();
        oneBucketDifferent = oneBucketDifferent();
    }

    /**
     * The table's digest, computed here as the engine defines it (docs/protocol.md, anti-entropy:
     * the sum of a mixed hash of name, uid, incarnation and status over the live members), and
     * checked against the engine: an equal digest draws no full state.
     */
    private long digestOfTable() {
        long sum = entryHash(engine.localMember().id(), 0);
        for (Gossip g : known) {
            sum += entryHash(g.member(), g.incarnation());
        }
        List<Directive> out = engine.onMessage(from, new Message.SyncDigest(sender, sum), now);
        if (!out.isEmpty()) {
            throw new IllegalStateException("the computed digest is not the engine's: " + out.size() + " directives");
        }
        return sum;
    }

    /** Our own bucket sums (the answer to a differing digest), with bucket 0 changed. */
    private Message.SyncDigest oneBucketDifferent() {
        for (Directive d : engine.onMessage(from, new Message.SyncDigest(sender, digest + 1), now)) {
            if (d instanceof Directive.SendReliable r && r.message() instanceof Message.SyncDigest sums) {
                List<Integer> changed = new ArrayList<>(sums.bucketSums());
                changed.set(0, changed.get(0) + 1);
                return new Message.SyncDigest(sender, digest + 1, changed);
            }
        }
        throw new IllegalStateException("a differing digest drew no bucket sums");
    }

    private static long entryHash(MemberId id, long incarnation) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.name().length(); i++) {
            h = (h ^ id.name().charAt(i)) * 0x100000001b3L;
        }
        h = mix(h ^ id.uid());
        h = mix(h ^ incarnation);
        return mix(h ^ MemberStatus.ALIVE.ordinal());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** News: member i's next incarnation, from a peer's gossip. Re-indexes the entry and queues the news. */
    @Benchmark
    public List<Directive> mergeNews() {
        int i = 1 + (next++ % (members - 1));
        long inc = ++incarnation[i];
        Gossip g = new Gossip(
                known.get(i - 1).member(),
                MemberStatus.ALIVE,
                inc,
                known.get(i - 1).metadata(),
                null);
        return engine.onMessage(from, new Message.GossipPush(sender, List.of(g)), now);
    }

    /** A duplicate: what this node already holds (most gossip a node hears is not news). */
    @Benchmark
    public List<Directive> mergeDuplicate() {
        int i = 1 + (next++ % (members - 1));
        Gossip g = new Gossip(
                known.get(i - 1).member(),
                MemberStatus.ALIVE,
                incarnation[i],
                known.get(i - 1).metadata(),
                null);
        return engine.onMessage(from, new Message.GossipPush(sender, List.of(g)), now);
    }

    /** A push-pull digest equal to the table's: O(1), nothing sent. */
    @Benchmark
    public List<Directive> compareEqualDigest() {
        return engine.onMessage(from, new Message.SyncDigest(sender, digest), now);
    }

    /** A digest that differs: the node answers with its bucket sums (1,024 at this size). */
    @Benchmark
    public List<Directive> compareDifferentDigest() {
        return engine.onMessage(from, new Message.SyncDigest(sender, digest + 1), now);
    }

    /**
     * The peer's bucket sums, one bucket different from ours: the node sends its members of that
     * bucket (one pass over the table, about 10 members copied).
     */
    @Benchmark
    public List<Directive> answerBucketSumsWithOneBucketDifferent() {
        return engine.onMessage(from, oneBucketDifferent, now);
    }
}
