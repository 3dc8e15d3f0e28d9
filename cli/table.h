/*
 * table.h - aligned plain-text tables for reports.
 *
 * Cells are copied; a column is right-aligned when every cell under the
 * header looks like a number (digits, separators, units after them), else
 * left-aligned.  Columns are separated by two spaces; no trailing blanks.
 */
#ifndef RO_CLI_TABLE_H
#define RO_CLI_TABLE_H

#include <stdio.h>

struct cli_table;

/* A table with ncols columns (at most 16) and the given header cells.
 * NULL on allocation failure. */
struct cli_table *cli_table_new(int ncols, const char *const *header);
void cli_table_free(struct cli_table *t);   /* accepts NULL */

/* Appends a row of ncols cells (NULL cells print empty).  Returns 0, or -1
 * on allocation failure (the row is lost). */
int cli_table_add(struct cli_table *t, const char *const *cells);

/* Prints the header, a rule of dashes, and the rows, each line indented by
 * indent spaces. */
void cli_table_print(const struct cli_table *t, FILE *f, int indent);

#endif
