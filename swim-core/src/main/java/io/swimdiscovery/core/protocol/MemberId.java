package io.swimdiscovery.core.protocol;

import java.util.Objects;

/**
 * Identity of one member process: its name, where it listens, and a {@code uid} drawn fresh at
 * every process start. A restarted process is a new member with a larger uid; the engine ranks
 * news about a name by uid first, so the old uid is declared dead and can never come back.
 *
 * @param name unique name of the member in the cluster (the Spring instance id)
 * @param address advertised address peers send to
 * @param uid per-process-start identifier; larger means newer
 */
public record MemberId(String name, Address address, long uid) {

    /** Longest name the wire format carries, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 255;

    public MemberId {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("member name must not be empty");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("member name is longer than " + MAX_NAME_BYTES + " bytes");
        }
    }

    @Override
    public String toString() {
        return name + "@" + address + "#" + Long.toHexString(uid);
    }
}
