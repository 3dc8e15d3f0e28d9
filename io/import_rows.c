/*
 * import_rows.c - the rows of the export: its header matched to the
 * fields, then every row turned into a record of im->r, or errors at its
 * line (every error of every row, so that one pass fixes the export).
 *
 * A row is placed on a link by its segment column, else by its addresses
 * and subnets in the boundaries; its CAP, calendar, triggers and office
 * come from its columns, else from the defaults of its os class.  Record
 * strings live in a chunked arena, so that the id map can point into it.
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
#include "../model/strmap.h"

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

static int os_index(const char *os)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(os, ro_import_os_classes[i]) == 0)
			return i;
	return -1;
}

/* ---- the arena ------------------------------------------------------------ */

#define CHUNK 65536

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

void ro_import_arena_release(struct arena *a)
{
	while (a->head) {
		struct chunk *c = a->head;
		a->head = c->next;
		ro_free(c);
	}
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
			if (ro_name_eq(h, ro_import_fields[f]))
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
			    ro_csv_field(c, (size_t)col[got]), h, ro_import_fields[got],
			    ro_import_fields[got]);
			ok = false;
			continue;
		}
		col[got] = (int)i;
	}
	for (int f = 0; f < F_N; f++)
		if (im->header[f] && col[f] < 0) {
			ERR(im, name, line, "no column \"%s\" (mapped to %s); check "
			    "the mapping against the export's header",
			    im->header[f], ro_import_fields[f]);
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
	v = (char *)ro_import_trim(v);
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

/* One row being read: where it is, for the messages of every part. */
struct row {
	struct imp *im;
	struct ro_csv *c;
	const int *col;
	const char *name;     /* the export, for messages */
	long line;
	const char *id;
};

/* The os class of the row's operating system: the mapping file's os rows
 * first, then the table of os_table.h; NULL after reporting it. */
static const char *row_os(struct row *w)
{
	struct imp *im = w->im;
	const char *osname = value(w->c, w->col, F_OS), *os = NULL;

	if (!osname) {
		ERR(im, w->name, w->line, "client '%s' has no operating system; "
		    "fill it in", w->id);
		return NULL;
	}
	for (size_t i = 0; i < im->nosm && !os; i++)
		if (ro_name_eq(osname, im->osm[i].name))
			os = im->osm[i].os;
	if (!os)
		os = ro_os_class(osname);
	if (!os)
		ERR(im, w->name, w->line, "client '%s': operating system \"%s\" is "
		    "not in the table of docs/import.md; map it with a row "
		    "os,\"%s\",CLASS in the --map file (CLASS: winnt, win95 "
		    "or win98)", w->id, osname, osname);
	return os;
}

/* The segment, then the CAP: the columns, else the boundaries and the
 * default or nearest CAP; a CAP must be on the way up from the segment. */
static void row_place(struct row *w, struct rec *r)
{
	struct imp *im = w->im;
	const struct ro_site *s = im->s;
	const char *bfile = im->o->boundaries ? im->o->boundaries : "--boundaries";
	const struct dval *dv;
	const char *v;

	if ((v = value(w->c, w->col, F_SEGMENT)))
		r->segment = ref(im, w->name, w->line, w->id, "segment", v, 0);
	else
		r->segment = place(im, w->name, w->line, w->id,
				   value(w->c, w->col, F_ADDRESS),
				   value(w->c, w->col, F_SUBNET), bfile);
	r->cap = -1;
	if ((v = value(w->c, w->col, F_CAP)))
		r->cap = ref(im, w->name, w->line, w->id, "cap", v, 1);
	else if ((dv = dflt(im, r->os, D_CAP)))
		r->cap = dv->idx;
	else if (r->segment >= 0 && (r->cap = im->link_cap[r->segment]) < 0)
		ERR(im, w->name, w->line, "client '%s': no CAP on link '%s' or "
		    "above it; add a <cap> there, or a default,cap,ID row to the "
		    "--map file", w->id, ro_site_str(s, s->links[r->segment].id));
	if (r->segment >= 0 && r->cap >= 0 && !reaches(s, r->segment, r->cap))
		ERR(im, w->name, w->line, "client '%s': CAP '%s' is not on the way "
		    "up from link '%s'; choose a CAP on that link or above it",
		    w->id, ro_site_str(s, s->servers[r->cap].id),
		    ro_site_str(s, s->links[r->segment].id));
}

/* The calendar: the column, the default of the os class, or the
 * template's only calendar. */
static void row_calendar(struct row *w, struct rec *r, const char *os)
{
	const struct dval *dv;
	const char *v;

	if ((v = value(w->c, w->col, F_CALENDAR))) {
		r->calendar = ref(w->im, w->name, w->line, w->id, "calendar", v, 2);
	} else if ((dv = dflt(w->im, r->os, D_CALENDAR))) {
		r->calendar = dv->idx;
	} else if (w->im->s->ncalendars == 1) {
		r->calendar = 0;
	} else {
		char msg[256];
		snprintf(msg, sizeof msg, "no calendar for %s clients; give "
			 "--calendar ID, a default,%s.calendar,ID row in the --map "
			 "file, or a calendar column", os, os);
		missing_once(w->im, w->name, w->line, r->os, D_CALENDAR, msg);
		r->calendar = -1;
	}
}

static void row_triggers(struct row *w, struct rec *r)
{
	const struct dval *dv;
	const char *v;

	if ((v = value(w->c, w->col, F_TRIGGERS))) {
		if (!ro_sv_triggers(v, &r->triggers))
			ERR(w->im, w->name, w->line, "client '%s': triggers \"%s\" is "
			    "not a list of triggers; write one or more of ccim, "
			    "logon, push", w->id, v);
	} else if ((dv = dflt(w->im, r->os, D_TRIGGERS))) {
		r->triggers = dv->trig;
	} else {
		r->triggers = RO_TRIG_CCIM | RO_TRIG_LOGON;
	}
}

/* The connection, and for ras clients the office calendar. */
static void row_connection(struct row *w, struct rec *r, const char *os)
{
	static const char *const yes[] = { "ras", "yes", "y", "true", "1", "x" };
	static const char *const no[] = { "lan", "no", "n", "false", "0" };
	const struct dval *dv;
	const char *v;

	if ((v = value(w->c, w->col, F_CONNECTION))) {
		bool known = false;
		for (size_t i = 0; i < 6; i++)
			if (ro_name_eq(v, yes[i]))
				r->ras = known = true;
		for (size_t i = 0; i < 5; i++)
			if (ro_name_eq(v, no[i]))
				known = true;
		if (!known)
			ERR(w->im, w->name, w->line, "client '%s': connection \"%s\" "
			    "is neither ras nor lan; write ras, lan, yes or no",
			    w->id, v);
	}
	if (!r->ras)
		return;
	if ((v = value(w->c, w->col, F_OFFICE))) {
		r->office = ref(w->im, w->name, w->line, w->id, "office", v, 2);
	} else if ((dv = dflt(w->im, r->os, D_OFFICE))) {
		r->office = dv->idx;
	} else {
		char msg[256];
		snprintf(msg, sizeof msg, "%s clients connect by ras but have "
			 "no office calendar; give --office ID (when they are "
			 "in the office) or a default,office,ID row", os);
		missing_once(w->im, w->name, w->line, r->os, D_OFFICE, msg);
	}
}

/* The optional rest: CCIM cycle time, priority, reboots, components and
 * user group. */
static void row_optional(struct row *w, struct rec *r)
{
	struct imp *im = w->im;
	const char *v;

	if ((v = value(w->c, w->col, F_PHASE))) {
		char t[20];
		if (normal_phase(v, t))
			r->phase = keep(im, t);
		else
			ERR(im, w->name, w->line, "client '%s': CCIM cycle time \"%s\" "
			    "is not a date-time; write 2026-11-29 03:10 or "
			    "2026-11-29T03:10", w->id, v);
	}
	if ((v = value(w->c, w->col, F_PRIORITY)))
		get_int(im, w->name, w->line, w->id, "priority", v, 1,
			RO_MAX_PRIORITY, &r->priority);
	if ((v = value(w->c, w->col, F_REBOOTS)))
		get_int(im, w->name, w->line, w->id, "reboots", v, 0,
			RO_MAX_REBOOTS, &r->reboots);
	if ((v = value(w->c, w->col, F_COMPONENTS))) {
		char *list = ro_import_dup(im, v), *save = NULL;
		for (char *t = list ? strtok_r(list, " \t", &save) : NULL; t;
		     t = strtok_r(NULL, " \t", &save))
			if (ro_site_find_component(im->s, t) < 0)
				ERR(im, w->name, w->line, "client '%s': component "
				    "\"%s\" is not in the template's <payload>; add it "
				    "there or fix the name", w->id, t);
		ro_free(list);
		r->components = keep(im, v);
	}
	if ((v = value(w->c, w->col, F_USER_GROUP))) {
		if (ro_site_find_group(im->s, v) < 0)
			ERR(im, w->name, w->line, "client '%s': user group \"%s\" is "
			    "not in the template site; name one of its "
			    "<user-group>s", w->id, v);
		r->ugroup = keep(im, v);
	}
}

/* Enters the row's id in the id map: id -> the line of its first row
 * (INT32_MAX: a client of the template), bad rows included, so that every
 * repeat is reported.  Returns the kept id, NULL on running out of
 * memory. */
static const char *row_register(struct row *w)
{
	struct imp *im = w->im;
	const char *id = keep(im, w->id);
	long line = w->line;
	int32_t old;

	if (!id)
		return NULL;
	switch (ro_strmap_put(im->ids, id, line < INT32_MAX ? (int32_t)line
							    : INT32_MAX - 1,
			      &old)) {
	case -1:
		im->oom = true;
		return NULL;
	case 0:
		if (old == INT32_MAX)
			ERR(im, w->name, line, "client '%s' is also a client of the "
			    "template site; rename one or drop the row", w->id);
		else
			ERR(im, w->name, line, "client '%s' appears again (first on "
			    "line %ld); delete the duplicate row", w->id, (long)old);
		break;
	}
	return id;
}

/* Turns one row into a record; every problem reported at its line. */
static void add_row(struct imp *im, struct ro_csv *c, const char *name,
		    const int *col, size_t ncol)
{
	struct row w = { im, c, col, name, ro_csv_line(c), value(c, col, F_ID) };
	size_t errs = ro_diag_count(im->d);
	const char *os;
	struct rec r;

	if (ro_csv_nfields(c) != ncol) {
		ERR(im, name, w.line, "row has %zu fields, the header has %zu; "
		    "quote fields that hold commas", ro_csv_nfields(c), ncol);
		return;
	}
	memset(&r, 0, sizeof r);
	r.line = w.line;
	r.reboots = -1;
	r.office = -1;
	if (!w.id) {
		ERR(im, name, w.line, "the row has no computer name; fill it in "
		    "or delete the row");
		return;
	}
	if (!ro_sv_is_id(w.id)) {
		ERR(im, name, w.line, "computer name \"%s\" is not a valid id; use "
		    "letters, digits and . - _ :", w.id);
		return;
	}
	if (!(os = row_os(&w)))
		return;
	r.os = os_index(os);
	row_place(&w, &r);
	row_calendar(&w, &r, os);
	row_triggers(&w, &r);
	row_connection(&w, &r, os);
	row_optional(&w, &r);
	r.id = row_register(&w);
	if (!r.id || ro_diag_count(im->d) > errs || im->oom)
		return;
	r.user = keep(im, value(c, col, F_USER));
	if (!ro_grow((void **)&im->r, im->n, sizeof *im->r)) {
		im->oom = true;
		return;
	}
	im->r[im->n++] = r;
}

int ro_import_read_rows(struct imp *im, const char *buf, size_t len,
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

