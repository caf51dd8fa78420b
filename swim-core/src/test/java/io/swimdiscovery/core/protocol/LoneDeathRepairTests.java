package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One member alone holds a live member dead (it missed the refutation: a CPU-starved process
 * during a mass join, the case the 1,000-node real-socket run left unrepaired). Dead is final for
 * the uid, so the live member must rejoin under a new uid; this checks that it learns so within
 * seconds, however large the cluster, instead of when a death gossip happens to reach it or its
 * round-robin probe reaches the lone holder (n periods: measured 2 to 135 s at n = 128 before the
 * direct death notice, 1 to 2 s with it, up to n = 256).
 */
class LoneDeathRepairTests {

    private static final long SECOND = 1_000 * TinyNetwork.MS;

    /** Every node lists every node alive under its current uid. */
    private static boolean converged(TinyNetwork net) {
        for (SwimInstance observer : net.nodes) {
            int current = 0;
            for (Member m : observer.members()) {
                int index = Integer.parseInt(m.name().substring(1));
                if (m.status() == MemberStatus.ALIVE
                        && m.id().equals(net.nodes.get(index).localMember().id())) {
                    current++;
                }
            }
            if (current != net.nodes.size()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aMemberHeldDeadByOneNodeAlone_rejoinsAndIsListedEverywhereWithinThreeSeconds() {
        int n = 128;
        for (long seed = 1; seed <= 6; seed++) {
            TinyNetwork net = new TinyNetwork(n, SwimSettings.lan(), seed);
            net.preformAll();
            net.run(20 * SECOND);
            assertThat(converged(net)).as("formed (seed %d)", seed).isTrue();
            MemberId x = net.nodes.get(1).localMember().id();
            MemberId p = net.nodes.get(2).localMember().id();
            SwimInstance lone = net.nodes.get(0);
            // p tells node 0 alone that x is suspect and then dead: node 0 holds x dead, nobody else does.
            net.apply(
                    0,
                    lone.onMessage(
                            p.address(), push(p, new Gossip(x, MemberStatus.SUSPECT, 0, Map.of(), "n2")), net.now));
            net.apply(
                    0,
                    lone.onMessage(p.address(), push(p, new Gossip(x, MemberStatus.DEAD, 0, Map.of(), null)), net.now));
            assertThat(net.statusAt(0, 1)).isEqualTo(MemberStatus.DEAD);
            long seconds = 0;
            while (!converged(net) && seconds < 3) {
                net.run(SECOND);
                seconds++;
            }
            assertThat(converged(net))
                    .as("every node lists x (rejoined) within 3 s of the lone death, n = %d, seed %d", n, seed)
                    .isTrue();
            assertThat(net.nodes.get(1).localMember().id().uid())
                    .as("x rejoined under a new uid")
                    .isNotEqualTo(x.uid());
            for (int i = 0; i < n; i++) {
                if (i != 1) {
                    assertThat(net.nodes.get(i).counters().rejoins())
                            .as("node %d did not rejoin (seed %d)", i, seed)
                            .isZero();
                }
            }
        }
    }

    private static Message.GossipPush push(MemberId sender, Gossip g) {
        return new Message.GossipPush(sender, List.of(g));
    }
}
