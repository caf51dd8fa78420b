package io.swimdiscovery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunOptionsTests {

    @TempDir
    Path dir;

    private static RunCommand parse(String... args) {
        RunCommand options = new RunCommand();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void everyOptionLandsWhereTheNodeReadsIt() {
        RunCommand o = parse(
                "--name",
                "a",
                "--bind-host",
                "192.0.2.10",
                "--port",
                "7000",
                "--advertise-host",
                "198.51.100.1",
                "--advertise-port",
                "7100",
                "--seed",
                "192.0.2.11:7000,192.0.2.12",
                "--seed",
                "192.0.2.13:7001",
                "--cluster",
                "orders",
                "--profile",
                "wan",
                "--meta",
                "zone=b",
                "--meta",
                "app=x",
                "--set",
                "protocolPeriod=6s",
                "--set",
                "gossipFanout=5",
                "--control-port",
                "7990",
                "--join-timeout",
                "4s",
                "--leave-timeout",
                "500ms",
                "--encryption",
                "ROLLOUT");
        assertThat(o.name).isEqualTo("a");
        assertThat(o.bindHost).isEqualTo("192.0.2.10");
        assertThat(o.port).isEqualTo(7000);
        assertThat(o.advertiseHost).isEqualTo("198.51.100.1");
        assertThat(o.advertisePort).isEqualTo(7100);
        assertThat(o.seeds).containsExactly("192.0.2.11:7000", "192.0.2.12", "192.0.2.13:7001");
        assertThat(o.cluster).isEqualTo("orders");
        assertThat(o.metadata).isEqualTo(Map.of("zone", "b", "app", "x"));
        assertThat(o.controlPort).isEqualTo(7990);
        assertThat(o.encryption).isEqualTo(EncryptionMode.ROLLOUT);
        assertThat(o.joinTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(o.leaveTimeout()).isEqualTo(Duration.ofMillis(500));
        SwimSettings s = o.swimSettings();
        assertThat(s.protocolPeriod()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.gossipFanout()).isEqualTo(5);
        assertThat(s.probeTimeout()).isEqualTo(SwimSettings.wan().probeTimeout());
    }

    @Test
    void defaultsAreTheLanProfileOnPort7946WithoutEncryption() {
        RunCommand o = parse();
        assertThat(o.swimSettings()).isEqualTo(SwimSettings.lan());
        assertThat(o.port).isEqualTo(7946);
        assertThat(o.cluster).isEqualTo("swim");
        assertThat(NodeRunner.build(o).encryptionMode()).isEqualTo(EncryptionMode.NONE);
        assertThat(parse("--profile", "LOCAL").swimSettings()).isEqualTo(SwimSettings.local());
    }

    @Test
    void aKeyFileTurnsEncryptionOnAndItsFirstKeySeals() throws IOException {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "# primary first\n" + "A".repeat(43) + "=\n\n" + "B".repeat(22) + "==\n");
        var node = NodeRunner.build(parse("--key-file", keys.toString()));
        assertThat(node.encryptionMode()).isEqualTo(EncryptionMode.REQUIRED);
        assertThat(node.keyring().size()).isEqualTo(2);
    }

    @Test
    void unusableOptionsAreNamed() throws IOException {
        assertThatThrownBy(() -> parse("--profile", "lab").swimSettings()).hasMessageContaining("--profile");
        assertThatThrownBy(() -> parse("--join-timeout", "soon").joinTimeout()).hasMessageContaining("--join-timeout");
        assertThatThrownBy(() -> NodeRunner.build(parse("--seed", "a:1", "--seed-dns", "x.example")))
                .hasMessageContaining("--seed and --seed-dns");
        Path bad = dir.resolve("bad");
        Files.writeString(bad, "not-base64!\n");
        assertThatThrownBy(() -> NodeRunner.build(parse("--key-file", bad.toString())))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> NodeRunner.build(
                        parse("--key-file", dir.resolve("missing").toString())))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void roleOptionsBecomeTheNodesRoleSettingsAndRolesAreOffWithoutAGroup() {
        assertThat(parse().roleSettings().enabled()).isFalse();
        RunCommand o = parse(
                "--role-group",
                "orders",
                "--role-step-down-after",
                "2s",
                "--role-safety-margin",
                "250ms",
                "--role-max-clock-drift",
                "0.02",
                "--role-quorum-size",
                "3",
                "--role-formation-delay",
                "1s");
        assertThat(o.roleSettings())
                .isEqualTo(new io.swimdiscovery.core.protocol.RoleSettings(
                        "orders", Duration.ofSeconds(2), Duration.ofMillis(250), 0.02, 3, Duration.ofSeconds(1)));
    }

    @Test
    void aRoleSettingTheEngineRejectsIsAnError() {
        assertThatThrownBy(() -> parse("--role-group", "orders", "--role-step-down-after", "10ms")
                        .roleSettings())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stepDownAfter");
    }
}
