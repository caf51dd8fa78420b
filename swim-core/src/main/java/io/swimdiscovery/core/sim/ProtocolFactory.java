package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Creates the protocol of one simulated process start (a restart gets a fresh one with a new uid). */
@FunctionalInterface
public interface ProtocolFactory {

    SimulatedProtocol create(
            SwimSettings settings,
            MemberId self,
            Map<String, String> metadata,
            RandomGenerator random,
            PacketSizer sizer,
            long nowNanos);

    /** The SWIM engine with Lifeguard: one {@link SwimInstance} per process. */
    static ProtocolFactory swim() {
        return (settings, self, metadata, random, sizer, now) ->
                new SwimProtocol(new SwimInstance(settings, self, metadata, random, sizer, now));
    }

    /** The SWIM engine taking part in a role group (docs/roles.md). */
    static ProtocolFactory swim(RoleSettings roles) {
        return (settings, self, metadata, random, sizer, now) ->
                new SwimProtocol(new SwimInstance(settings, roles, self, metadata, random, sizer, now));
    }
}
