package io.swimdiscovery.spring.serviceregistry;

import org.springframework.cloud.client.serviceregistry.AutoServiceRegistration;

/**
 * Registers this application's instance automatically. It only marks the registration UP while
 * the context is being built, so the node, which starts later, announces the service in its very
 * first metadata: no window where peers see a member without a service. Deregistration on
 * shutdown is the node's graceful leave ({@code SwimLifecycle}).
 */
public class SwimAutoServiceRegistration implements AutoServiceRegistration {

    private final SwimServiceRegistry registry;

    private final SwimRegistration registration;

    public SwimAutoServiceRegistration(SwimServiceRegistry registry, SwimRegistration registration) {
        this.registry = registry;
        this.registration = registration;
        registry.register(registration);
    }

    /** The registration this bean registered. */
    public SwimRegistration getRegistration() {
        return this.registration;
    }

    /** The registry used. */
    public SwimServiceRegistry getRegistry() {
        return this.registry;
    }
}
