package io.swimdiscovery.spring.loadbalancer;

import io.swimdiscovery.spring.discovery.ServiceCatalog;
import io.swimdiscovery.spring.discovery.ServiceCatalogListener;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.Cache;
import org.springframework.cloud.loadbalancer.cache.LoadBalancerCacheManager;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;

/**
 * Keeps Spring Cloud LoadBalancer's instance cache from serving a list SWIM already knows is
 * wrong: when a service's instances change in the {@link SwimServiceCatalog}, its entry in the
 * {@link CachingServiceInstanceListSupplier} cache is evicted, so the next call reads the catalog
 * again instead of waiting out the cache's time-to-live (35 s by default:
 * spring-cloud-commons#1215, #1254, spring-cloud-zookeeper#295).
 *
 * <p>A call that read the old catalog just before the change may write the old list back after
 * the eviction; so each evicted service is evicted once more {@link #SECOND_EVICTION} later
 * (coalesced: one pending task, however many changes come meanwhile).
 */
public class SwimLoadBalancerCacheEvictor
        implements ServiceCatalogListener, SmartInitializingSingleton, DisposableBean {

    /** Delay of the second eviction that closes the race with a call in flight. */
    static final Duration SECOND_EVICTION = Duration.ofMillis(500);

    private final SwimServiceCatalog catalog;

    private final ObjectProvider<LoadBalancerCacheManager> cacheManagerProvider;

    // Taken once every singleton exists: looking it up at a change could create it during shutdown.
    private volatile @Nullable LoadBalancerCacheManager cacheManager;

    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean scheduled = new AtomicBoolean();

    private final Executor later = CompletableFuture.delayedExecutor(SECOND_EVICTION.toMillis(), TimeUnit.MILLISECONDS);

    /**
     * @param catalog the catalog whose changes evict
     * @param cacheManager LoadBalancer's cache manager, taken once the context's singletons exist
     * (it is declared {@code autowireCandidate = false}, so pass {@code BeanFactory.getBeanProvider},
     * which still finds a single one)
     */
    public SwimLoadBalancerCacheEvictor(
            SwimServiceCatalog catalog, ObjectProvider<LoadBalancerCacheManager> cacheManager) {
        this.catalog = catalog;
        this.cacheManagerProvider = cacheManager;
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.cacheManager = this.cacheManagerProvider.getIfAvailable();
        this.catalog.addListener(this);
    }

    @Override
    public void onChange(ServiceCatalog current, Set<String> changedServiceIds) {
        Cache cache = cache();
        if (cache == null) {
            return;
        }
        for (String serviceId : changedServiceIds) {
            cache.evict(serviceId);
        }
        this.pending.addAll(changedServiceIds);
        if (this.scheduled.compareAndSet(false, true)) {
            this.later.execute(this::evictPending);
        }
    }

    private void evictPending() {
        this.scheduled.set(false);
        Cache cache = cache();
        for (String serviceId : Set.copyOf(this.pending)) {
            this.pending.remove(serviceId);
            if (cache != null) {
                cache.evict(serviceId);
            }
        }
    }

    private @Nullable Cache cache() {
        LoadBalancerCacheManager manager = this.cacheManager;
        return (manager != null)
                ? manager.getCache(CachingServiceInstanceListSupplier.SERVICE_INSTANCE_CACHE_NAME)
                : null;
    }

    @Override
    public void destroy() {
        this.catalog.removeListener(this);
    }
}
