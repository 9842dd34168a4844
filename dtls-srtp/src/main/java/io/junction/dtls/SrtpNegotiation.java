package io.junction.dtls;

import java.util.List;

import io.junction.srtp.SrtpProfile;

/** Pure use_srtp profile decisions (RFC 5764 §4.1.1). */
final class SrtpNegotiation {
    private SrtpNegotiation() {
    }

    /** Server side: our most preferred profile that the client offered, or null. */
    static SrtpProfile select(List<SrtpProfile> ours, int[] offered) {
        for (SrtpProfile p : ours) {
            for (int id : offered) {
                if (id == p.id()) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Client side: the server must answer exactly one profile, one we offered; else null. */
    static SrtpProfile accept(List<SrtpProfile> ours, int[] answered) {
        if (answered == null || answered.length != 1) {
            return null;
        }
        SrtpProfile p = SrtpProfile.fromId(answered[0]);
        return p != null && ours.contains(p) ? p : null;
    }

    static int[] ids(List<SrtpProfile> profiles) {
        int[] ids = new int[profiles.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = profiles.get(i).id();
        }
        return ids;
    }
}
