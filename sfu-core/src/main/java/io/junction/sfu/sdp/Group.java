package io.junction.sfu.sdp;

import java.util.List;
import java.util.Objects;

/** {@code a=group:<semantics> <mid>...} (RFC 5888), e.g. BUNDLE (RFC 9143). */
public record Group(String semantics, List<String> mids) {
    public Group {
        Objects.requireNonNull(semantics, "semantics");
        mids = List.copyOf(mids);
    }

    public boolean isBundle() {
        return "BUNDLE".equals(semantics);
    }
}
