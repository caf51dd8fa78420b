package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.RoleState;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A membership protocol the simulator can run on each node: the inputs of
 * {@link io.swimdiscovery.core.protocol.SwimInstance}, answered with the same {@link Directive}s.
 * SWIM is the default ({@link ProtocolFactory#swim()}); {@link HeartbeatDetector} is the
 * all-to-all baseline it is compared with. Implementations are single-threaded and pure.
 */
public interface SimulatedProtocol {

    List<Directive> start(long nowNanos);

    List<Directive> join(Collection<Address> seeds, long nowNanos);

    List<Directive> onMessage(Message message, long nowNanos);

    /** the message arrived from {@code from}: the datagram's or stream's source address */
    default List<Directive> onMessage(Address from, Message message, long nowNanos) {
        return onMessage(message, nowNanos);
    }

    /**
     * Starts knowing {@code view} silently (no events, nothing queued for gossip), for
     * {@link Simulation.Builder#preformed(boolean)}. Protocols that cannot do that keep the default,
     * and such simulations cannot start preformed.
     */
    default List<Directive> preload(Collection<Gossip> view, long nowNanos) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot start preformed");
    }

    List<Directive> onTick(long nowNanos);

    List<Directive> onReliableSendFailed(Address to, Message message, long nowNanos);

    /**
     * A {@link Directive.SendReliable} to {@code to} was refused: the host is there but nothing
     * listens on the port (the process is gone). The simulator reports it one round trip after the
     * send when the receiver was {@linkplain Simulation#kill killed}; a {@linkplain Simulation#crash
     * crashed} receiver's host does not answer, and {@link #onReliableSendFailed} follows the connect
     * timeout instead. Protocols that make nothing of the difference keep this default.
     */
    default List<Directive> onConnectionRefused(Address to, Message message, long nowNanos) {
        return List.of();
    }

    List<Directive> leave(long nowNanos);

    /** Whether the leave went out, so the simulator may stop the node. */
    boolean hasLeaveDisseminated();

    List<Directive> updateMetadata(Map<String, String> metadata, long nowNanos);

    /** This member as it is now. */
    Member localMember();

    /** Every member this node knows, itself and tombstones included. */
    List<Member> members();

    /** Gives up the primary role and claims nothing for {@code holdOff}; protocols without roles do nothing. */
    default List<Directive> yieldRole(java.time.Duration holdOff, long nowNanos) {
        return List.of();
    }

    /** Whom this node follows as its role group's primary; {@link RoleState#NONE} for protocols without roles. */
    default RoleState roleState() {
        return RoleState.NONE;
    }
}
