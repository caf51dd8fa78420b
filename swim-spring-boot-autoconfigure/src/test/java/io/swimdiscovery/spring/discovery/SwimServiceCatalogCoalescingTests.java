package io.swimdiscovery.spring.discovery;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A change after a quiet spell is visible at once; a burst is gathered into a few rebuilds. */
class SwimServiceCatalogCoalescingTests {

    @Test
    void aBurstOfJoinsIsPublishedInAFewRebuildsAndEndsComplete() {
        SwimServiceCatalog catalog = new SwimServiceCatalog(Duration.ofMillis(200));
        List<Long> published = new CopyOnWriteArrayList<>();
        catalog.addListener((current, changed) -> published.add(current.version()));
        catalog.open();
        for (int i = 0; i < 1000; i++) {
            catalog.apply(new MembershipEvent.MemberJoined(service("orders-" + i, "orders", MemberStatus.ALIVE)));
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() ->
                        assertThat(catalog.current().instances("orders", false)).hasSize(1000));
        // open, then the burst: one rebuild per window it spans, not one per member.
        assertThat(published).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void aChangeAfterAQuietSpellIsVisibleToTheVeryNextRead() {
        SwimServiceCatalog catalog = new SwimServiceCatalog(Duration.ofMillis(50));
        catalog.open();
        long opened = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() - opened > 60_000_000L);
        catalog.apply(new MembershipEvent.MemberJoined(service("a", "orders", MemberStatus.ALIVE)));
        assertThat(catalog.current().instances("orders", false)).hasSize(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() - opened > 200_000_000L);
        catalog.apply(new MembershipEvent.MemberLeft(service("a", "orders", MemberStatus.LEFT)));
        assertThat(catalog.current().instances("orders", false)).isEmpty();
    }
}
