package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** In a large cluster the member snapshot is not copied once per event: rebuilds for events are spaced by table size. */
class MembershipViewRebuildTests {

    private static final long MS = 1_000_000;
    private static final long PERIOD = 1_000 * MS;

    private static SwimInstance engineWith(int members) {
        SwimInstance engine = new SwimInstance(
                SwimSettings.lan(),
                new MemberId("me", new Address("10.0.0.1", 7946), 1),
                Map.of(),
                new SplittableRandom(1),
                PacketSizer.ESTIMATE,
                0);
        List<Gossip> view = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            view.add(new Gossip(
                    new MemberId("m" + i, new Address("10.1." + (i / 250) + "." + (i % 250), 7946), 1),
                    MemberStatus.ALIVE,
                    0,
                    Map.of(),
                    null));
        }
        engine.preload(view, 0);
        return engine;
    }

    @Test
    void atTenThousandMembers_eventRebuildsAreTenMillisecondsApart() {
        MembershipView view = new MembershipView(PERIOD);
        view.rebuild(engineWith(9_999), 0); // 10,000 with this node
        assertThat(view.eventRebuildDue(5 * MS)).isFalse();
        assertThat(view.eventRebuildAt()).isEqualTo(10 * MS);
        assertThat(view.eventRebuildDue(10 * MS)).isTrue();
    }

    @Test
    void aSmallCluster_rebuildsForEveryEvent() {
        MembershipView view = new MembershipView(PERIOD);
        view.rebuild(engineWith(50), 0);
        assertThat(view.eventRebuildDue(0)).isTrue();
    }

    @Test
    void anApiChange_rebuildsAtOnceWhateverTheSize() {
        MembershipView view = new MembershipView(PERIOD);
        view.rebuild(engineWith(5_000), 0);
        view.markDirty();
        assertThat(view.eventRebuildDue(1)).isTrue();
    }
}
