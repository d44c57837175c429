package org.homeamp.drift;

import java.util.List;

import org.homeamp.batch.Problems.Problem;

/** What comparing one file gave: its findings, or a problem when the file could not be read at all. */
public record FileResult(DriftWorkItem item, List<Finding> findings, Problem problem) {
}
