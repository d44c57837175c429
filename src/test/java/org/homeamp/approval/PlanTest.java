package org.homeamp.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PlanTest {
    @Test
    void planIdIsRunDateAndSixHexDigits() {
        String id = Plan.newPlanId(LocalDate.of(2026, 11, 25));

        assertThat(id).matches("2026-11-25-[0-9a-f]{6}");
        assertThat(Plan.newPlanId(LocalDate.of(2026, 11, 25), new Random(1)))
                .isEqualTo(Plan.newPlanId(LocalDate.of(2026, 11, 25), new Random(1)));
    }

    @Test
    void expiryIsExclusive() {
        Plan plan = TestPlans.plan("P1");

        assertThat(plan.isExpiredAt(TestPlans.EXPIRES.minusMillis(1))).isFalse();
        assertThat(plan.isExpiredAt(TestPlans.EXPIRES)).isTrue();
    }

    @Test
    void changeIdTwiceInOnePlanIsRejected() {
        ProposedChange change = TestPlans.sampleChanges().get(0);

        assertThatThrownBy(() -> new Plan("P1", TestPlans.CREATED, TestPlans.EXPIRES, List.of(change, change), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(change.changeId());
    }

    @Test
    void planThatExpiresBeforeItIsCreatedIsRejected() {
        assertThatThrownBy(() -> new Plan("P1", TestPlans.EXPIRES, TestPlans.CREATED, List.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changeTypesReadTheirWorkbookLabels() {
        assertThat(ChangeType.fromLabel(" Plugin-Update ")).contains(ChangeType.PLUGIN_UPDATE);
        assertThat(ChangeType.fromLabel("new-file")).contains(ChangeType.NEW_FILE);
        assertThat(ChangeType.fromLabel("config")).contains(ChangeType.CONFIG);
        assertThat(ChangeType.fromLabel("jar")).isEmpty();
        assertThat(ChangeType.fromLabel(null)).isEmpty();
    }
}
