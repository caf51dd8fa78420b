package io.swimdiscovery.benchmarks.jmh;

import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import io.swimdiscovery.core.wire.DecodeResult;
import io.swimdiscovery.core.wire.PacketCodec;
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
 * Encoding and decoding whole packets through {@link PacketCodec}, the path every datagram takes,
 * in plaintext (CRC32C) and sealed (AES-256-GCM) mode.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireCodecBenchmark {

    @Param({"NONE", "REQUIRED"})
    public EncryptionMode mode;

    private PacketCodec codec;
    private Message ack;
    private Message ping;
    private Message sync;
    private byte[] ackPacket;
    private byte[] pingPacket;
    private byte[] syncFrame;

    @Setup
    public void setUp() {
        codec = new PacketCodec(CodecSamples.CLUSTER, Keyring.of(new byte[32]), mode, 1400);
        ack = CodecSamples.bareAck();
        ping = CodecSamples.pingWithGossip();
        sync = CodecSamples.sync(1_000);
        ackPacket = codec.encode(ack);
        pingPacket = codec.encode(ping);
        syncFrame = codec.encode(sync);
    }

    @Benchmark
    public byte[] encodeBareAck() {
        return codec.encode(ack);
    }

    @Benchmark
    public DecodeResult decodeBareAck() {
        return codec.decode(ackPacket, 0, ackPacket.length);
    }

    @Benchmark
    public byte[] encodePingWith8Gossip() {
        return codec.encode(ping);
    }

    @Benchmark
    public DecodeResult decodePingWith8Gossip() {
        return codec.decode(pingPacket, 0, pingPacket.length);
    }

    @Benchmark
    public byte[] encodeSync1000Members() {
        return codec.encode(sync);
    }

    @Benchmark
    public DecodeResult decodeSync1000Members() {
        return codec.decodeStream(syncFrame, 0, syncFrame.length);
    }
}
