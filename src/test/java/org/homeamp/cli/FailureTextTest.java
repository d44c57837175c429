package org.homeamp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stack traces as Spring Batch stores them, read back into the console's words. */
class FailureTextTest {
    @Test
    void ourExceptionWinsOverSpringsWrappers() {
        String trace = """
                org.springframework.batch.infrastructure.item.ItemStreamException: Failed to initialize the reader
                \tat org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader.open(A.java:154)
                Caused by: org.homeamp.amp.AmpException: login to ovh failed: connection refused
                \tat org.homeamp.amp.AmpClient.login(AmpClient.java:80)
                """;

        assertThat(FailureText.operatorWords(trace)).contains("login to ovh failed: connection refused");
    }

    @Test
    void aCutTraceGivesTheInnermostMessageThatIsThere() {
        String trace = """
                org.springframework.batch.infrastructure.item.ItemStreamException: Failed to initialize the reader
                \tat org.springframework.Some.open(Some.java:1)
                Caused by: org.springframework.batch.infrastructure.item.ItemStreamException: server ovh: Core/Login failed
                \tat org.springframework.Some.open(Some.java:2)
                \t... 12 more""";

        assertThat(FailureText.operatorWords(trace)).contains("server ovh: Core/Login failed");
    }

    @Test
    void springsPartitionMessageAloneSaysNothing() {
        String trace = "org.springframework.batch.core.job.JobExecutionException: Partition handler returned an unsuccessful step\n"
                + "\tat org.springframework.batch.core.partition.PartitionStep.doExecute(PartitionStep.java:134)\n";

        assertThat(FailureText.operatorWords(trace)).isEmpty();
        assertThat(FailureText.firstMessage(trace)).isEqualTo("Partition handler returned an unsuccessful step");
        assertThat(FailureText.operatorWords(null)).isEmpty();
        assertThat(FailureText.firstMessage("")).isEmpty();
    }
}
