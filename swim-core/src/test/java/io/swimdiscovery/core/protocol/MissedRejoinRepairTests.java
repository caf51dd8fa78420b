package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A member rejoins under a new uid while one observer cannot check it (the member's answers to
 * that observer are lost: a storm, a one-way fault), and the gossip of the new uid is over by the
 * time the fault ends. The observer dropped the news it could not check, so it must fetch it
 * again: a push-pull soon after the failed check (never sooner than the base interval after its
 * last), not at the regular interval, which grows with n (memberlist's scaling: 90 s at 128, 180 s at 1,000).
 */
class MissedRejoinRepairTests {

    private static final long SECOND = 1_000 * TinyNetwork.MS;

    @Test
    void anObserverThatCouldNotCheckANewUid_listsItWithinTheBasePushPullIntervalOfTheFaultsEnd() {
        int n = 128;
        SwimSettings settings = SwimSettings.lan();
        long bound = settings.pushPullInterval().toNanos()
                + 3 * settings.protocolPeriod().toNanos();
        for (long seed = 1; seed <= 4; seed++) {
            TinyNetwork net = new TinyNetwork(n, settings, seed);
            net.preformAll();
            net.run(20 * SECOND);
            MemberId x = net.nodes.get(1).localMember().id();
            MemberId p = net.nodes.get(2).localMember().id();
            net.block(1, 0); // x's packets to node 0 are lost from here on
            // A member x knows tells it that it was declared dead: x rejoins under a new uid.
            net.apply(
                    1,
                    net.nodes
                            .get(1)
                            .onMessage(
                                    p.address(),
                                    new Message.GossipPush(
                                            p, List.of(new Gossip(x, MemberStatus.DEAD, 0, Map.of(), null))),
                                    net.now));
            MemberId rejoined = net.nodes.get(1).localMember().id();
            assertThat(rejoined.uid()).isNotEqualTo(x.uid());
            net.run(20 * SECOND);
            net.unblock(1, 0);
            long healed = net.now;
            assertThat(uidAt(net, 0, "n1"))
                    .as("node 0 has not taken the new uid yet (seed %d)", seed)
                    .isNotEqualTo(rejoined.uid());
            while (net.now - healed < bound && uidAt(net, 0, "n1") != rejoined.uid()) {
                net.run(SECOND);
            }
            assertThat(uidAt(net, 0, "n1"))
                    .as("node 0 lists the rejoined uid within %d s of the fault's end (seed %d)", bound / SECOND, seed)
                    .isEqualTo(rejoined.uid());
            System.out.printf(
                    "seed %d: node 0 took the new uid %.0f s after the fault ended%n", seed, (net.now - healed) / 1e9);
        }
    }

    private static long uidAt(TinyNetwork net, int observer, String name) {
        return net.nodes.get(observer).members().stream()
                .filter(m -> m.name().equals(name) && m.status() == MemberStatus.ALIVE)
                .mapToLong(m -> m.id().uid())
                .findFirst()
                .orElse(0);
    }
}
