/**
 * The {@code report} step: what a run found (drift, updates, problems, trends) rendered with
 * FreeMarker, and the approvals plan built from it ({@code PlanBuilder}). A feature: it may
 * import {@code drift}, {@code approval}, {@code formats}, the ports, {@code batch} and
 * {@code config}; {@code ReportJobConfig} is job wiring.
 */
package org.homeamp.report;
