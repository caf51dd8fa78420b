package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Equal metadata strings are shared across members; the pool stays bounded. */
class MetadataPoolTests {

    private final MetadataPool pool = new MetadataPool();

    @Test
    void equalKeysAndValuesOfTwoMembersAreTheSameObjectsAndTheMapsStayEqual() {
        Map<String, String> a = Map.of(new String("swim.port"), new String("8080"), "swim.host", "10.0.0.1");
        Map<String, String> b = Map.of(new String("swim.port"), new String("8080"), "swim.host", "10.0.0.2");

        Map<String, String> sharedA = pool.share(a);
        Map<String, String> sharedB = pool.share(b);

        assertThat(sharedA).isEqualTo(a);
        assertThat(sharedB).isEqualTo(b);
        String keyA = sharedA.keySet().stream()
                .filter("swim.port"::equals)
                .findFirst()
                .orElseThrow();
        String keyB = sharedB.keySet().stream()
                .filter("swim.port"::equals)
                .findFirst()
                .orElseThrow();
        assertThat(keyA).isSameAs(keyB);
        assertThat(sharedA.get("swim.port")).isSameAs(sharedB.get("swim.port"));
        assertThat(sharedB.get("swim.host")).isEqualTo("10.0.0.2");
    }

    @Test
    void aPeerSendingEverNewValuesCannotGrowThePoolPastItsBound() {
        for (int i = 0; i < MetadataPool.MAX_STRINGS * 2; i++) {
            Map<String, String> m = new HashMap<>();
            m.put("k", "value-" + i);
            assertThat(pool.share(m)).isEqualTo(m);
        }

        assertThat(pool.size()).isEqualTo(MetadataPool.MAX_STRINGS);
    }

    @Test
    void twoEnginesListingTheSameMemberHoldOneMap() {
        Map<String, String> heardByOne = new HashMap<>(Map.of("swim.port", "8080", "swim.host", "10.0.0.1"));
        Map<String, String> heardByOther = new HashMap<>(heardByOne);

        Map<String, String> first = pool.share(heardByOne);
        Map<String, String> second = pool.share(heardByOther);

        assertThat(second).isSameAs(first).isEqualTo(heardByOther);
        assertThat(pool.share(Map.of("swim.port", "8080", "swim.host", "10.0.0.2")))
                .isNotSameAs(first)
                .containsEntry("swim.host", "10.0.0.2");
    }

    @Test
    void mapsNoTableHoldsAnyMoreDropOut() {
        for (int i = 0; i < 10_000; i++) {
            pool.share(Map.of("swim.host", "10.0." + (i >> 8) + "." + (i & 255)));
        }
        // Nothing holds those maps: after collections the pool holds (almost) none of them. The
        // loop is bounded; a JVM that ignores System.gc() would fail it, which the JDKs we run do not.
        for (int attempt = 0; attempt < 50 && pool.mapCount() > 100; attempt++) {
            System.gc();
        }
        assertThat(pool.mapCount()).isLessThanOrEqualTo(100);
    }

    @Test
    void emptyMetadataIsReturnedAsItIs() {
        assertThat(pool.share(Map.of())).isEmpty();
        assertThat(pool.size()).isZero();
    }
}
