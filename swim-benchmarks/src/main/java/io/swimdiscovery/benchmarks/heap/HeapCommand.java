package io.swimdiscovery.benchmarks.heap;

import io.swimdiscovery.benchmarks.CliArgs;
import io.swimdiscovery.benchmarks.Command;
import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.benchmarks.jmh.SpringMetadata;
import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import io.swimdiscovery.core.wire.DecodeResult;
import io.swimdiscovery.core.wire.PacketCodec;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code heap --members N}: the heap one node spends on a table of N members with Spring-like
 * metadata (13 keys). The members arrive as a real node receives them: encoded as Sync frames by
 * the wire codec and decoded again (so every string is a fresh object, as off the network), then
 * merged into an engine, and the node's published view ({@code engine.members()} and the routable
 * list) is built and kept, as {@code SwimNode} keeps it. Prints the used heap after GC before and
 * after, and the difference per member.
 */
public final class HeapCommand implements Command {

    private static final int MEMBERS_PER_FRAME = 500;

    @Override
    public String name() {
        return "heap";
    }

    @Override
    public String usage() {
        return """
                heap [--members N]
                  Heap of one node's member table (engine + published view) holding N members (default
                  10000) with 13 Spring-like metadata keys, decoded from real Sync frames. One JSON line.""";
    }

    @Override
    public int run(CliArgs args, PrintStream out) {
        args.rejectUnknown(Set.of("members"));
        int n = args.intValue("members", 10_000, 2, 1_000_000);
        PacketCodec codec = new PacketCodec("swim", Keyring.of(new byte[32]), EncryptionMode.NONE, 1400);
        MemberId self = member(0);
        long now = 1_000_000_000L;
        SwimInstance[] holder = new SwimInstance[1];
        SwimInstance engine = new SwimInstance(
                SwimSettings.lan(), self, SpringMetadata.of(0), new SplittableRandom(1), codec.sizer(), now);
        engine.start(now);
        holder[0] = engine;
        List<byte[]> frames = new ArrayList<>();
        for (int from = 1; from < n; from += MEMBERS_PER_FRAME) {
            List<Gossip> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + MEMBERS_PER_FRAME); i++) {
                chunk.add(new Gossip(member(i), MemberStatus.ALIVE, 1, SpringMetadata.of(i), null));
            }
            frames.add(codec.encode(new Message.Sync(member(1), true, false, chunk)));
        }
        long frameBytes = 0;
        for (byte[] f : frames) {
            frameBytes += 16 + f.length;
        }
        // The frames are in this figure and released below: counted back so they do not hide table bytes.
        long before = usedAfterGc() - frameBytes;
        for (int f = 0; f < frames.size(); f++) {
            byte[] frame = frames.get(f);
            frames.set(f, null);
            DecodeResult r = codec.decodeStream(frame, 0, frame.length);
            if (!(r instanceof DecodeResult.Decoded d) || !(d.messages().get(0) instanceof Message.Sync sync)) {
                throw new IllegalStateException("frame " + f + " did not decode: " + r);
            }
            engine.preload(sync.gossip(), now);
        }
        long tableOnly = usedAfterGc();
        List<Member> view = engine.members();
        List<Member> routable =
                view.stream().filter(m -> m.status().isReachable()).toList();
        long withView = usedAfterGc();
        if (view.size() != n || routable.size() != n) {
            throw new IllegalStateException("the table holds " + view.size() + " members, expected " + n);
        }
        int check = view.get(n - 1).metadata().size();
        // The surest baseline is the same heap with the table released: what the GC frees is the table.
        long viewBytes = withView - tableOnly;
        view = List.of();
        routable = List.of();
        engine = null;
        holder[0] = null;
        // The metadata pool's weak entries for the released maps go only when the pool is next used
        // after the JVM's reference handler has queued them: a merge into a throwaway engine after
        // each collection does that, so those entries count as table bytes.
        long released = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            usedAfterGc();
            pause(200);
            new SwimInstance(
                            SwimSettings.lan(), self, SpringMetadata.of(0), new SplittableRandom(1), codec.sizer(), now)
                    .preload(List.of(new Gossip(member(1), MemberStatus.ALIVE, 1, SpringMetadata.of(1), null)), now);
            released = Math.min(released, usedAfterGc());
        }
        long tableBytes = tableOnly - released;
        out.println(new JsonLine()
                .put("members", n)
                .put("metadata_keys", SpringMetadata.KEYS)
                .put("heap_before_mb", before / 1048576.0)
                .put("heap_released_mb", released / 1048576.0)
                .put("frame_mb", frameBytes / 1048576.0)
                .put("heap_table_mb", tableBytes / 1048576.0)
                .put("bytes_per_member_table", (double) tableBytes / n)
                .put("bytes_per_member_with_view", (double) (tableBytes + viewBytes) / n)
                .put("check", check)
                .toString());
        return 0;
    }

    private static MemberId member(int i) {
        return new MemberId(
                "service-" + (i % 10) + "-" + Integer.toHexString(0x7f9c4d + i),
                new Address("10.0." + (i / 250) + "." + (i % 250 + 1), 7946),
                0x5eed_0000_0000L + i);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
