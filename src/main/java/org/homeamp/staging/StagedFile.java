package org.homeamp.staging;

/** A work item with its staging outcome, as the writer records it. */
record StagedFile(DownloadWorkReader.Item item, StagingOutcome outcome) {
}
