package io.swimdiscovery.spring.serviceregistry;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScopeRefreshedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Re-reads {@code swim.service.metadata.*} and {@code swim.service.zone} when Spring Cloud
 * refreshes the configuration ({@code EnvironmentChangeEvent} naming one of them, or a
 * {@code RefreshScopeRefreshedEvent}) and announces the result: gossiped metadata follows
 * {@code /actuator/refresh} or a config-server push, as the instance's properties do. Read from
 * the {@link Environment} itself, so it does not depend on when the properties bean is rebound.
 */
public class SwimMetadataRefreshListener implements GenericApplicationListener {

    private static final String METADATA = "swim.service.metadata";

    private static final String ZONE = "swim.service.zone";

    private final SwimRegistration registration;

    private final Environment environment;

    public SwimMetadataRefreshListener(SwimRegistration registration, Environment environment) {
        this.registration = registration;
        this.environment = environment;
    }

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.toClass();
        return EnvironmentChangeEvent.class.isAssignableFrom(type)
                || RefreshScopeRefreshedEvent.class.isAssignableFrom(type);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof EnvironmentChangeEvent change
                && change.getKeys().stream().noneMatch((key) -> key.startsWith(METADATA) || key.equals(ZONE))) {
            return;
        }
        Binder binder = Binder.get(this.environment);
        Map<String, String> metadata = binder.bind(METADATA, Bindable.mapOf(String.class, String.class))
                .orElseGet(Map::of);
        this.registration.refresh(this.environment.getProperty(ZONE), metadata);
    }
}
