package io.swimdiscovery.core.transport;

import io.swimdiscovery.core.protocol.Address;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link Transport} decorator for tests that applies a shared {@link NetworkFaults} to what
 * this node sends: faults act at the sender, keyed by the sender's and receiver's addresses, so
 * one rule set describes the whole test network and can be changed while it runs.
 */
public final class FaultInjectingTransport implements Transport {

    private final Transport delegate;
    private final NetworkFaults faults;

    public FaultInjectingTransport(Transport delegate, NetworkFaults faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public Address localAddress() {
        return delegate.localAddress();
    }

    @Override
    public void sendDatagram(Address to, byte[] packet) {
        if (faults.dropsDatagram(delegate.localAddress(), to)) {
            return;
        }
        try {
            faults.deliver(() -> delegate.sendDatagram(to, packet));
        } catch (RejectedExecutionException faultsClosed) {
            // The test network is gone: the packet is lost, as on a real one.
        }
    }

    @Override
    public CompletableFuture<Void> sendStream(Address to, byte[] packet) {
        if (faults.isBlocked(delegate.localAddress(), to)) {
            return CompletableFuture.failedFuture(new IOException("partitioned from " + to + " (injected)"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        long retransmits = faults.streamRetransmitNanos(delegate.localAddress(), to);
        try {
            faults.deliver(
                    () -> delegate.sendStream(to, packet).whenComplete((ok, error) -> {
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else {
                            done.complete(null);
                        }
                    }),
                    retransmits);
        } catch (RejectedExecutionException faultsClosed) {
            done.completeExceptionally(new IOException("test network closed"));
        }
        return done;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
