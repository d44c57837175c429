/**
 * The approvals workbook: written with the proposed changes, read back with the operator's
 * approvals, signed with HMAC ({@code PlanSigner}), plans stored by {@code JdbcPlanStore}. A
 * feature: it may import {@code formats}, the ports, {@code batch} and {@code config}.
 */
package org.homeamp.approval;
