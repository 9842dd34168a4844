package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteNetworksTest {
    private static final RemoteNetworks NETS = RemoteNetworks.parse("opt",
            List.of("10.0.0.0/8", " 192.168.1.0/24 ", "172.16.0.0/12", "::1/128", "fd00::/8", "198.51.100.7/32"));

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1, true", "10.255.255.255, true", "11.0.0.0, false", "9.255.255.255, false",
            "192.168.1.77, true", "192.168.2.1, false",
            "172.16.0.1, true", "172.31.255.255, true", "172.32.0.0, false", "172.15.255.255, false",
            "198.51.100.7, true", "198.51.100.8, false",
            "127.0.0.1, false", "::1, true", "::2, false", "fd12:3456::1, true", "fe80::1, false",
            "0.0.0.0, false"})
    void matchesByPrefix(String address, boolean allowed) {
        assertEquals(allowed, NETS.allows(IpLiterals.toAddress(address)), address);
    }

    @Test
    void emptyListAllowsEverythingAndIsTheDefault() {
        RemoteNetworks all = RemoteNetworks.parse("opt", List.of());
        assertTrue(all.allowsAll());
        assertTrue(all.allows(IpLiterals.toAddress("203.0.113.9")));
        assertTrue(all.allows(IpLiterals.toAddress("2001:db8::1")));
        assertTrue(IceConfig.defaults().allowedNetworks().allowsAll());
        assertFalse(all.allows((java.net.InetAddress) null));
    }

    @Test
    void zeroPrefixMatchesItsFamilyOnly() {
        RemoteNetworks v4 = RemoteNetworks.parse("opt", List.of("0.0.0.0/0"));
        assertTrue(v4.allows(IpLiterals.toAddress("203.0.113.9")));
        assertFalse(v4.allows(IpLiterals.toAddress("2001:db8::1")));
        RemoteNetworks odd = RemoteNetworks.parse("opt", List.of("2001:db8:8000::/33"));
        assertTrue(odd.allows(IpLiterals.toAddress("2001:db8:ffff::1")));
        assertFalse(odd.allows(IpLiterals.toAddress("2001:db8:7fff::1")));
    }

    @Test
    void rawBytesOverloadMatchesTheSame() {
        assertTrue(NETS.allows(new byte[] {10, 1, 2, 3}));
        assertFalse(NETS.allows(new byte[] {127, 0, 0, 1}));
        assertFalse(NETS.allows(new byte[] {10, 1, 2})); // no family has 3 bytes
        assertEquals(Arrays.asList("10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12", "::1/128", "fd00::/8",
                "198.51.100.7/32"), NETS.cidrs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/8/8",
            "10.0.0.0/ 8", "10.0.0.0/0x8", "::/129", "::1/1280", "10.0.0.1/8", "192.168.1.1/24", "::1/127",
            "example.com/8", "10.0.0/8", "256.0.0.0/8", "fe80::1%eth0/128", "::ffff:10.0.0.0/104", "/8", "", "garbage"})
    void brokenEntriesThrowNamingTheOptionAndEntry(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RemoteNetworks.parse("iceAllowedNetworks", List.of("10.0.0.0/8", entry)));
        assertTrue(e.getMessage().startsWith("iceAllowedNetworks: '" + entry + "'"), e.getMessage());
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertTrue(message("10.0.0.1/8").contains("host bits"), message("10.0.0.1/8"));
        assertTrue(message("10.0.0.0/33").contains("0..32"), message("10.0.0.0/33"));
        assertTrue(message("::/129").contains("0..128"), message("::/129"));
        assertTrue(message("10.0.0.0").contains("missing /prefix-length"));
    }

    @Test
    void nullEntriesAndBadConfigAreRefusedAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RemoteNetworks.parse("opt", Arrays.asList("10.0.0.0/8", null)));
        assertTrue(e.getMessage().contains("opt"));
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> IceConfig.builder().allowedNetworks(List.of("10.0.0.0/40")).build());
        assertTrue(c.getMessage().startsWith("allowedNetworks: "), c.getMessage());
    }

    private static String message(String entry) {
        return assertThrows(IllegalArgumentException.class, () -> RemoteNetworks.parse("o", List.of(entry)))
                .getMessage();
    }
}
