package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.FOUR;
import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node whose own timer wakes it late (a GC pause, a starved CPU, a backlog on a loop shared by
 * many nodes) is the slow one: Lifeguard's local health rises, so it probes less often and waits
 * longer for answers it may simply not have read yet.
 */
class LateWakeTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final long halfTimeout = f.settings.probeTimeout().toNanos() / 2;

    /** Starts the engine with four members and returns the time it asked to be woken. */
    private long requestedWake() {
        List<Directive> out = new ArrayList<>(instance.start(0));
        for (MemberId m : FOUR) {
            out.addAll(f.push(m, 0, alive(m, 0)));
        }
        return of(out, Directive.ScheduleTick.class).stream()
                .mapToLong(Directive.ScheduleTick::atNanos)
                .min()
                .orElseThrow();
    }

    @Test
    void aTickMoreThanHalfAProbeTimeoutLate_raisesLocalHealth() {
        long wake = requestedWake();
        instance.onTick(wake + halfTimeout + MS);
        assertThat(instance.localHealth()).isEqualTo(1);
    }

    @Test
    void aTickOnTimeOrSlightlyLate_leavesLocalHealthAlone() {
        long wake = requestedWake();
        instance.onTick(wake + halfTimeout);
        assertThat(instance.localHealth()).isZero();
    }

    @Test
    void afterALateWake_theNextProbeWaitsTwoTimeoutsBeforeAskingRelays() {
        long late = requestedWake() + halfTimeout + MS;
        instance.onTick(late);
        assertThat(instance.localHealth()).isEqualTo(1);
        EngineFixture.FirstProbe probe = f.firstProbe(late + 10 * MS); // on-time ticks from here
        long timeout = f.settings.probeTimeout().toNanos();
        assertThat(pingReqs(EngineFixture.tickOnTime(instance, probe.at(), probe.at() + timeout + MS)))
                .as("no relay asked after one probe timeout")
                .isZero();
        assertThat(pingReqs(
                        EngineFixture.tickOnTime(instance, probe.at() + timeout + MS, probe.at() + 2 * timeout + MS)))
                .as("relays asked after two (health 1: x2)")
                .isPositive();
    }

    private static long pingReqs(List<Directive> out) {
        return of(out, Directive.Send.class).stream()
                .filter(s -> s.message() instanceof Message.PingReq)
                .count();
    }
}
