package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.core.protocol.SwimInstance;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Runs a {@link SwimInstance} in the simulator; a pass-through so the engine itself is what is tested. */
final class SwimProtocol implements SimulatedProtocol {

    private final SwimInstance instance;

    SwimProtocol(SwimInstance instance) {
        this.instance = instance;
    }

    SwimInstance instance() {
        return instance;
    }

    @Override
    public List<Directive> start(long nowNanos) {
        return instance.start(nowNanos);
    }

    @Override
    public List<Directive> join(Collection<Address> seeds, long nowNanos) {
        return instance.join(seeds, nowNanos);
    }

    @Override
    public List<Directive> onMessage(Message message, long nowNanos) {
        throw new IllegalStateException("the simulator passes every message with its source address");
    }

    @Override
    public List<Directive> onMessage(Address from, Message message, long nowNanos) {
        return instance.onMessage(from, message, nowNanos);
    }

    @Override
    public List<Directive> onConnectionRefused(Address to, Message message, long nowNanos) {
        return instance.onConnectionRefused(to, message, nowNanos);
    }

    @Override
    public List<Directive> preload(Collection<Gossip> view, long nowNanos) {
        return instance.preload(view, nowNanos);
    }

    @Override
    public List<Directive> onTick(long nowNanos) {
        return instance.onTick(nowNanos);
    }

    @Override
    public List<Directive> onReliableSendFailed(Address to, Message message, long nowNanos) {
        return instance.onReliableSendFailed(to, message, nowNanos);
    }

    @Override
    public List<Directive> leave(long nowNanos) {
        return instance.leave(nowNanos);
    }

    @Override
    public boolean hasLeaveDisseminated() {
        return instance.hasLeaveDisseminated();
    }

    @Override
    public List<Directive> updateMetadata(Map<String, String> metadata, long nowNanos) {
        return instance.updateMetadata(metadata, nowNanos);
    }

    @Override
    public Member localMember() {
        return instance.localMember();
    }

    @Override
    public List<Member> members() {
        return instance.members();
    }

    @Override
    public List<Directive> yieldRole(java.time.Duration holdOff, long nowNanos) {
        return instance.yieldRole(holdOff, nowNanos);
    }

    @Override
    public RoleState roleState() {
        return instance.roleState();
    }
}
