package io.swimdiscovery.sample;

import io.swimdiscovery.spring.roles.SwimRoles;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A job that must run on one instance of the service only (a report, a cleanup): scheduled on
 * every instance, it acts only where {@link SwimRoles#isPrimary()} says so right before acting,
 * and records each run with the grant's fencing token (what a downstream system would check).
 */
@Component
class PrimaryOnlyJob {

    private static final Log logger = LogFactory.getLog(PrimaryOnlyJob.class);

    private static final int KEEP = 20;

    /** One run, as the cluster page lists it. */
    record Run(Instant at, long token) {}

    private final SwimRoles roles;

    private final Deque<Run> runs = new ArrayDeque<>();

    PrimaryOnlyJob(SwimRoles roles) {
        this.roles = roles;
    }

    @Scheduled(fixedDelayString = "${sample.job.interval:5s}", initialDelayString = "${sample.job.interval:5s}")
    void run() {
        // Read the token first and check the grant after: a grant lost in between skips this run.
        long token = this.roles.fencingToken();
        if (token == 0 || !this.roles.isPrimary()) {
            return;
        }
        logger.info("Primary-only job ran (group " + this.roles.group() + ", fencing token " + token + ")");
        synchronized (this.runs) {
            this.runs.addFirst(new Run(Instant.now(), token));
            while (this.runs.size() > KEEP) {
                this.runs.removeLast();
            }
        }
    }

    List<Run> newestFirst() {
        synchronized (this.runs) {
            return new ArrayList<>(this.runs);
        }
    }
}
