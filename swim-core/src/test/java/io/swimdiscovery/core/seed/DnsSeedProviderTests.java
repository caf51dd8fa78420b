package io.swimdiscovery.core.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.seed.HostResolver.SrvRecord;
import org.junit.jupiter.api.Test;

class DnsSeedProviderTests {

    private final FakeResolver dns = new FakeResolver();

    @Test
    void aPlainNameGivesEveryAAndAaaaRecordWithTheDefaultPort() {
        dns.host("orders-peers.default.svc.cluster.local", "10.0.0.5", "10.0.0.6", "fd00::7");

        var seeds = new DnsSeedProvider("orders-peers.default.svc.cluster.local", 7946, dns).seeds();

        assertThat(seeds)
                .containsExactly(
                        new Address("10.0.0.5", 7946),
                        new Address("10.0.0.6", 7946),
                        new Address("fd00:0:0:0:0:0:0:7", 7946));
    }

    @Test
    void aNameWithAPortUsesThatPort() {
        dns.host("peers.local", "10.0.0.5");

        assertThat(new DnsSeedProvider("peers.local:8000", 7946, dns).seeds())
                .containsExactly(new Address("10.0.0.5", 8000));
    }

    @Test
    void anSrvNameResolvesEachTargetWithTheRecordsPortInPriorityOrder() {
        dns.srv(
                        "_swim._udp.orders.default.svc.cluster.local",
                        new SrvRecord(10, 50, 7001, "b.orders.default.svc.cluster.local"),
                        new SrvRecord(0, 50, 7000, "a.orders.default.svc.cluster.local"))
                .host("a.orders.default.svc.cluster.local", "10.1.0.1")
                .host("b.orders.default.svc.cluster.local", "10.1.0.2");

        var seeds = new DnsSeedProvider("_swim._udp.orders.default.svc.cluster.local", 7946, dns).seeds();

        assertThat(seeds).containsExactly(new Address("10.1.0.1", 7000), new Address("10.1.0.2", 7001));
    }

    @Test
    void anSrvTargetThatNoLongerResolvesIsSkippedAndTheRestKept() {
        dns.srv("_swim._udp.orders", new SrvRecord(0, 0, 7000, "gone.orders"), new SrvRecord(0, 0, 7000, "up.orders"))
                .host("up.orders", "10.1.0.9");

        assertThat(new DnsSeedProvider("_swim._udp.orders", 7946, dns).seeds())
                .containsExactly(new Address("10.1.0.9", 7000));
    }

    @Test
    void aNameThatDoesNotResolveYieldsNoSeedsInsteadOfThrowing() {
        assertThat(new DnsSeedProvider("nowhere.invalid", 7946, dns).seeds()).isEmpty();
        assertThat(new DnsSeedProvider("_broken._udp.example", 7946, dns).seeds())
                .isEmpty();
        assertThat(new DnsSeedProvider("_none._udp.example", 7946, dns).seeds()).isEmpty();
    }

    @Test
    void everyCallLooksTheNameUpAgainSoARejoinFollowsDnsChanges() {
        DnsSeedProvider provider = new DnsSeedProvider("peers.local", 7946, dns);
        dns.host("peers.local", "10.0.0.1");
        assertThat(provider.seeds()).containsExactly(new Address("10.0.0.1", 7946));

        dns.host("peers.local", "10.0.0.2");

        assertThat(provider.seeds()).containsExactly(new Address("10.0.0.2", 7946));
        assertThat(dns.lookups).containsExactly("peers.local", "peers.local");
    }

    @Test
    void malformedNamesAreRejectedAtConstruction() {
        assertThatThrownBy(() -> new DnsSeedProvider("peers.local", 0, dns)).hasMessageContaining("needs a port");
        assertThatThrownBy(() -> new DnsSeedProvider("peers.local:x", 7946, dns))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> new DnsSeedProvider("_swim._udp.x:80", 7946, dns))
                .hasMessageContaining("_swim._udp.host");
    }

    @Test
    void srvRecordsParseFromJndisTextForm() {
        assertThat(SrvRecord.parse("0 100 7946 orders-0.orders.default.svc.cluster.local."))
                .isEqualTo(new SrvRecord(0, 100, 7946, "orders-0.orders.default.svc.cluster.local"));
        assertThatThrownBy(() -> SrvRecord.parse("0 100 7946")).hasMessageContaining("priority weight port target");
        assertThatThrownBy(() -> SrvRecord.parse("0 100 99999 x.")).hasMessageContaining("outside 1..65535");
        assertThatThrownBy(() -> SrvRecord.parse("a b c d.")).hasMessageContaining("not a number");
    }
}
