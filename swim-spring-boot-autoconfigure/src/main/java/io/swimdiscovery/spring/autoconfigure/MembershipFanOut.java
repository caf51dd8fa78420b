package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The application's listeners of {@link SwimLifecycle}: membership listeners, which get every
 * event, and local change listeners, which hear of changes of this node's own member that no event
 * announces. Its own class so that the rule both follow lives in one place: a listener that throws
 * is logged and skipped, and never starves the others of the change.
 */
final class MembershipFanOut {

    // Logged under SwimLifecycle's category, as before this class was split from it.
    private static final Log logger = LogFactory.getLog(SwimLifecycle.class);

    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();

    private final List<Runnable> localChangeListeners = new CopyOnWriteArrayList<>();

    /** Puts the application's listener beans first, ahead of those added at runtime. */
    void addBeansFirst(List<MembershipListener> beans) {
        this.listeners.addAll(0, beans);
    }

    void add(MembershipListener listener) {
        this.listeners.add(listener);
    }

    void remove(MembershipListener listener) {
        this.listeners.remove(listener);
    }

    void addLocalChangeListener(Runnable listener) {
        this.localChangeListeners.add(listener);
    }

    /** Hands {@code event} to every membership listener, in order. */
    void deliver(MembershipEvent event) {
        for (MembershipListener listener : this.listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException ex) {
                // One broken listener must not starve the others of the change.
                logger.warn("Membership listener " + listener + " failed on " + event, ex);
            }
        }
    }

    /** Tells every local change listener that this node's own member changed. */
    void localMemberChanged() {
        for (Runnable listener : this.localChangeListeners) {
            try {
                listener.run();
            } catch (RuntimeException ex) {
                logger.warn("Local change listener " + listener + " failed", ex);
            }
        }
    }
}
