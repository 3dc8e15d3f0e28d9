/*
 * table.c - aligned plain-text tables (see table.h).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "table.h"
#include "cli.h"

#define MAXCOLS 16

struct cli_table {
	int ncols;
	size_t nrows, cap;    /* rows include the header, row 0 */
	char **cells;         /* nrows * ncols */
};

/* A cell as shown: a line break in a file name must not split a row. */
static char *dup(const char *s)
{
	return cli_esc_dup(s);
}

int cli_table_add(struct cli_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 8;
		char **v = ro_reallocarray(t->cells, cap * (size_t)t->ncols,
					    sizeof *v);

		if (!v)
			return -1;
		t->cells = v;
		t->cap = cap;
	}
	char **row = t->cells + t->nrows * (size_t)t->ncols;
	for (int c = 0; c < t->ncols; c++) {
		row[c] = dup(cells[c]);
		if (!row[c]) {
			while (c--)
				ro_free(row[c]);
			return -1;
		}
	}
	t->nrows++;
	return 0;
}

struct cli_table *cli_table_new(int ncols, const char *const *header)
{
	struct cli_table *t;

	if (ncols < 1 || ncols > MAXCOLS)
		return NULL;
	t = ro_calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->ncols = ncols;
	if (cli_table_add(t, header) < 0) {
		cli_table_free(t);
		return NULL;
	}
	return t;
}

void cli_table_free(struct cli_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		ro_free(t->cells[i]);
	ro_free(t->cells);
	ro_free(t);
}

/* "1,234", "12.5 %", "3 d 04:15", "-": numbers and durations line up on
 * the right. */
static bool numeric(const char *s)
{
	if (strcmp(s, "-") == 0 || *s == '\0')
		return true;
	if (!isdigit((unsigned char)*s))
		return false;
	return true;
}

/* Display width: counts UTF-8 code points, not bytes. */
static int width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

void cli_table_print(const struct cli_table *t, FILE *f, int indent)
{
	int w[MAXCOLS] = { 0 };
	bool right[MAXCOLS];

	for (int c = 0; c < t->ncols; c++) {
		right[c] = t->nrows > 1;
		for (size_t r = 0; r < t->nrows; r++) {
			const char *s = t->cells[r * (size_t)t->ncols + c];

			if (width(s) > w[c])
				w[c] = width(s);
			if (r > 0 && !numeric(s))
				right[c] = false;
		}
	}
	for (size_t r = 0; r < t->nrows; r++) {
		int pending = 0;   /* spaces owed; dropped at the end of line */

		fprintf(f, "%*s", indent, "");
		for (int c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * (size_t)t->ncols + c];
			int pad = w[c] - width(s);

			if (right[c])
				pending += pad;
			fprintf(f, "%*s%s", *s ? pending : 0, "", s);
			pending = *s ? 0 : pending;
			pending += (right[c] ? 0 : pad) + (c + 1 < t->ncols ? 2 : 0);
		}
		fputc('\n', f);
		if (r == 0) {
			fprintf(f, "%*s", indent, "");
			for (int c = 0; c < t->ncols; c++) {
				for (int i = 0; i < w[c]; i++)
					fputc('-', f);
				if (c + 1 < t->ncols)
					fputs("  ", f);
			}
			fputc('\n', f);
		}
	}
}
