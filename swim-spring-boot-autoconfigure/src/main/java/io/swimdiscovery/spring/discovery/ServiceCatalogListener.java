package io.swimdiscovery.spring.discovery;

import java.util.Set;

/**
 * Told of each catalog change, on the thread that published it (the node's listener thread, or
 * the thread that changed this instance's own metadata), right after readers can see it. Keep it
 * short: the next membership change waits for it.
 */
@FunctionalInterface
public interface ServiceCatalogListener {

    /**
     * @param catalog the catalog now published
     * @param changedServiceIds the services whose instance lists (UP or all) are different now
     */
    void onChange(ServiceCatalog catalog, Set<String> changedServiceIds);
}
