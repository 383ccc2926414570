package io.tomassure.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void portsAreHandedOutBelowTheEphemeralRange() {
        Assumptions.assumeTrue(Files.isReadable(PORT_RANGE), "not Linux");
        int ephemeral = StackConfig.ephemeralRangeStart();
        assertThat(ephemeral).isGreaterThan(1024);
        for (int i = 0; i < 20; i++) {
            assertThat(StackConfig.freePort()).as("a port an outgoing connection cannot take").isLessThan(ephemeral);
        }
    }
}
