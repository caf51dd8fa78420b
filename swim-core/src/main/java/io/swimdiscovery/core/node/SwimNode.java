package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.seed.SeedProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One SWIM member on real sockets: a {@code SwimInstance} driven by a single event-loop thread,
 * UDP for probes and gossip, TCP for full-state sync. Listeners run on a separate executor.
 *
 * <pre>{@code
 * SwimNode node = SwimNode.builder().name("orders-1").bindPort(7946)
 *         .seeds(SeedProvider.of(List.of(Address.parse("10.0.0.5:7946")))).build();
 * node.start();
 * node.join().get(10, SECONDS);
 * }</pre>
 */
public final class SwimNode implements AutoCloseable {

    private SwimNode(Builder builder) {
        throw new UnsupportedOperationException("runtime lands with the transport work");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the sockets and starts the protocol (alone until {@link #join()}). Idempotent. */
    public void start() { throw new UnsupportedOperationException(); }

    /**
     * Joins through the configured seeds. Completes when at least one seed answered; completes
     * exceptionally with a message naming the seeds tried if none did within the join timeout, and
     * keeps retrying in the background either way. With no seeds it completes at once.
     */
    public CompletableFuture<Void> join() { throw new UnsupportedOperationException(); }

    /** Leaves gracefully: gossips left(self), waits up to {@code timeout} for it to go out, then stops. */
    public CompletableFuture<Void> leave(Duration timeout) { throw new UnsupportedOperationException(); }

    /** Stops without leaving (peers will detect the failure). Idempotent. */
    @Override
    public void close() { throw new UnsupportedOperationException(); }

    /** Every member known, this node included, with dead and left tombstones. */
    public List<Member> members() { throw new UnsupportedOperationException(); }

    /** This node as a member (address reflects the bound port when port 0 was asked). */
    public Member localMember() { throw new UnsupportedOperationException(); }

    /** Publishes new metadata (raises the incarnation); completes once the engine took it. */
    public CompletableFuture<Void> updateMetadata(Map<String, String> metadata) { throw new UnsupportedOperationException(); }

    public void addListener(MembershipListener listener) { throw new UnsupportedOperationException(); }

    public void removeListener(MembershipListener listener) { throw new UnsupportedOperationException(); }

    /** Counters now. */
    public NodeStatistics statistics() { throw new UnsupportedOperationException(); }

    /** Whether the node is started and not closed. */
    public boolean isRunning() { throw new UnsupportedOperationException(); }

    /** Builder; every setting has a default that works on one host. */
    public static final class Builder {
        String name = "";
        String clusterName = "swim";
        String bindHost = "0.0.0.0";
        int bindPort = 7946;
        String advertiseHost = "";
        int advertisePort = -1;
        SwimSettings settings = SwimSettings.lan();
        Map<String, String> metadata = Map.of();
        SeedProvider seeds = SeedProvider.none();
        List<byte[]> keys = List.of();
        EncryptionMode encryptionMode = EncryptionMode.NONE;
        Duration joinTimeout = Duration.ofSeconds(10);
        Executor listenerExecutor;

        private Builder() {
        }

        /** Unique member name; defaults to {@code host:port}. */
        public Builder name(String v) { this.name = v; return this; }
        /** Cluster name, authenticated in every sealed packet and checked in plaintext ones. */
        public Builder clusterName(String v) { this.clusterName = v; return this; }
        public Builder bindHost(String v) { this.bindHost = v; return this; }
        /** Port for UDP and TCP; 0 picks a free one. */
        public Builder bindPort(int v) { this.bindPort = v; return this; }
        /** Address peers use; defaults to the bind address, or the first site-local address for 0.0.0.0. */
        public Builder advertiseHost(String v) { this.advertiseHost = v; return this; }
        public Builder advertisePort(int v) { this.advertisePort = v; return this; }
        public Builder settings(SwimSettings v) { this.settings = v; return this; }
        public Builder metadata(Map<String, String> v) { this.metadata = Map.copyOf(v); return this; }
        public Builder seeds(SeedProvider v) { this.seeds = v; return this; }
        /** Keyring: the first key seals, every key is tried to open. 16, 24 or 32 bytes each. */
        public Builder keys(List<byte[]> v) { this.keys = List.copyOf(v); return this; }
        public Builder encryptionMode(EncryptionMode v) { this.encryptionMode = v; return this; }
        public Builder joinTimeout(Duration v) { this.joinTimeout = v; return this; }
        /** Where listeners run; defaults to one daemon thread per node. */
        public Builder listenerExecutor(Executor v) { this.listenerExecutor = v; return this; }

        /** @throws IllegalArgumentException naming the first setting that is wrong */
        public SwimNode build() {
            return new SwimNode(this);
        }
    }
}
