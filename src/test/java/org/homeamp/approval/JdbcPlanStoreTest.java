package org.homeamp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Plans stored in an in-memory H2 with the project's migrations applied, then used by the reader. */
class JdbcPlanStoreTest {
    @TempDir
    Path dir;

    private JdbcTemplate jdbc;
    private PlanSigner signer;
    private JdbcPlanStore store;

    @BeforeEach
    void setUp() {
        String url = "jdbc:h2:mem:plans-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        signer = PlanSigner.forStateDir(dir.resolve("state"));
        store = new JdbcPlanStore(jdbc, signer);
    }

    @Test
    void savedPlanIsFoundWithItsChangesInOrder() {
        Plan plan = TestPlans.plan("2026-11-25-a1b2c3");

        store.save(plan, "ab".repeat(32));
        Plan found = store.find(plan.planId()).orElseThrow();

        assertThat(found.planId()).isEqualTo(plan.planId());
        assertThat(found.created()).isEqualTo(plan.created());
        assertThat(found.expires()).isEqualTo(plan.expires());
        assertThat(found.changes()).containsExactlyElementsOf(plan.changes());
        assertThat(found.drift()).as("drift and updates are for reading, not stored").isEmpty();
        assertThat(store.workbookSha256(plan.planId())).contains("ab".repeat(32));
    }

    @Test
    void planRowRecordsRunDateCountAndEachChangesSignature() {
        Plan plan = TestPlans.plan("2026-11-25-a1b2c3");

        store.save(plan, null);

        Map<String, Object> row = jdbc.queryForMap("SELECT run_date, change_count FROM plan WHERE plan_id = ?", plan.planId());
        assertThat(row.get("RUN_DATE").toString()).isEqualTo("2026-11-25");
        assertThat(row.get("CHANGE_COUNT")).isEqualTo(6);
        List<String> signatures = jdbc.queryForList("SELECT signature FROM plan_change WHERE plan_id = ? ORDER BY position",
                String.class, plan.planId());
        assertThat(signatures).containsExactlyElementsOf(plan.changes().stream().map(c -> signer.sign(plan.planId(), c)).toList());
    }

    @Test
    void unknownPlanIsEmpty() {
        assertThat(store.find("no-such-plan")).isEmpty();
    }

    @Test
    void returnedWorkbookIsCheckedAgainstTheStoredPlan() {
        Plan plan = TestPlans.plan("2026-11-25-a1b2c3");
        ApprovalWorkbookWriter writer = new ApprovalWorkbookWriter(signer);
        WrittenWorkbook written = writer.write(plan, dir.resolve("approvals.xlsx"));
        store.save(plan, written.sha256());
        Path returned = Workbooks.edited(written.file(), dir.resolve("returned.xlsx"), (XSSFWorkbook wb) -> {
            wb.getSheet("Changes").getRow(3).getCell(10).setCellValue("ja");
            wb.getSheet("Changes").getRow(3).getCell(11).setCellValue("Carla");
        });

        ReadResult result = new ApprovalWorkbookReader(signer).read(returned, store,
                Clock.fixed(TestPlans.CREATED.plusSeconds(60), ZoneOffset.UTC));

        assertThat(result.refused()).isEmpty();
        assertThat(result.approved()).singleElement().satisfies(a -> {
            assertThat(a.change()).isEqualTo(plan.changes().get(2));
            assertThat(a.change().secret()).isTrue();
            assertThat(a.approvedBy()).isEqualTo("Carla");
        });
    }

    @Test
    void fiveThousandChangesAreStoredAndFound() {
        Plan large = TestPlans.large("P-large", 5_000, 0);

        store.save(large, null);

        assertThat(store.find("P-large").orElseThrow().changes()).hasSize(5_000).containsExactlyElementsOf(large.changes());
    }
}
