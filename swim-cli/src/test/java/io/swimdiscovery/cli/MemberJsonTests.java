package io.swimdiscovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberJsonTests {

    /** Wall clock at 2026-01-02T03:04:05Z; monotonic clock at 10 s. */
    private static final MemberJson.Clock FIXED = new MemberJson.Clock() {
        @Override
        public long nanoTime() {
            return 10_000_000_000L;
        }

        @Override
        public long wallMillis() {
            return 1_767_323_045_000L;
        }
    };

    private final MemberJson json = new MemberJson(FIXED);

    private static Member member(MemberStatus status, long incarnation, long decidedAtNanos) {
        return new Member(
                new MemberId("node-1", new Address("192.0.2.11", 7946), 0xabcdefL),
                status,
                incarnation,
                Map.of("zone", "b", "app", "orders"),
                decidedAtNanos);
    }

    @Test
    void anEventIsOneLineWithBothClocksAndTheMember() {
        // Decided 1.5 s before the line was written: decidedAt is 1.5 s before ts.
        String line =
                Json.write(json.event(new MembershipEvent.MemberFailed(member(MemberStatus.DEAD, 3, 8_500_000_000L))));
        assertThat(line)
                .isEqualTo("{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"MemberFailed\",\"name\":\"node-1\","
                        + "\"uid\":\"abcdef\",\"address\":\"192.0.2.11:7946\",\"status\":\"DEAD\",\"incarnation\":3,"
                        + "\"decidedAtNanos\":8500000000,\"decidedAt\":\"2026-01-02T03:04:03.500Z\","
                        + "\"metadata\":{\"app\":\"orders\",\"zone\":\"b\"}}");
        assertThat(line).doesNotContain("\n");
    }

    @Test
    void otherMemberComponentsOfAnEventAreNestedByTheirName() {
        String line = Json.write(json.event(new MembershipEvent.MemberUpdated(
                member(MemberStatus.ALIVE, 2, 9_000_000_000L), member(MemberStatus.ALIVE, 1, 1_000_000_000L))));
        assertThat(line)
                .startsWith("{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"MemberUpdated\",\"name\":\"node-1\"")
                .contains("\"incarnation\":2,")
                .contains(",\"previous\":{\"name\":\"node-1\",\"uid\":\"abcdef\",\"address\":\"192.0.2.11:7946\","
                        + "\"status\":\"ALIVE\",\"incarnation\":1,");
    }

    @Test
    void aRejoinPrintsTheNewIdentityWithTheDeadOneNested() {
        Member dead = new Member(
                new MemberId("node-1", new Address("192.0.2.11", 7946), 0x1L),
                MemberStatus.DEAD,
                4,
                Map.of(),
                9_000_000_000L);
        Member fresh = new Member(
                new MemberId("node-1", new Address("192.0.2.11", 7946), 0x2L),
                MemberStatus.ALIVE,
                0,
                Map.of(),
                9_500_000_000L);
        String line = Json.write(json.event(new MembershipEvent.LocalMemberDeclaredDead(fresh, dead, true)));
        assertThat(line)
                .startsWith("{\"ts\":\"2026-01-02T03:04:05Z\",\"event\":\"LocalMemberDeclaredDead\","
                        + "\"name\":\"node-1\",\"uid\":\"2\",\"address\":\"192.0.2.11:7946\",\"status\":\"ALIVE\"")
                .contains(",\"previous\":{\"name\":\"node-1\",\"uid\":\"1\",\"address\":\"192.0.2.11:7946\","
                        + "\"status\":\"DEAD\",\"incarnation\":4,")
                .endsWith(",\"rejoined\":true}");
    }

    @Test
    void aSuspicionSaysWhoRaisedIt() {
        String line = Json.write(
                json.event(new MembershipEvent.MemberSuspected(member(MemberStatus.SUSPECT, 1, 9_000_000_000L), true)));
        assertThat(line).contains("\"event\":\"MemberSuspected\"").endsWith(",\"raisedLocally\":true}");
    }

    @Test
    void textIsEscaped() {
        assertThat(Json.write(Map.of("k", "a\"b\\c\nd\u0001"))).isEqualTo("{\"k\":\"a\\\"b\\\\c\\nd\\u0001\"}");
        assertThat(Json.write(List.of(1, true, 2.5))).isEqualTo("[1,true,2.5]");
        assertThat(Json.write(Double.NaN)).isEqualTo("null");
    }
}
