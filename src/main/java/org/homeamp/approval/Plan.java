package org.homeamp.approval;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.homeamp.drift.StoredFinding;

/**
 * What one run proposes: the changes volunteers approve in the workbook, plus everything found
 * (drift and updates) for reading. A workbook is only good for its own plan and until it expires.
 *
 * @param planId  e.g. {@code 2026-11-25-3fa9c1}: run date and a random part (see {@link #newPlanId})
 * @param changes change ids are unique within a plan
 */
public record Plan(
        String planId,
        Instant created,
        Instant expires,
        List<ProposedChange> changes,
        List<StoredFinding> drift,
        List<UpdateRow> updates) {

    private static final RandomGenerator IDS = new SecureRandom();

    public Plan {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        if (!expires.isAfter(created)) {
            throw new IllegalArgumentException("plan " + planId + " expires (" + expires + ") before it is created (" + created + ")");
        }
        changes = List.copyOf(changes);
        drift = drift == null ? List.of() : List.copyOf(drift);
        updates = updates == null ? List.of() : List.copyOf(updates);
        // The reader finds changes by id; two rows with one id would make an approval ambiguous.
        Set<String> seen = new HashSet<>();
        for (ProposedChange c : changes) {
            if (!seen.add(c.changeId())) {
                throw new IllegalArgumentException("plan " + planId + " has change id " + c.changeId() + " twice");
            }
        }
    }

    /** Whether the plan may no longer be deployed at {@code now} (expiry is exclusive). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    /** A new plan id: the run date and six random hex digits, so two runs on one day differ. */
    public static String newPlanId(LocalDate runDate) {
        return newPlanId(runDate, IDS);
    }

    /** As {@link #newPlanId(LocalDate)} with a given randomness source (tests). */
    public static String newPlanId(LocalDate runDate, RandomGenerator random) {
        byte[] bytes = new byte[3];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return runDate + "-" + HexFormat.of().formatHex(bytes);
    }
}
