package io.junction.signaling.iceservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** TURN REST credentials (draft-uberti-behave-turn-rest-00 §2.2) against vectors computed outside Java. */
class TurnRestCredentialsTest {
    /** 42 ASCII characters. */
    private static final String SECRET = "junction-test-turn-secret-0123456789abcdef";
    /** 2025-12-03T00:00:00Z. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_764_720_000L), ZoneOffset.UTC);

    @Test
    void hmacSha1IsRfc2202TestCase2() {
        // RFC 2202 §3 test case 2: key "Jefe", data "what do ya want for nothing?"
        // digest effcdf6ae5eb2fa2d27416d5f184df9c259a7c79
        byte[] digest = Base64.getDecoder().decode(
                TurnRestCredentials.password("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?"));
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", HexFormat.of().formatHex(digest));
    }

    @Test
    void mintsTheUsernameAndPasswordCoturnExpects() {
        TurnRestCredentials turn = new TurnRestCredentials("--turn-secret", SECRET, "--turn-ttl", Duration.ofDays(1), CLOCK);
        TurnRestCredentials.Credential c = turn.mint("p7");
        // expiry = 1764720000 + 86400
        assertEquals(1_764_806_400L, c.expiresAt());
        assertEquals("1764806400:p7", c.username());
        // Recorded from OpenSSL 3.0:
        //   printf '%s' '1764806400:p7' | openssl dgst -sha1 -hmac 'junction-test-turn-secret-0123456789abcdef' -binary | base64
        //   -> qNvdervWYHhr70uNRrv0AMuIbXw=   (hex a8dbdd7abbd660786bef4b8d46bbf400cb886d7c)
        assertEquals("qNvdervWYHhr70uNRrv0AMuIbXw=", c.password());
        assertEquals("a8dbdd7abbd660786bef4b8d46bbf400cb886d7c",
                HexFormat.of().formatHex(Base64.getDecoder().decode(c.password())));
    }

    @Test
    void expiryFollowsTheClockAndTheTtl() {
        Instant[] now = {Instant.ofEpochSecond(1_000_000_000L, 999_000_000)};
        Clock moving = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        TurnRestCredentials turn = new TurnRestCredentials("s", SECRET, "t", Duration.ofMinutes(1), moving);
        assertEquals("1000000060:p1", turn.mint("p1").username(), "whole seconds: the fraction is dropped");
        now[0] = now[0].plusSeconds(3600);
        TurnRestCredentials.Credential later = turn.mint("p1");
        assertEquals("1000003660:p1", later.username());
        assertFalse(later.password().equals(turn.mint("p2").password()), "another participant, another password");
    }

    @Test
    void secretAndTtlAreValidatedNamingTheOption() {
        for (String bad : new String[] {null, "", "a".repeat(31), "a".repeat(257), "a".repeat(31) + " ",
                "a".repeat(31) + "\u00e9", "a".repeat(31) + "\t"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TurnRestCredentials("--turn-secret", bad, "--turn-ttl", Duration.ofHours(1), CLOCK));
            assertTrue(e.getMessage().startsWith("--turn-secret must be 32..256 printable ASCII"), e.getMessage());
            if (bad != null && !bad.isEmpty()) {
                assertFalse(e.getMessage().contains(bad.substring(0, 20)), "the message never shows the secret");
            }
        }
        new TurnRestCredentials("s", "a".repeat(32), "t", Duration.ofHours(1), CLOCK);
        new TurnRestCredentials("s", "~".repeat(256), "t", Duration.ofHours(1), CLOCK);
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(59), Duration.ofDays(7).plusSeconds(1),
                Duration.ofSeconds(-5)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TurnRestCredentials("s", SECRET, "--turn-ttl", bad, CLOCK));
            assertTrue(e.getMessage().startsWith("--turn-ttl must be in 60..604800 seconds"), e.getMessage());
        }
        new TurnRestCredentials("s", SECRET, "t", Duration.ofSeconds(60), CLOCK);
        new TurnRestCredentials("s", SECRET, "t", Duration.ofDays(7), CLOCK);
    }

    @Test
    void theSecretNeverShowsInText() {
        TurnRestCredentials turn = new TurnRestCredentials("s", SECRET, "t", Duration.ofHours(1), CLOCK);
        assertFalse(turn.toString().contains(SECRET), turn.toString());
        TurnRestCredentials.Credential c = turn.mint("p1");
        assertFalse(c.toString().contains(c.password()), c.toString());
        assertTrue(c.toString().contains(c.username()), c.toString());
    }

    @Test
    void aParticipantIdWithTheSeparatorIsRefused() {
        TurnRestCredentials turn = new TurnRestCredentials("s", SECRET, "t", Duration.ofHours(1), CLOCK);
        assertThrows(IllegalArgumentException.class, () -> turn.mint("a:b"));
    }
}
