package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.AwsCandidateHarvester;
import org.ice4j.ice.harvest.HarvestConfig;
import org.ice4j.ice.harvest.MappingCandidateHarvesters;
import org.junit.jupiter.api.Test;

class Ice4jSetupTest {
    @Test
    void awsProbeIsOffAndNoMappingHarvesterIsConfigured() {
        Ice4jSetup.apply();
        assertEquals("false", System.getProperty("ice4j.harvest.mapping.aws.enabled"));
        assertEquals("false", Ice4jSetup.PROPERTIES.get("ice4j.harvest.mapping.aws.enabled"));
        assertFalse(HarvestConfig.config.enableAwsHarvester());
        assertTrue(HarvestConfig.config.stunMappingCandidateHarvesterAddresses().isEmpty());
        assertFalse(HarvestConfig.config.useDynamicPorts());
        assertFalse(HarvestConfig.config.useLinkLocalAddresses());
        assertFalse(AbstractUdpListener.USE_PUSH_API, "the push API served the old server harvester only");
        // no AWS (or any other mapping) harvester: every Agent copies this list at construction
        assertTrue(Arrays.stream(MappingCandidateHarvesters.getHarvesters())
                .noneMatch(h -> h instanceof AwsCandidateHarvester));
        assertEquals(0, MappingCandidateHarvesters.getHarvesters().length);
    }

    @Test
    void configValidationNamesTheOption() {
        var e = assertThrows(IllegalArgumentException.class, () -> IceConfig.builder().port(70000).build());
        assertTrue(e.getMessage().contains("port"));
        e = assertThrows(IllegalArgumentException.class, () -> IceConfig.builder().bindAddress("localhost").build());
        assertTrue(e.getMessage().contains("bindAddress"));
        e = assertThrows(IllegalArgumentException.class,
                () -> IceConfig.builder().announcedAddresses(List.of("example.org")).build());
        assertTrue(e.getMessage().contains("announcedAddresses"));
        e = assertThrows(IllegalArgumentException.class,
                () -> IceConfig.builder().connectTimeout(java.time.Duration.ZERO).build());
        assertTrue(e.getMessage().contains("connectTimeout"));
        e = assertThrows(IllegalArgumentException.class, () -> IceConfig.builder().maxHalfOpenPerAddress(0).build());
        assertTrue(e.getMessage().contains("maxHalfOpenPerAddress must be in 1..1000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IceConfig.builder().socketBufferBytes(1000).build());
        assertTrue(e.getMessage().contains("socketBufferBytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IceConfig.builder().tcpMaxFrameBytes(100).build());
        assertTrue(e.getMessage().contains("tcpMaxFrameBytes must be in 1500..65535"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IceConfig.builder().tcpMaxConnectionsPerAddress(0).build());
        assertTrue(e.getMessage().contains("tcpMaxConnectionsPerAddress"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IceConfig.builder().tcpIdleTimeout(java.time.Duration.ZERO).build());
        assertTrue(e.getMessage().contains("tcpIdleTimeout"), e.getMessage());
    }
}
