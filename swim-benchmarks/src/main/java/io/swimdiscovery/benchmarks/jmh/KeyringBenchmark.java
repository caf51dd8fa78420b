package io.swimdiscovery.benchmarks.jmh;

import io.swimdiscovery.core.security.Keyring;
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
 * AES-GCM alone: sealing and opening a full 1,400-byte datagram body, and opening with the right
 * key installed second (the cost a rotation adds while old and new keys coexist).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyringBenchmark {

    private static final byte[] AAD =
            "SW\u0001\u0001orders-prod".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Param({"16", "32"})
    public int keyBytes;

    private Keyring keyring;
    private Keyring rotating;
    private byte[] buffer;
    private byte[] sealed;
    private final int plainLen = 1_400 - 4 - Keyring.OVERHEAD;

    @Setup
    public void setUp() {
        byte[] key = new byte[keyBytes];
        byte[] older = new byte[keyBytes];
        older[0] = 1;
        keyring = Keyring.of(key);
        rotating = Keyring.of(older, key);
        buffer = new byte[Keyring.OVERHEAD + plainLen];
        sealed = buffer.clone();
        keyring.seal(AAD, sealed, 0, plainLen);
    }

    @Benchmark
    public byte[] seal1400() {
        keyring.seal(AAD, buffer, 0, plainLen);
        return buffer;
    }

    @Benchmark
    public byte[] open1400() {
        return keyring.open(AAD, sealed, 0, sealed.length);
    }

    @Benchmark
    public byte[] open1400WithSecondKey() {
        return rotating.open(AAD, sealed, 0, sealed.length);
    }
}
