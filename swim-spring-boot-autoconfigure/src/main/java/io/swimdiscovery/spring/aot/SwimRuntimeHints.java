package io.swimdiscovery.spring.aot;

import io.swimdiscovery.spring.actuate.SwimClusterDescriptor;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import io.swimdiscovery.spring.event.SwimMember;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image of an application on the starter needs beyond what Spring's AOT processing
 * infers from the bean definitions:
 *
 * <ul>
 * <li>Jackson serialises {@code /actuator/swim} by reflection over records: the descriptor, the
 * node's statistics and counters it holds, and {@link SwimMember} (applications often return
 * event members from their own controllers, as the sample does).</li>
 * <li>Boot instantiates {@code InvalidSwimPropertyFailureAnalyzer} from {@code spring.factories}
 * reflectively when startup fails, which is exactly when a readable message matters.</li>
 * <li>{@link SwimProperties} and its nested groups are bound by reflection; AOT covers them for
 * {@code @EnableConfigurationProperties}, and this covers binding them by hand.</li>
 * </ul>
 * Netty, which the node runs on, ships its own native-image configuration.
 */
public class SwimRuntimeHints implements RuntimeHintsRegistrar {

    static final String FAILURE_ANALYZER = "io.swimdiscovery.spring.autoconfigure.InvalidSwimPropertyFailureAnalyzer";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar()
                .registerReflectionHints(hints.reflection(), SwimClusterDescriptor.class, SwimMember.class);
        hints.reflection()
                .registerType(TypeReference.of(FAILURE_ANALYZER), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
        BindableRuntimeHintsRegistrar.forTypes(SwimProperties.class).registerHints(hints, classLoader);
    }
}
