package io.swimdiscovery.benchmarks.jmh;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import io.swimdiscovery.spring.discovery.SwimServiceInstances;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.cloud.client.ServiceInstance;

/**
 * What a discovery read costs the caller, at 10, 1,000 and 10,000 members: the catalog read every
 * {@code DiscoveryClient.getInstances}, reactive read and load-balancer call now makes, against
 * the per-call work the discovery client used to do on a copy of the member list (filter, map,
 * sort; the hop to the node's protocol thread it also made is not in this figure). Also the cost
 * of one change, paid on the listener thread: a member of the measured service going out of
 * service and back, which rebuilds that service's lists.
 *
 * <p>All members are instances of one service, the worst case for both a read and a change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DiscoveryReadBenchmark {

    @Param({"10", "1000", "10000"})
    public int members;

    private SwimServiceCatalog catalog;
    private SwimDiscoveryClient client;
    private List<Member> memberList;
    private Member flipUp;
    private Member flipOut;
    private boolean flipped;

    @Setup
    public void setUp() {
        catalog = new SwimServiceCatalog(java.time.Duration.ZERO);
        catalog.open();
        memberList = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            Member m = member("orders-" + i, SwimMetadata.STATUS_UP);
            memberList.add(m);
            catalog.apply(new MembershipEvent.MemberJoined(m));
        }
        client = new SwimDiscoveryClient(catalog, false, 0);
        flipUp = memberList.get(members / 2);
        flipOut = member(flipUp.name(), SwimMetadata.STATUS_OUT_OF_SERVICE);
    }

    private static Member member(String name, String status) {
        int n = Integer.parseInt(name.substring(name.indexOf('-') + 1));
        Map<String, String> metadata = Map.of(
                SwimMetadata.SERVICE_ID,
                "orders",
                SwimMetadata.PORT,
                "8080",
                SwimMetadata.SCHEME,
                "http",
                SwimMetadata.STATUS,
                status,
                "zone",
                "z" + (n % 3));
        Address address = new Address("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255), 7946);
        return new Member(new MemberId(name, address, n), MemberStatus.ALIVE, 1, metadata, 0);
    }

    @Benchmark
    public List<ServiceInstance> getInstances() {
        return client.getInstances("orders");
    }

    @Benchmark
    public List<String> getServices() {
        return client.getServices();
    }

    /** What the discovery client did per call before the catalog, on a member list already copied. */
    @Benchmark
    public List<ServiceInstance> perCallFilterAndSortBefore() {
        return memberList.stream()
                .filter((m) -> m.status().isReachable()
                        && SwimMetadata.STATUS_UP.equals(m.metadata().getOrDefault(SwimMetadata.STATUS, "UP")))
                .map(SwimServiceInstances::toServiceInstance)
                .flatMap(Optional::stream)
                .filter((instance) -> instance.getServiceId().equals("orders"))
                .sorted(Comparator.comparing(ServiceInstance::getInstanceId))
                .map(ServiceInstance.class::cast)
                .toList();
    }

    /** One change that alters the service's UP list, as the listener thread applies it. */
    @Benchmark
    public long applyOneChange() {
        flipped = !flipped;
        catalog.apply(new MembershipEvent.MemberUpdated(flipped ? flipOut : flipUp, flipped ? flipUp : flipOut));
        return catalog.current().version();
    }
}
