package io.swimdiscovery.benchmarks.jmh;

import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.wire.WirePacketSizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The sizer the engine asks once per gossip item per outgoing packet while filling the budget. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketSizerBenchmark {

    private WirePacketSizer sizer;
    private Gossip gossip;
    private Message ping;

    @Setup
    public void setUp() {
        sizer = new WirePacketSizer(CodecSamples.CLUSTER);
        gossip = CodecSamples.gossip(7);
        ping = CodecSamples.pingWithGossip();
    }

    @Benchmark
    public int sizeOfGossip() {
        return sizer.sizeOf(gossip);
    }

    @Benchmark
    public int baseSizeOfPing() {
        return sizer.baseSizeOf(ping);
    }
}
