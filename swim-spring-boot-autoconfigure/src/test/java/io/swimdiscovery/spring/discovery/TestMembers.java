package io.swimdiscovery.spring.discovery;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Members as the engine hands them out, for tests that need no running node. */
public final class TestMembers {

    private TestMembers() {}

    /** A member announcing {@code serviceId} on HTTP port 8080, UP, plus {@code extra} metadata. */
    public static Member service(String name, String serviceId, MemberStatus status, String... extra) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(SwimMetadata.SERVICE_ID, serviceId);
        metadata.put(SwimMetadata.PORT, "8080");
        metadata.put(SwimMetadata.SCHEME, "http");
        metadata.put(SwimMetadata.STATUS, SwimMetadata.STATUS_UP);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            metadata.put(extra[i], extra[i + 1]);
        }
        return member(name, status, metadata);
    }

    /** A member with exactly {@code metadata}. */
    public static Member member(String name, MemberStatus status, Map<String, String> metadata) {
        int octet = Math.floorMod(name.hashCode(), 250) + 1;
        return new Member(new MemberId(name, new Address("10.0.0." + octet, 7946), 1), status, 1, metadata, 0);
    }
}
