/*
 * import.c - rollout import: an inventory export to a site (see import.h).
 *
 * In order: the template site is read and checked (site_read.h), the
 * mapping file, the --columns and default options and the boundaries file
 * are read against it; the export's header is matched to the fields;
 * every row becomes a record, or errors at its line; then the records are
 * written into the template's <clients> (libxml2's tree, so that the
 * template's comments and layout survive) and the result is loaded again
 * as a guard, or written as CSV.  Strings of the records live in a chunked
 * arena, so that the id map can point into it.
 */
#include "import.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "atomic.h"
#include "boundary.h"
#include "csv.h"
#include "os_table.h"
#include "site_priv.h"
#include "site_read.h"
#include "xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/site.h"
#include "../model/strmap.h"

/* ---- fields and their default headers ------------------------------------ */

enum field {
	F_ID, F_USER, F_OS, F_ADDRESS, F_SUBNET, F_SEGMENT, F_CAP, F_CALENDAR,
	F_TRIGGERS, F_CONNECTION, F_OFFICE, F_PHASE, F_PRIORITY, F_COMPONENTS,
	F_REBOOTS, F_USER_GROUP, F_N
};

static const char *const field_names[F_N] = {
	"id", "user", "os", "address", "subnet", "segment", "cap", "calendar",
	"triggers", "connection", "office", "phase", "priority", "components",
	"reboots", "user-group",
};

/* Headers recognised without a mapping (compared with ro_name_eq), after
 * the field's own name: the SMS 2.0 views' columns and plain ones. */
static const char *const aliases[F_N][5] = {
	[F_ID] = { "Name0", "Name", "Computer Name", "Computer", NULL },
	[F_USER] = { "User_Name0", "User", "User Name", NULL },
	[F_OS] = { "Operating_System_Name_and0", "Operating System", NULL },
	[F_ADDRESS] = { "IP_Addresses0", "IP Address", "IP Addresses", NULL },
	[F_SUBNET] = { "IP_Subnets0", "IP Subnet", "IP Subnets", NULL },
	[F_CONNECTION] = { "RAS", NULL },
	[F_PHASE] = { "Last CCIM Cycle", NULL },
	[F_USER_GROUP] = { "User Group", NULL },
};

static const char *const os_classes[3] = { "winnt", "win95", "win98" };

static int os_index(const char *os)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(os, os_classes[i]) == 0)
			return i;
	return -1;
}

/* Defaults by os class: [0..2] one class, [3] every class. */
enum dflt { D_CALENDAR, D_OFFICE, D_TRIGGERS, D_CAP, D_N };
static const char *const dflt_names[D_N] = { "calendar", "office",
					     "triggers", "cap" };

struct dval {
	char *v;              /* NULL: not given */
	char *file;           /* where it was given; NULL: the command line */
	long line;
	int32_t idx;          /* resolved: calendar or server index */
	uint8_t trig;
};

struct os_map {
	char *name, *file;
	const char *os;
	long line;
};

/* ---- the arena ------------------------------------------------------------ */

#define CHUNK 65536

struct chunk {
	struct chunk *next;
	size_t used, cap;
	char text[];
};

struct arena {
	struct chunk *head;
};

/* A copy of the n bytes at s, NUL-terminated, that never moves. */
static const char *arena_put(struct arena *a, const char *s, size_t n)
{
	struct chunk *c = a->head;
	char *p;

	if (!c || c->cap - c->used < n + 1) {
		size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;
		c = ro_malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
	}
	p = c->text + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

static void arena_release(struct arena *a)
{
	while (a->head) {
		struct chunk *c = a->head;
		a->head = c->next;
		ro_free(c);
	}
}

/* ---- state ---------------------------------------------------------------- */

struct rec {
	const char *id, *user, *phase, *components, *ugroup;
	int32_t priority;      /* 0: not given */
	int32_t reboots;       /* -1: not given */
	int os;                /* index in os_classes */
	int32_t segment, cap, calendar, office;
	uint8_t triggers;
	bool ras;
	long line;
};

struct imp {
	const struct ro_import_opts *o;
	struct ro_diag *d;
	bool oom, arg_error;
	char *tbuf;            /* the template's text */
	size_t tlen;
	struct ro_site *s;     /* the template, checked */
	struct ro_boundaries bounds;
	char *header[F_N];     /* explicit headers (mapping, --columns) */
	struct dval dv[4][D_N];
	struct os_map *osm;
	size_t nosm;
	int32_t *link_cap;     /* nearest CAP up the tree from each link */
	bool said_missing[3][D_N];
	struct arena ar;
	struct rec *r;
	size_t n;
	struct ro_strmap *ids;
};

/* ERR(im, file, line, ...) from site_priv.h: to im->d */

static char *dup_str(struct imp *im, const char *s)
{
	char *p = s ? ro_strdup(s) : NULL;

	if (s && !p)
		im->oom = true;
	return p;
}

/* Reads a whole input: standard input for "-", else a regular file (a
 * device or FIFO could feed an unbounded stream of rows). */
static int read_input(const char *path, char **buf, size_t *len,
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

static const char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static int find_field(const char *name)
{
	for (int f = 0; f < F_N; f++)
		if (ro_name_eq(name, field_names[f]))
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
	im->header[f] = dup_str(im, header);
}

/* "field=Header,field=Header" */
static void parse_columns(struct imp *im, const char *spec)
{
	char *copy = dup_str(im, spec), *p, *next;

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
		set_header(im, NULL, 0, trim(p), trim(eq + 1));
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
			if (strlen(os_classes[cls]) == (size_t)(dot - key) &&
			    memcmp(os_classes[cls], key, (size_t)(dot - key)) == 0)
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
	v->v = dup_str(im, value);
	v->file = dup_str(im, file);
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
	m->name = dup_str(im, name);
	m->file = dup_str(im, file);
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
	int rc = read_input(path, buf, &len, im->d);

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
			v->v = dup_str(im, cl[k]);
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

/* Whether server cap's link is on the way up from link seg. */
static bool reaches(const struct ro_site *s, int32_t seg, int32_t cap)
{
	for (size_t step = 0; seg >= 0 && step <= s->nlinks; step++) {
		if (s->servers[cap].link == seg)
			return true;
		seg = s->links[seg].parent;
	}
	return false;
}

static int setup(struct imp *im)
{
	const struct ro_import_opts *o = im->o;
	size_t before = ro_diag_count(im->d);
	int rc;

	rc = read_input(o->site, &im->tbuf, &im->tlen, im->d);
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

/* ---- the export's header -------------------------------------------------- */

static bool read_header(struct imp *im, struct ro_csv *c, const char *name,
			int *col)
{
	size_t nf = ro_csv_nfields(c);
	long line = ro_csv_line(c);
	bool ok = true;

	for (int f = 0; f < F_N; f++)
		col[f] = -1;
	for (size_t i = 0; i < nf; i++) {
		const char *h = ro_csv_field(c, i);
		int got = -1;

		for (int f = 0; f < F_N && got < 0; f++)
			if (im->header[f] && ro_name_eq(h, im->header[f]))
				got = f;
		/* by default headers, for the fields not mapped */
		for (int f = 0; f < F_N && got < 0; f++) {
			if (im->header[f])
				continue;
			if (ro_name_eq(h, field_names[f]))
				got = f;
			for (int a = 0; a < 5 && aliases[f][a] && got < 0; a++)
				if (ro_name_eq(h, aliases[f][a]))
					got = f;
		}
		if (got < 0)
			continue;   /* a column import does not need */
		if (col[got] >= 0) {
			ERR(im, name, line, "columns \"%s\" and \"%s\" both give the "
			    "%s; map the right one with --columns %s=HEADER",
			    ro_csv_field(c, (size_t)col[got]), h, field_names[got],
			    field_names[got]);
			ok = false;
			continue;
		}
		col[got] = (int)i;
	}
	for (int f = 0; f < F_N; f++)
		if (im->header[f] && col[f] < 0) {
			ERR(im, name, line, "no column \"%s\" (mapped to %s); check "
			    "the mapping against the export's header",
			    im->header[f], field_names[f]);
			ok = false;
		}
	if (col[F_ID] < 0) {
		ERR(im, name, line, "no column gives the computer name; name it "
		    "Name0 or Name, or map it with --columns id=HEADER");
		ok = false;
	}
	if (col[F_OS] < 0) {
		ERR(im, name, line, "no column gives the operating system; name "
		    "it Operating_System_Name_and0 or Operating System, or map "
		    "it with --columns os=HEADER");
		ok = false;
	}
	if (col[F_SEGMENT] < 0 && col[F_ADDRESS] < 0 && col[F_SUBNET] < 0) {
		ERR(im, name, line, "no column gives the IP address or subnet; "
		    "name it IP_Addresses0, IP Address, IP_Subnets0 or IP Subnet, "
		    "or map it with --columns address=HEADER");
		ok = false;
	}
	if (col[F_SEGMENT] < 0 && (col[F_ADDRESS] >= 0 || col[F_SUBNET] >= 0) &&
	    im->bounds.n == 0) {
		ERR(im, name, line, "clients are placed by address, but there are "
		    "no boundaries; give --boundaries FILE (boundary,link rows)");
		ok = false;
	}
	return ok;
}

/* ---- one row -------------------------------------------------------------- */

/* A value of the row, trimmed; NULL when the column is absent or empty. */
static const char *value(struct ro_csv *c, const int *col, int f)
{
	char *v;

	if (col[f] < 0)
		return NULL;
	v = (char *)ro_csv_field(c, (size_t)col[f]);
	if (!v)
		return NULL;
	v = (char *)trim(v);
	return *v ? v : NULL;
}

static const char *keep(struct imp *im, const char *s)
{
	const char *p;

	if (!s)
		return NULL;
	p = arena_put(&im->ar, s, strlen(s));
	if (!p)
		im->oom = true;
	return p;
}

/* The default k of class cls: the class's own, else every class's; NULL
 * after reporting it missing (once per class and default). */
static const struct dval *dflt(struct imp *im, int cls, int k)
{
	if (im->dv[cls][k].v)
		return &im->dv[cls][k];
	if (im->dv[3][k].v)
		return &im->dv[3][k];
	return NULL;
}

static void missing_once(struct imp *im, const char *name, long line, int cls,
			 int k, const char *msg)
{
	if (im->said_missing[cls][k])
		return;
	im->said_missing[cls][k] = true;
	ERR(im, name, line, "%s", msg);
}

/* "2026-11-29 03:10:27.000", "2026-11-29T03:10" ... as YYYY-MM-DDTHH:MM. */
static bool normal_phase(const char *v, char *out)
{
	ro_time t;
	size_t n = strlen(v);

	if (n < 16 || (v[10] != 'T' && v[10] != ' ') || v[13] != ':')
		return false;
	if (n > 16 && v[16] != ':')
		return false;
	for (size_t i = 17; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (i == 19 && v[i] == '.')))
			return false;
	memcpy(out, v, 16);
	out[10] = 'T';
	out[16] = '\0';
	return ro_time_parse(out, &t);
}

/* The link of the row from its addresses, then its subnets ("10.1.2.3",
 * or several separated by commas, semicolons or blanks). */
static int32_t place(struct imp *im, const char *name, long line,
		     const char *id, const char *addrs, const char *subnets,
		     const char *bfile)
{
	const char *lists[2] = { addrs, subnets };
	char first[80] = "";
	bool bad = false;

	for (int k = 0; k < 2; k++) {
		const char *p = lists[k];

		while (p && *p) {
			size_t len;
			char tok[64];
			uint32_t a;
			const struct ro_boundary *b;

			p += strspn(p, " \t,;");
			len = strcspn(p, " \t,;");
			if (len == 0)
				break;
			snprintf(tok, sizeof tok, "%.*s", (int)(len < 63 ? len : 63), p);
			p += len;
			if (!ro_ipv4_parse(tok, &a)) {
				ERR(im, name, line, "client '%s': %s \"%s\" is not an "
				    "IPv4 address; write it as 10.1.2.3", id,
				    k ? "subnet" : "address", tok);
				bad = true;
				continue;
			}
			b = ro_boundaries_find(&im->bounds, a, k == 1);
			if (b)
				return b->link;
			if (!*first)
				snprintf(first, sizeof first, "%s %s",
					 k ? "subnet" : "address", tok);
		}
	}
	if (bad)
		return -1;
	if (!*first)
		ERR(im, name, line, "client '%s' has no IP address or subnet; fill "
		    "one in, or give a segment column", id);
	else
		ERR(im, name, line, "client '%s': %s is in no boundary; add a row "
		    "for it to %s (like 10.1.2.0/24,LINK) or fix the address", id,
		    first, bfile);
	return -1;
}

static int32_t ref(struct imp *im, const char *name, long line, const char *id,
		   const char *what, const char *v, int kind)
{
	int32_t i = kind == 0 ? ro_site_find_link(im->s, v)
		    : kind == 1 ? ro_site_find_server(im->s, v)
				: ro_site_find_calendar(im->s, v);

	if (kind == 1 && i >= 0 && im->s->servers[i].kind != RO_SERVER_CAP)
		i = -1;
	if (i < 0)
		ERR(im, name, line, "client '%s': %s \"%s\" is not in the template "
		    "site; name one of its <%s>s", id, what, v,
		    kind == 0 ? "link" : kind == 1 ? "cap" : "calendar");
	return i;
}

static bool get_int(struct imp *im, const char *name, long line,
		    const char *id, const char *what, const char *v,
		    int64_t lo, int64_t hi, int32_t *out)
{
	int64_t x;

	if (ro_sv_uint(v, hi, &x) != RO_SV_OK || x < lo) {
		ERR(im, name, line, "client '%s': %s \"%s\" is not a whole number "
		    "from %lld to %lld", id, what, v, (long long)lo, (long long)hi);
		return false;
	}
	*out = (int32_t)x;
	return true;
}

/* Turns one row into a record; every problem reported at its line. */
static void add_row(struct imp *im, struct ro_csv *c, const char *name,
		    const int *col, size_t ncol)
{
	long line = ro_csv_line(c);
	const char *id = value(c, col, F_ID), *osname = value(c, col, F_OS);
	const char *v, *os = NULL;
	const char *bfile = im->o->boundaries ? im->o->boundaries : "--boundaries";
	struct rec r;
	size_t errs = ro_diag_count(im->d);
	int32_t old;
	const struct dval *dv;

	if (ro_csv_nfields(c) != ncol) {
		ERR(im, name, line, "row has %zu fields, the header has %zu; quote "
		    "fields that hold commas", ro_csv_nfields(c), ncol);
		return;
	}
	memset(&r, 0, sizeof r);
	r.line = line;
	r.reboots = -1;
	r.office = -1;
	if (!id) {
		ERR(im, name, line, "the row has no computer name; fill it in or "
		    "delete the row");
		return;
	}
	if (!ro_sv_is_id(id)) {
		ERR(im, name, line, "computer name \"%s\" is not a valid id; use "
		    "letters, digits and . - _ :", id);
		return;
	}
	if (!osname) {
		ERR(im, name, line, "client '%s' has no operating system; fill it "
		    "in", id);
	} else {
		for (size_t i = 0; i < im->nosm && !os; i++)
			if (ro_name_eq(osname, im->osm[i].name))
				os = im->osm[i].os;
		if (!os)
			os = ro_os_class(osname);
		if (!os)
			ERR(im, name, line, "client '%s': operating system \"%s\" is "
			    "not in the table of docs/import.md; map it with a row "
			    "os,\"%s\",CLASS in the --map file (CLASS: winnt, win95 "
			    "or win98)", id, osname, osname);
	}
	if (!os)
		return;
	r.os = os_index(os);

	/* the segment, then the CAP */
	if ((v = value(c, col, F_SEGMENT)))
		r.segment = ref(im, name, line, id, "segment", v, 0);
	else
		r.segment = place(im, name, line, id, value(c, col, F_ADDRESS),
				  value(c, col, F_SUBNET), bfile);
	r.cap = -1;
	if ((v = value(c, col, F_CAP)))
		r.cap = ref(im, name, line, id, "cap", v, 1);
	else if ((dv = dflt(im, r.os, D_CAP)))
		r.cap = dv->idx;
	else if (r.segment >= 0 && (r.cap = im->link_cap[r.segment]) < 0)
		ERR(im, name, line, "client '%s': no CAP on link '%s' or above it; "
		    "add a <cap> there, or a default,cap,ID row to the --map file",
		    id, ro_site_str(im->s, im->s->links[r.segment].id));
	if (r.segment >= 0 && r.cap >= 0 && !reaches(im->s, r.segment, r.cap))
		ERR(im, name, line, "client '%s': CAP '%s' is not on the way up "
		    "from link '%s'; choose a CAP on that link or above it", id,
		    ro_site_str(im->s, im->s->servers[r.cap].id),
		    ro_site_str(im->s, im->s->links[r.segment].id));

	/* calendar, triggers, connection */
	if ((v = value(c, col, F_CALENDAR)))
		r.calendar = ref(im, name, line, id, "calendar", v, 2);
	else if ((dv = dflt(im, r.os, D_CALENDAR)))
		r.calendar = dv->idx;
	else if (im->s->ncalendars == 1)
		r.calendar = 0;
	else {
		char msg[256];
		snprintf(msg, sizeof msg, "no calendar for %s clients; give "
			 "--calendar ID, a default,%s.calendar,ID row in the --map "
			 "file, or a calendar column", os, os);
		missing_once(im, name, line, r.os, D_CALENDAR, msg);
		r.calendar = -1;
	}
	if ((v = value(c, col, F_TRIGGERS))) {
		if (!ro_sv_triggers(v, &r.triggers))
			ERR(im, name, line, "client '%s': triggers \"%s\" is not a "
			    "list of triggers; write one or more of ccim, logon, "
			    "push", id, v);
	} else if ((dv = dflt(im, r.os, D_TRIGGERS))) {
		r.triggers = dv->trig;
	} else {
		r.triggers = RO_TRIG_CCIM | RO_TRIG_LOGON;
	}
	if ((v = value(c, col, F_CONNECTION))) {
		static const char *const yes[] = { "ras", "yes", "y", "true", "1",
						   "x" };
		static const char *const no[] = { "lan", "no", "n", "false", "0" };
		bool known = false;
		for (size_t i = 0; i < 6; i++)
			if (ro_name_eq(v, yes[i]))
				r.ras = known = true;
		for (size_t i = 0; i < 5; i++)
			if (ro_name_eq(v, no[i]))
				known = true;
		if (!known)
			ERR(im, name, line, "client '%s': connection \"%s\" is "
			    "neither ras nor lan; write ras, lan, yes or no", id, v);
	}
	if (r.ras) {
		if ((v = value(c, col, F_OFFICE))) {
			r.office = ref(im, name, line, id, "office", v, 2);
		} else if ((dv = dflt(im, r.os, D_OFFICE))) {
			r.office = dv->idx;
		} else {
			char msg[256];
			snprintf(msg, sizeof msg, "%s clients connect by ras but have "
				 "no office calendar; give --office ID (when they are "
				 "in the office) or a default,office,ID row", os);
			missing_once(im, name, line, r.os, D_OFFICE, msg);
		}
	}

	/* the optional rest */
	if ((v = value(c, col, F_PHASE))) {
		char t[20];
		if (normal_phase(v, t))
			r.phase = keep(im, t);
		else
			ERR(im, name, line, "client '%s': CCIM cycle time \"%s\" is "
			    "not a date-time; write 2026-11-29 03:10 or "
			    "2026-11-29T03:10", id, v);
	}
	if ((v = value(c, col, F_PRIORITY)))
		get_int(im, name, line, id, "priority", v, 1, RO_MAX_PRIORITY,
			&r.priority);
	if ((v = value(c, col, F_REBOOTS)))
		get_int(im, name, line, id, "reboots", v, 0, RO_MAX_REBOOTS,
			&r.reboots);
	if ((v = value(c, col, F_COMPONENTS))) {
		char *list = dup_str(im, v), *save = NULL;
		for (char *t = list ? strtok_r(list, " \t", &save) : NULL; t;
		     t = strtok_r(NULL, " \t", &save))
			if (ro_site_find_component(im->s, t) < 0)
				ERR(im, name, line, "client '%s': component \"%s\" is "
				    "not in the template's <payload>; add it there or "
				    "fix the name", id, t);
		ro_free(list);
		r.components = keep(im, v);
	}
	if ((v = value(c, col, F_USER_GROUP))) {
		if (ro_site_find_group(im->s, v) < 0)
			ERR(im, name, line, "client '%s': user group \"%s\" is not in "
			    "the template site; name one of its <user-group>s", id, v);
		r.ugroup = keep(im, v);
	}
	/* the map: id -> the line of its first row (INT32_MAX: a client of
	 * the template), bad rows included, so every repeat is reported */
	r.id = keep(im, id);
	if (!r.id)
		return;
	switch (ro_strmap_put(im->ids, r.id, line < INT32_MAX ? (int32_t)line
							      : INT32_MAX - 1,
			      &old)) {
	case -1:
		im->oom = true;
		return;
	case 0:
		if (old == INT32_MAX)
			ERR(im, name, line, "client '%s' is also a client of the "
			    "template site; rename one or drop the row", id);
		else
			ERR(im, name, line, "client '%s' appears again (first on "
			    "line %ld); delete the duplicate row", id, (long)old);
		break;
	}
	if (ro_diag_count(im->d) > errs || im->oom)
		return;
	r.user = keep(im, value(c, col, F_USER));
	if (!ro_grow((void **)&im->r, im->n, sizeof *im->r)) {
		im->oom = true;
		return;
	}
	im->r[im->n++] = r;
}

static int read_rows(struct imp *im, const char *buf, size_t len,
		     const char *name)
{
	struct ro_csv *c = NULL;
	int col[F_N];
	size_t ncol;
	bool eof;
	int rc;

	im->ids = ro_strmap_new(1024);
	if (!im->ids)
		return RO_ENOMEM;
	/* the template's own clients: "also a client of the template" */
	for (size_t i = 0; i < im->s->nclients; i++)
		if (ro_strmap_put(im->ids, ro_site_str(im->s, im->s->clients[i].id),
				  INT32_MAX, NULL) < 0)
			return RO_ENOMEM;
	rc = ro_csv_open_memory(buf, len, name, &c);
	if (rc != RO_OK)
		return rc;
	do
		rc = ro_csv_next(c, &eof, im->d);
	while (rc == RO_EPARSE);
	if (rc == RO_OK && eof) {
		ERR(im, name, 1, "the inventory is empty; it needs a header row "
		    "naming the columns");
		rc = RO_EINVAL;
	}
	if (rc == RO_OK && !read_header(im, c, name, col))
		rc = RO_EINVAL;
	ncol = ro_csv_nfields(c);
	while (rc == RO_OK && !im->oom) {
		rc = ro_csv_next(c, &eof, im->d);
		if (rc == RO_EPARSE) {
			rc = RO_OK;   /* reported; the next row may be fine */
			continue;
		}
		if (rc != RO_OK || eof)
			break;
		if (im->n >= RO_MAX_CLIENTS) {
			ERR(im, name, ro_csv_line(c), "more than %d clients; split "
			    "the inventory", RO_MAX_CLIENTS);
			rc = RO_ELIMIT;
			break;
		}
		add_row(im, c, name, col, ncol);
	}
	ro_csv_close(c);
	if (im->oom)
		return RO_ENOMEM;
	return rc;
}

/* ---- output --------------------------------------------------------------- */

static const char *trig_text(uint8_t t, char *buf)
{
	buf[0] = '\0';
	if (t & RO_TRIG_CCIM)
		strcat(buf, "ccim");
	if (t & RO_TRIG_LOGON)
		strcat(buf, *buf ? " logon" : "logon");
	if (t & RO_TRIG_PUSH)
		strcat(buf, *buf ? " push" : "push");
	return buf;
}

/* The attributes of record r in output order, NULL values left out:
 * names[i], values[i]; returns their number. */
static int rec_attrs(const struct imp *im, const struct rec *r,
		     const char **names, const char **values, char *trig,
		     char *num1, char *num2)
{
	const struct ro_site *s = im->s;
	int n = 0;

#define PUT(nm, v) do { names[n] = (nm); values[n] = (v); n++; } while (0)
	PUT("id", r->id);
	PUT("user", r->user);
	PUT("os", os_classes[r->os]);
	PUT("segment", ro_site_str(s, s->links[r->segment].id));
	PUT("cap", ro_site_str(s, s->servers[r->cap].id));
	PUT("calendar", ro_site_str(s, s->calendars[r->calendar].id));
	PUT("triggers", trig_text(r->triggers, trig));
	PUT("connection", r->ras ? "ras" : NULL);
	PUT("office", r->ras ? ro_site_str(s, s->calendars[r->office].id) : NULL);
	PUT("phase", r->phase);
	PUT("components", r->components);
	snprintf(num1, 16, "%d", (int)r->priority);
	PUT("priority", r->priority ? num1 : NULL);
	snprintf(num2, 16, "%d", (int)r->reboots);
	PUT("reboots", r->reboots >= 0 ? num2 : NULL);
	PUT("user-group", r->ugroup);
#undef PUT
	return n;
}

#define NATTR 14

/* One CSV field, quoted when it needs to be. */
static bool csv_put(FILE *f, const char *v, bool first)
{
	if (!first && fputc(',', f) == EOF)
		return false;
	if (!v)
		return true;
	if (!strpbrk(v, ",\"\r\n"))
		return fputs(v, f) != EOF;
	if (fputc('"', f) == EOF)
		return false;
	for (; *v; v++)
		if ((*v == '"' && fputc('"', f) == EOF) || fputc(*v, f) == EOF)
			return false;
	return fputc('"', f) != EOF;
}

static int write_csv(struct imp *im, char **text, size_t *len)
{
	static const char *const header[NATTR] = {
		"id", "user", "os", "segment", "cap", "calendar", "triggers",
		"connection", "office", "phase", "components", "priority",
		"reboots", "user-group",
	};
	char *mem = NULL;
	size_t mlen = 0;
	/* libc's buffer (free), copied into ours: open_memstream cannot take
	 * an allocator */
	FILE *f = open_memstream(&mem, &mlen);
	bool ok = f != NULL;

	for (int i = 0; ok && i < NATTR; i++)
		ok = csv_put(f, header[i], i == 0);
	ok = ok && fputc('\n', f) != EOF;
	for (size_t i = 0; ok && i < im->n; i++) {
		const char *names[NATTR], *values[NATTR];
		char trig[20], n1[16], n2[16];
		int n = rec_attrs(im, &im->r[i], names, values, trig, n1, n2);

		for (int k = 0; ok && k < n; k++)
			ok = csv_put(f, values[k], k == 0);
		ok = ok && fputc('\n', f) != EOF;
	}
	if (f && fclose(f) != 0)
		ok = false;
	if (ok) {
		*text = ro_malloc(mlen + 1);
		if (*text) {
			memcpy(*text, mem, mlen + 1);
			*len = mlen;
		}
	}
	free(mem);
	return ok && *text ? RO_OK : RO_ENOMEM;
}

/* The blanks after the last line break of text node t ("" if none). */
static size_t indent_of(xmlNodePtr t, char *buf, size_t cap)
{
	const char *s, *nl;
	size_t n = 0;

	buf[0] = '\0';
	if (!t || t->type != XML_TEXT_NODE || !t->content)
		return 0;
	s = (const char *)t->content;
	nl = strrchr(s, '\n');
	if (!nl)
		return 0;
	for (nl++; (nl[n] == ' ' || nl[n] == '\t') && n + 1 < cap; n++)
		buf[n] = nl[n];
	buf[n] = '\0';
	return n;
}

static bool blank_text(xmlNodePtr t)
{
	if (!t || t->type != XML_TEXT_NODE)
		return false;
	for (const xmlChar *p = t->content; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
	return true;
}

/* Appends n (any kind) to parent; libxml2 merges a text node into a text
 * node before it, which keeps the order. */
static bool put_node(xmlNodePtr parent, xmlNodePtr n)
{
	if (!n)
		return false;
	if (!xmlAddChild(parent, n)) {
		xmlFreeNode(n);
		return false;
	}
	return true;
}

static int write_site(struct imp *im, char **text, size_t *len)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, clients = NULL, tail = NULL, n;
	xmlChar *mem = NULL;
	int mlen = 0, rc;
	char outer[32], nl[40], last[40], comment[96];
	long failures0 = ro_alloc_failures();
	bool ok;

	rc = ro_xml_parse(im->tbuf, im->tlen, im->o->site, &doc, im->d);
	if (rc != RO_OK)
		return rc;
	root = xmlDocGetRootElement(doc);
	for (n = root ? root->children : NULL; n && !clients; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, BAD_CAST "clients"))
			clients = n;
	if (!clients) {   /* the template passed site.xsd: a bug */
		xmlFreeDoc(doc);
		return RO_EINVAL;
	}
	indent_of(clients->prev, outer, sizeof outer);
	snprintf(nl, sizeof nl, "\n%s  ", outer);
	snprintf(last, sizeof last, "\n%s", outer);
	/* the blanks before </clients> go back at the end */
	if (blank_text(clients->last)) {
		tail = clients->last;
		xmlUnlinkNode(tail);
	}
	snprintf(comment, sizeof comment, " %lld clients imported by rollout "
		 "import ", (long long)im->n);
	ok = put_node(clients, xmlNewDocText(doc, BAD_CAST nl)) &&
	     put_node(clients, xmlNewDocComment(doc, BAD_CAST comment));
	for (size_t i = 0; ok && i < im->n; i++) {
		const char *names[NATTR], *values[NATTR];
		char trig[20], n1[16], n2[16];
		int k = rec_attrs(im, &im->r[i], names, values, trig, n1, n2);
		xmlNodePtr e = xmlNewDocNode(doc, NULL, BAD_CAST "client", NULL);

		ok = put_node(clients, xmlNewDocText(doc, BAD_CAST nl)) &&
		     put_node(clients, e);
		for (int a = 0; ok && a < k; a++)
			if (values[a] && !xmlNewProp(e, BAD_CAST names[a],
						     BAD_CAST values[a]))
				ok = false;
	}
	if (tail) {
		ok = ok && put_node(clients, tail);
		if (!ok && !tail->parent)
			xmlFreeNode(tail);
	} else {
		ok = ok && put_node(clients, xmlNewDocText(doc, BAD_CAST last));
	}
	if (ok)
		xmlDocDumpMemoryEnc(doc, &mem, &mlen, "UTF-8");
	xmlFreeDoc(doc);
	if (!ok || !mem || mlen <= 0 || ro_alloc_failures() != failures0) {
		xmlFree(mem);
		return RO_ENOMEM;
	}
	*text = ro_malloc((size_t)mlen + 1);
	if (*text) {
		memcpy(*text, mem, (size_t)mlen);
		(*text)[mlen] = '\0';
		*len = (size_t)mlen;
	}
	xmlFree(mem);
	return *text ? RO_OK : RO_ENOMEM;
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
	arena_release(&im->ar);
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
	rc = setup(&im);
	if (rc == RO_OK)
		rc = read_rows(&im, buf, len, name);
	if (rc == RO_OK && ro_diag_count(d) > before)
		rc = RO_EINVAL;
	if (rc == RO_OK && o->format == RO_IMPORT_CSV)
		rc = write_csv(&im, text, text_len);
	else if (rc == RO_OK)
		rc = write_site(&im, text, text_len);
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
	rc = read_input(inventory, &buf, &len, d);
	if (rc == RO_OK)
		rc = ro_import_buf(o, buf, len, inventory, &text, &tlen, st, d);
	if (rc == RO_OK)
		rc = ro_write_file_atomic(out, text, tlen, d);
	ro_free(text);
	ro_free(buf);
	return rc;
}
