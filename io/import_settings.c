/*
 * import_settings.c - what rollout import reads before the export: the
 * template site, the mapping file (column, os and default rows), the
 * --columns and default options, and the boundaries file.
 *
 * Everything is checked against the template as it is read, so that a
 * bad calendar or link is reported once at its file and line rather than
 * at every row that would use it; a value given on the command line makes
 * the error RO_EARG.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "boundary.h"
#include "csv.h"
#include "import_priv.h"
#include "os_table.h"
#include "site_read.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/site.h"

const char *const ro_import_fields[F_N] = {
	"id", "user", "os", "address", "subnet", "segment", "cap", "calendar",
	"triggers", "connection", "office", "phase", "priority", "components",
	"reboots", "user-group",
};

const char *const ro_import_os_classes[3] = { "winnt", "win95", "win98" };

static const char *const dflt_names[D_N] = { "calendar", "office",
					     "triggers", "cap" };

static int find_field(const char *name)
{
	for (int f = 0; f < F_N; f++)
		if (ro_name_eq(name, ro_import_fields[f]))
			return f;
	return -1;
}

/* ---- settings: --columns, the mapping file, the defaults ------------------ */

static void set_header(struct imp *im, const char *file, long line,
		       const char *field, const char *header)
{
	int f = find_field(field);

	if (f < 0) {
		ERR(im, file, line,
		    "unknown field \"%s\"; the fields are id, user, os, address, "
		    "subnet, segment, cap, calendar, triggers, connection, "
		    "office, phase, priority, components, reboots, user-group",
		    field);
		im->arg_error |= !file;
		return;
	}
	if (!*header) {
		ERR(im, file, line, "field \"%s\" is mapped to an empty header; "
		    "name the export's column", field);
		im->arg_error |= !file;
		return;
	}
	ro_free(im->header[f]);
	im->header[f] = ro_import_dup(im, header);
}

/* "field=Header,field=Header" */
static void parse_columns(struct imp *im, const char *spec)
{
	char *copy = ro_import_dup(im, spec), *p, *next;

	if (!copy)
		return;
	for (p = copy; p; p = next) {
		char *eq;

		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		eq = strchr(p, '=');
		if (!eq) {
			ERR(im, NULL, 0, "--columns: \"%s\" is not FIELD=HEADER; "
			    "write for example id=Computer,user=Login", p);
			im->arg_error = true;
			continue;
		}
		*eq = '\0';
		set_header(im, NULL, 0, ro_import_trim(p), ro_import_trim(eq + 1));
	}
	ro_free(copy);
}

static void set_default(struct imp *im, const char *file, long line,
			const char *key, const char *value)
{
	const char *dot = strchr(key, '.');
	const char *name = dot ? dot + 1 : key;
	int cls = 3, k;
	struct dval *v;

	if (dot) {
		for (cls = 0; cls < 3; cls++)
			if (strlen(ro_import_os_classes[cls]) == (size_t)(dot - key) &&
			    memcmp(ro_import_os_classes[cls], key, (size_t)(dot - key)) == 0)
				break;
		if (cls == 3) {
			ERR(im, file, line, "default \"%s\": \"%.*s\" is not an os "
			    "class; write winnt, win95 or win98 before the dot",
			    key, (int)(dot - key), key);
			return;
		}
	}
	for (k = 0; k < D_N; k++)
		if (strcmp(name, dflt_names[k]) == 0)
			break;
	if (k == D_N) {
		ERR(im, file, line, "default \"%s\": \"%s\" has no default; "
		    "write calendar, office, triggers or cap (optionally after "
		    "CLASS.)", key, name);
		return;
	}
	v = &im->dv[cls][k];
	ro_free(v->v);
	ro_free(v->file);
	v->v = ro_import_dup(im, value);
	v->file = ro_import_dup(im, file);
	v->line = line;
}

static void add_os_map(struct imp *im, const char *file, long line,
		       const char *name, const char *os)
{
	struct os_map *m;
	const char *cls = ro_os_known(os);

	if (!cls) {
		ERR(im, file, line, "os \"%s\": \"%s\" is not an os class; write "
		    "winnt, win95 or win98", name, os);
		return;
	}
	if (!ro_grow((void **)&im->osm, im->nosm, sizeof *im->osm)) {
		im->oom = true;
		return;
	}
	m = &im->osm[im->nosm];
	m->name = ro_import_dup(im, name);
	m->file = ro_import_dup(im, file);
	m->os = cls;
	m->line = line;
	if (m->name)
		im->nosm++;
	else
		ro_free(m->file);
}

/* The columns of a small CSV of settings (mapping, boundaries): reads the
 * header and finds each of want (NULL-terminated) in it; col[i] = -1 when
 * absent.  Returns false after reporting an empty file or a missing
 * column. */
static bool settings_header(struct imp *im, struct ro_csv *c, const char *path,
			    const char *const *want, int *col, const char *what)
{
	bool eof, ok = true;
	int rc;

	do
		rc = ro_csv_next(c, &eof, im->d);
	while (rc == RO_EPARSE);
	if (rc == RO_ENOMEM)
		im->oom = true;
	if (rc != RO_OK)
		return false;
	if (eof) {
		ERR(im, path, 1, "the file is empty; it needs the header %s", what);
		return false;
	}
	for (int i = 0; want[i]; i++) {
		col[i] = -1;
		for (size_t j = 0; j < ro_csv_nfields(c); j++)
			if (ro_name_eq(ro_csv_field(c, j), want[i]) && col[i] < 0)
				col[i] = (int)j;
		if (col[i] < 0) {
			ERR(im, path, ro_csv_line(c),
			    "the header has no column \"%s\"; the header is %s",
			    want[i], what);
			ok = false;
		}
	}
	return ok;
}

/* Opens path as CSV, read whole (settings files are small). */
static struct ro_csv *open_settings(struct imp *im, const char *path,
				    char **buf)
{
	struct ro_csv *c = NULL;
	size_t len;
	int rc = ro_import_read_input(path, buf, &len, im->d);

	if (rc == RO_ENOMEM)
		im->oom = true;
	if (rc != RO_OK)
		return NULL;
	if (ro_csv_open_memory(*buf, len, path, &c) != RO_OK)
		im->oom = true;
	return c;
}

/* The rows of a settings CSV one by one: false at the end (or on a read
 * error); bad rows are reported and skipped. */
static bool settings_row(struct imp *im, struct ro_csv *c)
{
	bool eof;
	int rc;

	do
		rc = ro_csv_next(c, &eof, im->d);
	while (rc == RO_EPARSE);
	if (rc == RO_ENOMEM)
		im->oom = true;
	return rc == RO_OK && !eof;
}

static const char *row_field(struct ro_csv *c, int col)
{
	const char *v = col >= 0 ? ro_csv_field(c, (size_t)col) : NULL;

	return v ? v : "";
}

static void read_map(struct imp *im, const char *path)
{
	static const char *const want[] = { "setting", "name", "value", NULL };
	char *buf = NULL;
	struct ro_csv *c = open_settings(im, path, &buf);
	int col[3];

	if (c && settings_header(im, c, path, want, col,
				 "setting,name,value")) {
		while (settings_row(im, c)) {
			const char *set = row_field(c, col[0]);
			const char *name = row_field(c, col[1]);
			const char *value = row_field(c, col[2]);
			long line = ro_csv_line(c);

			if (ro_name_eq(set, "column"))
				set_header(im, path, line, name, value);
			else if (ro_name_eq(set, "os"))
				add_os_map(im, path, line, name, value);
			else if (ro_name_eq(set, "default"))
				set_default(im, path, line, name, value);
			else
				ERR(im, path, line, "unknown setting \"%s\"; write "
				    "column, os or default", set);
		}
	}
	ro_csv_close(c);
	ro_free(buf);
}

static void read_boundaries(struct imp *im, const char *path)
{
	static const char *const want[] = { "boundary", "link", NULL };
	char *buf = NULL;
	struct ro_csv *c = open_settings(im, path, &buf);
	int col[2];

	if (c && settings_header(im, c, path, want, col, "boundary,link")) {
		while (settings_row(im, c)) {
			struct ro_boundary b;
			const char *msg = ro_boundary_parse(row_field(c, col[0]), &b);
			const char *link = row_field(c, col[1]);
			long line = ro_csv_line(c);

			b.line = line;
			b.link = ro_site_find_link(im->s, link);
			if (msg)
				ERR(im, path, line, "boundary \"%s\": %s",
				    row_field(c, col[0]), msg);
			if (b.link < 0)
				ERR(im, path, line, "link \"%s\" is not in the "
				    "template site; name one of its <link>s", link);
			if (!msg && b.link >= 0 && !ro_boundaries_add(&im->bounds, &b))
				im->oom = true;
		}
	}
	ro_csv_close(c);
	ro_free(buf);
}

/* Resolves the default values against the template. */
static void resolve_defaults(struct imp *im)
{
	const struct ro_import_opts *o = im->o;
	const char *cl[D_N] = { o->calendar, o->office, o->triggers, NULL };

	/* the command line overrides the mapping file's global defaults */
	for (int k = 0; k < D_N; k++)
		if (cl[k]) {
			struct dval *v = &im->dv[3][k];
			ro_free(v->v);
			ro_free(v->file);
			v->file = NULL;
			v->line = 0;
			v->v = ro_import_dup(im, cl[k]);
		}
	for (int cls = 0; cls < 4; cls++)
		for (int k = 0; k < D_N; k++) {
			struct dval *v = &im->dv[cls][k];
			const char *where = v->file ? "" : "--";
			size_t before = ro_diag_count(im->d);

			if (!v->v)
				continue;
			if (k == D_CALENDAR || k == D_OFFICE) {
				v->idx = ro_site_find_calendar(im->s, v->v);
				if (v->idx < 0)
					ERR(im, v->file, v->line, "%s%s: no calendar "
					    "\"%s\" in the template site; name one of "
					    "its <calendar>s", where, dflt_names[k],
					    v->v);
			} else if (k == D_TRIGGERS) {
				if (!ro_sv_triggers(v->v, &v->trig))
					ERR(im, v->file, v->line, "%striggers: \"%s\" is "
					    "not a list of triggers; write one or more "
					    "of ccim, logon, push", where, v->v);
			} else {
				v->idx = ro_site_find_server(im->s, v->v);
				if (v->idx < 0 ||
				    im->s->servers[v->idx].kind != RO_SERVER_CAP)
					ERR(im, v->file, v->line, "cap: \"%s\" is not "
					    "a CAP of the template site; name one of its "
					    "<cap>s", v->v);
			}
			if (!v->file && ro_diag_count(im->d) > before)
				im->arg_error = true;
		}
}

/* The nearest CAP from each link up to the root (-1: none): on the link
 * itself first, the first in the file among several. */
static bool nearest_caps(struct imp *im)
{
	const struct ro_site *s = im->s;

	im->link_cap = ro_calloc(s->nlinks ? s->nlinks : 1, sizeof *im->link_cap);
	if (!im->link_cap)
		return false;
	for (size_t l = 0; l < s->nlinks; l++) {
		int32_t k = (int32_t)l;

		im->link_cap[l] = -1;
		/* the tree has no cycle (checked); nlinks steps at most */
		for (size_t step = 0; k >= 0 && step <= s->nlinks; step++) {
			for (size_t i = 0; i < s->nservers; i++)
				if (s->servers[i].kind == RO_SERVER_CAP &&
				    s->servers[i].link == k) {
					im->link_cap[l] = (int32_t)i;
					break;
				}
			if (im->link_cap[l] >= 0)
				break;
			k = s->links[k].parent;
		}
	}
	return true;
}


int ro_import_setup(struct imp *im)
{
	const struct ro_import_opts *o = im->o;
	size_t before = ro_diag_count(im->d);
	int rc;

	rc = ro_import_read_input(o->site, &im->tbuf, &im->tlen, im->d);
	if (rc != RO_OK)
		return rc;
	rc = ro_site_load_memory(im->tbuf, im->tlen, o->site, NULL, &im->s,
				 im->d);
	if (rc != RO_OK)
		return rc;
	if (o->map)
		read_map(im, o->map);
	if (o->columns)
		parse_columns(im, o->columns);
	resolve_defaults(im);
	if (o->boundaries)
		read_boundaries(im, o->boundaries);
	if (!im->oom && !nearest_caps(im))
		im->oom = true;
	if (im->oom)
		return RO_ENOMEM;
	if (ro_diag_count(im->d) > before)
		return im->arg_error ? RO_EARG : RO_EINVAL;
	return RO_OK;
}
