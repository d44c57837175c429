/**
 * Moving the tool's database between H2 and PostgreSQL: {@code homeamp db export} writes every table
 * (the tool's and Spring Batch's) to a portable zip, {@code homeamp db import} loads it into the
 * configured database (docs/postgresql.md).
 */
package org.homeamp.database;
