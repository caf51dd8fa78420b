package io.swimdiscovery.spring.serviceregistry;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The live map {@link SwimRegistration#getMetadata()} returns. Reads see what the node announces
 * now; {@code put} and {@code remove} change the announced metadata (and, while the node runs,
 * gossip it at once), so a write is never silently lost: it is announced, or it throws (a service
 * key, or metadata over {@code swim.protocol.max-metadata-bytes}).
 */
final class SwimRegistrationMetadata extends AbstractMap<String, String> {

    private final SwimRegistration registration;

    SwimRegistrationMetadata(SwimRegistration registration) {
        this.registration = registration;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return Collections.unmodifiableMap(this.registration.memberMetadata()).entrySet();
    }

    @Override
    public @Nullable String get(Object key) {
        return this.registration.memberMetadata().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return this.registration.memberMetadata().containsKey(key);
    }

    @Override
    public @Nullable String put(String key, String value) {
        return this.registration.putUserEntry(key, value);
    }

    @Override
    public @Nullable String remove(Object key) {
        return (key instanceof String name) ? this.registration.removeUserEntry(name) : null;
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> entries) {
        entries.forEach(this::put);
    }
}
