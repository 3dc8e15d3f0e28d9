/*
 * import.c - rollout import: an inventory export to a site (see import.h).
 *
 * The entry point and what the steps share.  In order: the template site
 * is read and checked, then the mapping file, the --columns and default
 * options and the boundaries file against it (import_settings.c); the
 * export's header is matched to the fields and every row becomes a record,
 * or errors at its line (import_rows.c); then the records are written into
 * the template's <clients>, or as CSV (import_write.c), and a site result
 * is loaded again here as a guard.  import_priv.h holds the shared state.
 */
#include "import.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "import_priv.h"
#include "site_read.h"
#include "xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/site.h"
#include "../model/strmap.h"

char *ro_import_dup(struct imp *im, const char *s)
{
	char *p = s ? ro_strdup(s) : NULL;

	if (s && !p)
		im->oom = true;
	return p;
}

/* Reads a whole input: standard input for "-", else a regular file (a
 * device or FIFO could feed an unbounded stream of rows). */
int ro_import_read_input(const char *path, char **buf, size_t *len,
			 struct ro_diag *d)
{
	struct stat st;

	if (strcmp(path, "-") != 0) {
		if (stat(path, &st) != 0) {
			ro_diag_add(d, path, 0, "cannot open '%s': %s", path,
				    strerror(errno));
			return RO_EIO;
		}
		if (!S_ISREG(st.st_mode)) {
			ro_diag_add(d, path, 0,
				    "'%s' is not a regular file; save the export "
				    "to a file, or pipe it in as -", path);
			return RO_EIO;
		}
	}
	return ro_read_file(path, RO_XML_MAX_BYTES, buf, len, d);
}

const char *ro_import_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* ---- the whole -------------------------------------------------------------- */

void ro_import_opts_init(struct ro_import_opts *o)
{
	if (o) {
		memset(o, 0, sizeof *o);
		o->format = RO_IMPORT_SITE;
	}
}

static void release(struct imp *im)
{
	ro_free(im->tbuf);
	ro_site_free(im->s);
	ro_boundaries_release(&im->bounds);
	for (int f = 0; f < F_N; f++)
		ro_free(im->header[f]);
	for (int c = 0; c < 4; c++)
		for (int k = 0; k < D_N; k++) {
			ro_free(im->dv[c][k].v);
			ro_free(im->dv[c][k].file);
		}
	for (size_t i = 0; i < im->nosm; i++) {
		ro_free(im->osm[i].name);
		ro_free(im->osm[i].file);
	}
	ro_free(im->osm);
	ro_free(im->link_cap);
	ro_strmap_free(im->ids);
	ro_free(im->r);
	ro_import_arena_release(&im->ar);
}

static void count(const struct imp *im, struct ro_import_stats *st)
{
	bool *used = ro_calloc(im->s->nlinks ? im->s->nlinks : 1, sizeof *used);

	memset(st, 0, sizeof *st);
	st->clients = (int64_t)im->n;
	for (size_t i = 0; i < im->n; i++) {
		st->by_os[im->r[i].os]++;
		st->ras += im->r[i].ras;
		if (used && !used[im->r[i].segment]) {
			used[im->r[i].segment] = true;
			st->links++;
		}
	}
	ro_free(used);
}

int ro_import_buf(const struct ro_import_opts *o, const char *buf, size_t len,
		  const char *name, char **text, size_t *text_len,
		  struct ro_import_stats *st, struct ro_diag *d)
{
	struct imp im;
	size_t before;
	int rc;

	if (!text)
		return RO_EARG;
	*text = NULL;
	if (!o || !o->site || !buf || !text_len || !d)
		return RO_EARG;
	if (!name)
		name = "(memory)";
	memset(&im, 0, sizeof im);
	im.o = o;
	im.d = d;
	before = ro_diag_count(d);
	rc = ro_import_setup(&im);
	if (rc == RO_OK)
		rc = ro_import_read_rows(&im, buf, len, name);
	if (rc == RO_OK && ro_diag_count(d) > before)
		rc = RO_EINVAL;
	if (rc == RO_OK && o->format == RO_IMPORT_CSV)
		rc = ro_import_write_csv(&im, text, text_len);
	else if (rc == RO_OK)
		rc = ro_import_write_site(&im, text, text_len);
	if (rc == RO_OK && o->format == RO_IMPORT_SITE) {
		/* the guard: what we write is a site that loads */
		struct ro_site *check = NULL;
		rc = ro_site_load_memory(*text, *text_len, o->site, NULL, &check, d);
		ro_site_free(check);
	}
	if (rc == RO_OK && st)
		count(&im, st);
	if (rc != RO_OK) {
		ro_free(*text);
		*text = NULL;
	}
	release(&im);
	return rc;
}

int ro_import(const struct ro_import_opts *o, const char *inventory,
	      const char *out, struct ro_import_stats *st, struct ro_diag *d)
{
	char *buf = NULL, *text = NULL;
	size_t len = 0, tlen = 0;
	int rc;

	if (!o || !inventory || !out || !d)
		return RO_EARG;
	rc = ro_import_read_input(inventory, &buf, &len, d);
	if (rc == RO_OK)
		rc = ro_import_buf(o, buf, len, inventory, &text, &tlen, st, d);
	if (rc == RO_OK)
		rc = ro_write_file_atomic(out, text, tlen, d);
	ro_free(text);
	ro_free(buf);
	return rc;
}
