/*
 * site_read.c - loading a site file: a streaming xmlTextReader validating
 * against the embedded site.xsd, the CSV inventories it names, and the
 * hand-off to site_check.c for references, semantic checks and scenarios.
 *
 * Streaming keeps a 100,000-client site cheap: no DOM is built, each element
 * is turned into model records as it passes.  Semantic errors are collected
 * apart from libxml2's: when the document is not well-formed or does not
 * follow the schema, only those errors are reported (checks on a document
 * of the wrong shape would mostly repeat them).
 */
#include "site_read.h"

#include <string.h>

#include <libxml/xmlreader.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/rtime.h"
#include "csv.h"
#include "inventory.h"
#include "site_priv.h"
#include "xmlsafe.h"

enum elem {
	E_UNKNOWN, E_SITE, E_HORIZON, E_POLICY, E_REBOOT_WINDOW, E_PROFILES,
	E_PROFILE, E_LEVEL, E_CALENDARS, E_CALENDAR, E_ON, E_EXCEPTION,
	E_NETWORK, E_LINK, E_SERVERS, E_CAP, E_LOGON_POINT, E_PAYLOAD,
	E_COMPONENT, E_CLIENTS, E_CLIENT, E_GROUP, E_INVENTORY, E_SCENARIOS,
	E_SCENARIO, E_N
};

static const char *const elem_names[E_N] = {
	[E_UNKNOWN] = "", [E_SITE] = "site", [E_HORIZON] = "horizon",
	[E_POLICY] = "policy", [E_REBOOT_WINDOW] = "reboot-window",
	[E_PROFILES] = "profiles", [E_PROFILE] = "profile", [E_LEVEL] = "level",
	[E_CALENDARS] = "calendars", [E_CALENDAR] = "calendar", [E_ON] = "on",
	[E_EXCEPTION] = "exception", [E_NETWORK] = "network", [E_LINK] = "link",
	[E_SERVERS] = "servers", [E_CAP] = "cap",
	[E_LOGON_POINT] = "logon-point", [E_PAYLOAD] = "payload",
	[E_COMPONENT] = "component", [E_CLIENTS] = "clients",
	[E_CLIENT] = "client", [E_GROUP] = "group", [E_INVENTORY] = "inventory",
	[E_SCENARIOS] = "scenarios", [E_SCENARIO] = "scenario",
};

/* The reader's names are interned in its dictionary: the same pointer for
 * the same name.  A small pointer-keyed cache saves the string compares. */
#define NCACHE 128
struct name_cache {
	const xmlChar *key[NCACHE];
	int code[NCACHE];
};

static int cached_code(struct name_cache *nc, const xmlChar *name,
		       const char *const *names, int n)
{
	size_t h = ((uintptr_t)name >> 4) % NCACHE;

	for (size_t i = 0; i < NCACHE; i++, h = (h + 1) % NCACHE) {
		if (nc->key[h] == name)
			return nc->code[h];
		if (!nc->key[h]) {
			int code = -1;
			for (int k = 0; k < n; k++)
				if (strcmp((const char *)name, names[k]) == 0)
					code = k;
			nc->key[h] = name;
			nc->code[h] = code;
			return code;
		}
	}
	for (int k = 0; k < n; k++)
		if (strcmp((const char *)name, names[k]) == 0)
			return k;
	return -1;
}

struct attrs {
	const char *v[A_N];
};

/* One load: the reader state shared with site_check.c plus what only the
 * XML side needs. */
struct load {
	struct ro_site_reader r;
	struct name_cache elems, attrs;
	char *scratch;          /* attribute values of the current element */
	size_t scap;
	enum elem stack[RO_XML_MAX_DEPTH + 2];
	bool pol_fresh;         /* no reboot-window seen yet in this <policy> */
};

/* ---- interning ------------------------------------------------------------ */

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

uint32_t ro_sr_intern(struct ro_site_reader *r, const char *str)
{
	struct ro_site *s = r->s;
	bool ok = true;
	size_t i;
	uint32_t off;

	if (!str || !*str)
		return 0;
	if (2 * (r->ilen + 1) > r->icap) {
		size_t ncap = r->icap ? 2 * r->icap : 1024;
		uint32_t *t = ro_calloc(ncap, sizeof *t);
		if (!t) {
			r->oom = true;
			return 0;
		}
		for (size_t k = 0; k < r->icap; k++) {
			if (!r->itab[k])
				continue;
			i = str_hash(s->pool + r->itab[k]) & (ncap - 1);
			while (t[i])
				i = (i + 1) & (ncap - 1);
			t[i] = r->itab[k];
		}
		ro_free(r->itab);
		r->itab = t;
		r->icap = ncap;
	}
	i = str_hash(str) & (r->icap - 1);
	while (r->itab[i]) {
		if (strcmp(s->pool + r->itab[i], str) == 0)
			return r->itab[i];
		i = (i + 1) & (r->icap - 1);
	}
	off = ro_site_intern(s, str, &ok);
	if (!ok) {
		r->oom = true;
		return 0;
	}
	r->itab[i] = off;
	r->ilen++;
	return off;
}

/* ---- helpers for messages and values ------------------------------------------ */

#define ERR(r, file, line, ...) ro_diag_add((r)->d, (file), (line), __VA_ARGS__)

/* Pushes one zeroed element onto a ro_grow array; NULL on failure. */
static void *push(struct ro_site_reader *r, void **v, size_t *n, size_t sz)
{
	if (!ro_grow(v, *n, sz)) {
		r->oom = true;
		return NULL;
	}
	char *p = (char *)*v + *n * sz;
	memset(p, 0, sz);
	(*n)++;
	return p;
}

#define PUSH(r, arr, n) push((r), (void **)&(arr), &(n), sizeof *(arr))

/* The element's subject for messages: "link 'hq'", "horizon". */
struct where {
	const char *file;
	long line;
	const char *kind;
	const char *id;
};

static void bad(struct ro_site_reader *r, const struct where *w,
		const char *fmt, const char *attr, const char *val,
		const char *hint)
{
	char msg[600];

	snprintf(msg, sizeof msg, fmt, attr, val);
	if (w->id)
		ERR(r, w->file, w->line, "%s '%s': %s; %s", w->kind, w->id, msg, hint);
	else
		ERR(r, w->file, w->line, "%s: %s; %s", w->kind, msg, hint);
}

/* An integer attribute between lo and hi; absent: dflt.  false on error
 * (reported). */
static bool get_int(struct ro_site_reader *r, const struct where *w,
		    const struct attrs *a, int attr, int64_t lo, int64_t hi,
		    int64_t dflt, int64_t *out)
{
	const char *v = a->v[attr];
	char hint[96];
	int rc;

	*out = dflt;
	if (!v)
		return true;
	rc = ro_sv_uint(v, hi, out);
	if (rc == RO_SV_SYNTAX) {
		bad(r, w, "%s=\"%s\" is not a whole number", ro_attr_names[attr], v,
		    "write digits only");
		return false;
	}
	if (rc != RO_SV_OK || *out < lo) {
		snprintf(hint, sizeof hint, "give a value from %lld to %lld",
			 (long long)lo, (long long)hi);
		bad(r, w, "%s=\"%s\" is out of range", ro_attr_names[attr], v, hint);
		*out = dflt;
		return false;
	}
	return true;
}

/* A decimal quantity > 0 (zero_ok: >= 0) times mul, at most max. */
static bool get_dec(struct ro_site_reader *r, const struct where *w,
		    const struct attrs *a, int attr, int64_t mul, int64_t max,
		    bool zero_ok, const char *too_large, int64_t *out)
{
	const char *v = a->v[attr];
	int rc;

	*out = 0;
	if (!v)
		return true;
	rc = ro_sv_decimal(v, mul, max, out);
	if (rc == RO_SV_SYNTAX) {
		bad(r, w, "%s=\"%s\" is not a decimal number", ro_attr_names[attr], v,
		    "write digits with an optional decimal point, like 28.8");
		return false;
	}
	if (rc == RO_SV_RANGE) {
		bad(r, w, "%s=\"%s\" is too large", ro_attr_names[attr], v, too_large);
		*out = 0;
		return false;
	}
	if (*out == 0 && !zero_ok) {
		bad(r, w, "%s=\"%s\" is zero", ro_attr_names[attr], v,
		    "give a value above 0");
		return false;
	}
	return true;
}

static bool get_frac(struct ro_site_reader *r, const struct where *w,
		     const struct attrs *a, int attr, uint32_t dflt,
		     bool zero_ok, uint32_t *out)
{
	const char *v = a->v[attr];
	int rc;

	*out = dflt;
	if (!v)
		return true;
	rc = ro_sv_fraction(v, out);
	if (rc == RO_SV_SYNTAX) {
		bad(r, w, "%s=\"%s\" is not a fraction", ro_attr_names[attr], v,
		    "write a decimal like 0.8 or a percentage like 80%");
		*out = dflt;
		return false;
	}
	if (rc == RO_SV_RANGE) {
		bad(r, w, "%s=\"%s\" is above 1", ro_attr_names[attr], v,
		    "give a fraction from 0 to 1, or 0% to 100%");
		*out = dflt;
		return false;
	}
	if (*out == 0 && !zero_ok) {
		bad(r, w, "%s=\"%s\" is zero", ro_attr_names[attr], v,
		    "give a fraction above 0");
		*out = dflt;
		return false;
	}
	return true;
}

static bool get_time(struct ro_site_reader *r, const struct where *w,
		     const struct attrs *a, int attr, ro_time *out)
{
	const char *v = a->v[attr];

	if (!v)
		return false;
	if (!ro_time_parse(v, out)) {
		bad(r, w, "%s=\"%s\" is not a date-time", ro_attr_names[attr], v,
		    "write YYYY-MM-DDTHH:MM, like 2026-11-30T08:00");
		return false;
	}
	return true;
}

/* Appends the spans of a window element to *v. */
static void add_window(struct ro_site_reader *r, const struct where *w,
		       const struct attrs *a, struct ro_wspan **v, size_t *n)
{
	struct ro_wspan sp[7];
	size_t k;
	const char *why = ro_sv_window(a->v[A_DAYS], a->v[A_FROM], a->v[A_TO],
				       sp, &k);

	if (why) {
		ERR(r, w->file, w->line, "%s: %s", w->kind, why);
		return;
	}
	for (size_t i = 0; i < k; i++) {
		struct ro_wspan *p = push(r, (void **)v, n, sizeof **v);
		if (!p)
			return;
		*p = sp[i];
	}
}

static void add_exception(struct ro_site_reader *r, const struct where *w,
			  const struct attrs *a, struct ro_exception *e)
{
	bool ok = get_time(r, w, a, A_FROM, &e->from);

	ok = get_time(r, w, a, A_TO, &e->to) && ok;
	e->on = a->v[A_STATE] && strcmp(a->v[A_STATE], "on") == 0;
	e->line = w->line;
	if (ok && e->to < e->from)
		ERR(r, w->file, w->line,
		    "exception ends before it starts (%s to %s); swap from and to",
		    a->v[A_FROM], a->v[A_TO]);
	else if (ok && e->to == e->from)
		ERR(r, w->file, w->line,
		    "exception has zero length (from equals to); make to later "
		    "than from");
}

/* Policy attributes into o (base or scenario). */
static void read_policy(struct ro_site_reader *r, const struct where *w,
			const struct attrs *a, struct ro_pol_over *o)
{
	int64_t v;
	const char *s;

	o->line = w->line;
	if ((s = a->v[A_LOGON])) {
		o->has_logon = true;
		o->p.logon = strcmp(s, "disabled") == 0 ? RO_LOGON_DISABLED :
			     strcmp(s, "phased") == 0 ? RO_LOGON_PHASED :
			     RO_LOGON_ENABLED;
	}
	if (a->v[A_DELAY]) {
		if (get_int(r, w, a, A_DELAY, 0, RO_WEEK_MIN, 15, &v)) {
			o->has_delay = true;
			o->p.reboot_delay_min = (int32_t)v;
		}
	}
	if (a->v[A_RCAP]) {
		if (get_int(r, w, a, A_RCAP, 0, RO_MAX_CLIENTS, 0, &v)) {
			o->has_cap = true;
			o->p.reboot_cap = (int32_t)v;
		}
	}
	if ((s = a->v[A_ADVERTS])) {
		o->has_adverts = true;
		o->p.expire_adverts = strcmp(s, "keep") != 0;
	}
}

static void read_profile_attrs(struct ro_site_reader *r, const struct where *w,
			       const struct attrs *a, struct ro_profile *p)
{
	p->id = ro_sr_intern(r, a->v[A_ID]);
	p->line = w->line;
	get_frac(r, w, a, A_DEFAULT, 0, true, &p->default_ppm);
}

static void add_level(struct ro_site_reader *r, const struct where *w,
		      const struct attrs *a, struct ro_profile *p)
{
	struct ro_wspan sp[7];
	size_t k;
	uint32_t ppm;
	const char *why = ro_sv_window(a->v[A_DAYS], a->v[A_FROM], a->v[A_TO],
				       sp, &k);

	if (why) {
		ERR(r, w->file, w->line, "level: %s", why);
		return;
	}
	if (!get_frac(r, w, a, A_VALUE, 0, true, &ppm))
		return;
	for (size_t i = 0; i < k; i++) {
		struct ro_level *l = PUSH(r, p->levels, p->nlevels);
		if (!l)
			return;
		l->span = sp[i];
		l->ppm = ppm;
	}
}

/* ---- clients (XML elements and CSV rows alike) ----------------------------------- */

static const int client_required[] = { A_ID, A_OS, A_SEGMENT, A_CAP,
				       A_CALENDAR, A_TRIGGERS };

/* Adds one <client>/<group> or CSV row.  group: count is required. */
static void add_client(struct ro_site_reader *r, const char *file,
		       uint32_t file_off, long line, const struct attrs *a,
		       bool group)
{
	struct ro_site *s = r->s;
	const char *kind = group ? "group" : "client";
	struct where w = { file, line, kind, a->v[A_ID] };
	struct ro_client *c;
	struct ro_pend_client *pc;
	int64_t v;
	bool ok = true;

	for (size_t i = 0; i < sizeof client_required / sizeof *client_required;
	     i++) {
		if (!a->v[client_required[i]]) {
			if (a->v[A_ID])
				ERR(r, file, line, "%s '%s' has no %s; give it one", kind,
				    a->v[A_ID], ro_attr_names[client_required[i]]);
			else
				ERR(r, file, line, "%s has no %s; give it one", kind,
				    ro_attr_names[client_required[i]]);
			ok = false;
		}
	}
	if (!ok)
		return;
	if (!ro_sv_is_id(a->v[A_ID])) {
		ERR(r, file, line,
		    "%s id \"%s\" is not a valid id; use letters, digits and . - _ :",
		    kind, a->v[A_ID]);
		return;
	}
	if (s->nclients >= INT32_MAX / 2) {
		r->limit = true;
		return;
	}
	/* the side array grows with the records: same implicit capacity */
	if (!ro_grow((void **)&r->pclients, s->nclients, sizeof *r->pclients))
		goto out_oom;
	c = PUSH(r, s->clients, s->nclients);
	if (!c)
		goto out_oom;
	pc = &r->pclients[s->nclients - 1];
	memset(pc, 0, sizeof *pc);
	c->id = ro_sr_intern(r, a->v[A_ID]);
	c->user = ro_sr_intern(r, a->v[A_USER]);
	c->os = ro_sr_intern(r, a->v[A_OS]);
	c->file = file_off;
	c->line = line;
	c->count = 1;
	c->segment = c->server = c->calendar = c->office = -1;
	c->priority = 1;
	pc->segment = ro_sr_intern(r, a->v[A_SEGMENT]);
	pc->cap = ro_sr_intern(r, a->v[A_CAP]);
	pc->calendar = ro_sr_intern(r, a->v[A_CALENDAR]);
	pc->office = ro_sr_intern(r, a->v[A_OFFICE]);
	pc->components = ro_sr_intern(r, a->v[A_COMPONENTS]);

	if (group && !a->v[A_COUNT]) {
		ERR(r, file, line, "group '%s' has no count; give it one", a->v[A_ID]);
	} else if (get_int(r, &w, a, A_COUNT, 1, RO_MAX_CLIENTS, 1, &v)) {
		c->count = (int32_t)v;
	}
	if (s->nclients_total + c->count > RO_MAX_CLIENTS && !r->limit) {
		ERR(r, file, line,
		    "more than %d clients in all; split the site", RO_MAX_CLIENTS);
		r->limit = true;
	}
	s->nclients_total += c->count;

	if (!a->v[A_CONNECTION] || strcmp(a->v[A_CONNECTION], "lan") == 0) {
		c->conn = RO_CONN_LAN;
	} else if (strcmp(a->v[A_CONNECTION], "ras") == 0) {
		c->conn = RO_CONN_RAS;
		if (!a->v[A_OFFICE])
			ERR(r, file, line,
			    "%s '%s' connects by ras but has no office calendar; add "
			    "office=\"CALENDAR\" (when it is in the office)", kind,
			    a->v[A_ID]);
	} else {
		bad(r, &w, "%s=\"%s\" is neither lan nor ras", "connection",
		    a->v[A_CONNECTION], "write lan or ras");
	}
	if (!ro_sv_triggers(a->v[A_TRIGGERS], &c->triggers))
		bad(r, &w, "%s=\"%s\" is not a list of triggers", "triggers",
		    a->v[A_TRIGGERS], "write one or more of ccim, logon, push");

	{
		const char *os = a->v[A_OS];
		bool known = strcmp(os, "winnt") == 0 || strcmp(os, "win95") == 0 ||
			     strcmp(os, "win98") == 0;
		int64_t dflt = strcmp(os, "winnt") == 0 ? 0 : 1;
		if (!known && !a->v[A_REBOOTS])
			ERR(r, file, line,
			    "%s '%s': os \"%s\" needs reboots=; give the number of "
			    "reboots its upgrade takes", kind, a->v[A_ID], os);
		if (get_int(r, &w, a, A_REBOOTS, 0, RO_MAX_REBOOTS, dflt, &v))
			c->reboots = (uint8_t)v;
	}
	if (a->v[A_PHASE] && get_time(r, &w, a, A_PHASE, &c->phase))
		c->has_phase = true;
	if (get_int(r, &w, a, A_PRIORITY, 1, RO_MAX_PRIORITY, 1, &v))
		c->priority = (int32_t)v;
	get_dec(r, &w, a, A_RATE, 1000, RO_MAX_CAPACITY_BPS, false,
		"a rate above 1 Tbit/s is not plausible: the unit is kbit/s",
		&c->rate_bps);
	return;

out_oom:
	r->oom = true;
}

/* ---- CSV inventory ------------------------------------------------------------------- */

static const int csv_columns[] = {
	A_ID, A_USER, A_COUNT, A_OS, A_REBOOTS, A_SEGMENT, A_CAP, A_COMPONENTS,
	A_CONNECTION, A_OFFICE, A_CALENDAR, A_TRIGGERS, A_PHASE, A_PRIORITY,
	A_RATE,
};
#define NCSV (sizeof csv_columns / sizeof *csv_columns)

/* The path of an inventory: relative to the directory of the site file. */
static char *inventory_path(const char *site, const char *file)
{
	const char *slash = strrchr(site, '/');
	size_t dl = slash ? (size_t)(slash - site) + 1 : 0;
	char *p;

	if (file[0] == '/' || dl == 0)
		return ro_strdup(file);
	p = ro_malloc(dl + strlen(file) + 1);
	if (!p)
		return NULL;
	memcpy(p, site, dl);
	strcpy(p + dl, file);
	return p;
}

static void read_inventory(struct ro_site_reader *r, long line,
			   const char *file)
{
	struct ro_csv *c = NULL;
	int col[64];            /* column -> attribute */
	size_t ncol;
	bool eof, header_ok = true;
	char *path;
	uint32_t off;
	int rc;

	if (!r->name || !file) {
		ERR(r, r->name, line,
		    "inventory \"%s\" cannot be read when the site comes from "
		    "memory; load the site from a file", file ? file : "");
		return;
	}
	path = inventory_path(r->name, file);
	if (!path) {
		r->oom = true;
		return;
	}
	if (!ro_inventory_inside(r->name, path)) {
		char q[80];

		ERR(r, r->name, line, "inventory \"%s\" is outside the folder "
		    "of the site file; move it there, or allow it with "
		    "--allow-inventory-outside", ro_quote_prefix(file, 60, q,
								   sizeof q));
		ro_free(path);
		return;
	}
	off = ro_sr_intern(r, path);
	{
		/* one message, at the <inventory> line, says it all */
		struct ro_diag tmp;
		ro_diag_init(&tmp);
		rc = ro_csv_open(path, path, &c, &tmp);
		if (rc == RO_ENOMEM)
			r->oom = true;
		else if (rc != RO_OK)
			ERR(r, r->name, line,
			    "inventory: %s; check the file= path (relative to the "
			    "site file)", tmp.n ? tmp.v[0].msg : "cannot open it");
		ro_diag_release(&tmp);
		if (rc != RO_OK) {
			ro_free(path);
			return;
		}
	}
	/* the header */
	do
		rc = ro_csv_next(c, &eof, r->d);
	while (rc == RO_EPARSE);
	if (rc != RO_OK || eof) {
		if (rc == RO_ENOMEM)
			r->oom = true;
		else if (rc == RO_OK)
			ERR(r, path, 1,
			    "the inventory is empty; it needs a header row naming "
			    "the columns");
		goto out_close;
	}
	ncol = ro_csv_nfields(c);
	if (ncol > sizeof col / sizeof *col) {
		ERR(r, path, ro_csv_line(c),
		    "the header has %zu columns, more than %zu; remove the extra ones",
		    ncol, sizeof col / sizeof *col);
		goto out_close;
	}
	{
		int seen[A_N];
		for (size_t k = 0; k < A_N; k++)
			seen[k] = -1;
		for (size_t i = 0; i < ncol; i++) {
			const char *h = ro_csv_field(c, i);
			size_t k;
			col[i] = -1;
			for (k = 0; k < NCSV; k++)
				if (strcmp(h, ro_attr_names[csv_columns[k]]) == 0)
					break;
			if (k == NCSV) {
				char q[80];   /* never the whole line */

				ERR(r, path, ro_csv_line(c),
				    "unknown column %zu (\"%s\"); the columns are id, "
				    "user, count, os, reboots, segment, cap, components, "
				    "connection, office, calendar, triggers, phase, "
				    "priority, rate-kbps", i + 1,
				    ro_quote_prefix(h, 16, q, sizeof q));
				header_ok = false;
				continue;
			}
			if (seen[csv_columns[k]] >= 0) {
				ERR(r, path, ro_csv_line(c),
				    "column \"%s\" appears twice; remove one", h);
				header_ok = false;
				continue;
			}
			seen[csv_columns[k]] = (int)i;
			col[i] = csv_columns[k];
		}
		for (size_t i = 0;
		     i < sizeof client_required / sizeof *client_required; i++) {
			if (seen[client_required[i]] < 0) {
				ERR(r, path, ro_csv_line(c),
				    "the header has no column \"%s\"; add it (required)",
				    ro_attr_names[client_required[i]]);
				header_ok = false;
			}
		}
	}
	if (!header_ok)
		goto out_close;
	for (;;) {
		struct attrs a;

		rc = ro_csv_next(c, &eof, r->d);
		if (rc == RO_EPARSE)
			continue;   /* reported; the next row may be fine */
		if (rc != RO_OK) {
			if (rc == RO_ENOMEM)
				r->oom = true;
			break;
		}
		if (eof || r->oom)
			break;
		if (ro_csv_nfields(c) != ncol) {
			ERR(r, path, ro_csv_line(c),
			    "row has %zu fields, the header has %zu; quote fields "
			    "that hold commas", ro_csv_nfields(c), ncol);
			continue;
		}
		memset(&a, 0, sizeof a);
		for (size_t i = 0; i < ncol; i++) {
			const char *f = ro_csv_field(c, i);
			if (*f)
				a.v[col[i]] = f;   /* empty: the default */
		}
		add_client(r, path, off, ro_csv_line(c), &a, false);
	}
out_close:
	ro_csv_close(c);
	ro_free(path);
}

/* ---- the XML side --------------------------------------------------------------------- */

static bool scratch_put(struct load *ld, size_t *len, const char *s)
{
	size_t n = strlen(s) + 1;

	if (*len + n > ld->scap) {
		size_t cap = ld->scap ? ld->scap : 1024;
		while (*len + n > cap)
			cap *= 2;
		char *p = ro_realloc(ld->scratch, cap);
		if (!p)
			return false;
		ld->scratch = p;
		ld->scap = cap;
	}
	memcpy(ld->scratch + *len, s, n);
	*len += n;
	return true;
}

/* Copies the attributes of the current element into a. */
static bool read_attrs(struct load *ld, xmlTextReaderPtr xr, struct attrs *a)
{
	size_t off[A_N], len = 0;
	bool have[A_N] = { false };

	memset(a, 0, sizeof *a);
	if (xmlTextReaderHasAttributes(xr) != 1)
		return true;
	while (xmlTextReaderMoveToNextAttribute(xr) == 1) {
		const xmlChar *n = xmlTextReaderConstLocalName(xr);
		const xmlChar *v = xmlTextReaderConstValue(xr);
		int k;
		if (!n || !v)
			continue;
		k = cached_code(&ld->attrs, n, ro_attr_names, A_N);
		if (k < 0)
			continue;
		off[k] = len;
		if (!scratch_put(ld, &len, (const char *)v))
			return false;
		have[k] = true;
	}
	xmlTextReaderMoveToElement(xr);
	for (int k = 0; k < A_N; k++)
		if (have[k])
			a->v[k] = ld->scratch + off[k];
	return true;
}

/* The line of the current element: where its start tag ends (libxml2
 * records that line; its schema errors use the same). */
static long element_line(xmlTextReaderPtr xr)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(xr);
	long line = n ? xmlGetLineNo(n) : -1;

	/* Past line 65,535 an element keeps no line of its own (libxml2 2.9
	 * keeps big lines for text nodes only) and xmlGetLineNo takes that of
	 * the text after its start tag, which libxml2 records where the text
	 * ends: count back over the text's line breaks. */
	if (line >= 65535 && n) {
		xmlNodePtr t = n->children ? n->children : n->next;
		if (t && t->type == XML_TEXT_NODE && t->content) {
			long l = xmlGetLineNo(t);
			for (const xmlChar *p = t->content; *p; p++)
				l -= *p == '\n';
			if (l >= 65535)
				line = l;
		}
	}
	return line > 0 ? line : xmlTextReaderGetParserLineNumber(xr);
}

static struct ro_scenario *cur_scen(struct ro_site_reader *r)
{
	return r->nscen ? &r->scen[r->nscen - 1] : NULL;
}

/* One element start at depth dep with parent element par. */
static void on_element(struct load *ld, enum elem e, int dep, const char *file,
		       long line, const struct attrs *a)
{
	struct ro_site_reader *r = &ld->r;
	struct ro_site *s = r->s;
	enum elem par = dep > 0 ? ld->stack[dep - 1] : E_UNKNOWN;
	bool in_scen = dep >= 3 && ld->stack[2] == E_SCENARIO &&
		       ld->stack[1] == E_SCENARIOS;
	struct ro_scenario *sc = in_scen ? cur_scen(r) : NULL;
	struct where w = { file, line, elem_names[e], a->v[A_ID] };
	int64_t v;

	if (in_scen && !sc)
		return;
	switch (e) {
	case E_SITE:
		if (dep == 0)
			s->name = ro_sr_intern(r, a->v[A_NAME]);
		break;
	case E_HORIZON:
		if (par == E_SITE) {
			r->horizon_line = line;
			if (!get_time(r, &w, a, A_START, &s->horizon.start))
				r->horizon_bad = true;
			if (!get_time(r, &w, a, A_END, &s->horizon.end))
				r->horizon_bad = true;
			get_int(r, &w, a, A_SLOT, 1, RO_DAY_MIN, 15, &v);
			s->horizon.slot_min = (int32_t)v;
		} else if (par == E_SCENARIO && sc) {
			sc->horizon_line = line;
			if (a->v[A_START]) {
				sc->has_start = get_time(r, &w, a, A_START, &sc->start);
				sc->bad_start = !sc->has_start;
			}
			if (a->v[A_END]) {
				sc->has_end = get_time(r, &w, a, A_END, &sc->end);
				sc->bad_end = !sc->has_end;
			}
			if (a->v[A_SLOT] &&
			    get_int(r, &w, a, A_SLOT, 1, RO_DAY_MIN, 15, &v)) {
				sc->has_slot = true;
				sc->slot_min = (int32_t)v;
			}
		}
		break;
	case E_POLICY:
		ld->pol_fresh = true;
		if (par == E_SITE) {
			struct ro_pol_over o;
			memset(&o, 0, sizeof o);
			read_policy(r, &w, a, &o);
			if (o.has_logon)
				s->policy.logon = o.p.logon;
			if (o.has_delay)
				s->policy.reboot_delay_min = o.p.reboot_delay_min;
			if (o.has_cap)
				s->policy.reboot_cap = o.p.reboot_cap;
			if (o.has_adverts)
				s->policy.expire_adverts = o.p.expire_adverts;
		} else if (par == E_SCENARIO && sc) {
			sc->has_policy = true;
			read_policy(r, &w, a, &sc->pol);
		}
		break;
	case E_REBOOT_WINDOW:
		if (par != E_POLICY)
			break;
		if (!in_scen) {
			add_window(r, &w, a, &s->policy.reboot_windows,
				   &s->policy.nreboot_windows);
		} else {
			if (ld->pol_fresh) {
				/* the windows of this <policy> replace any before */
				sc->pol.p.nreboot_windows = 0;
				sc->pol.has_windows = true;
			}
			add_window(r, &w, a, &sc->pol.p.reboot_windows,
				   &sc->pol.p.nreboot_windows);
		}
		ld->pol_fresh = false;
		break;
	case E_PROFILE: {
		struct ro_profile *p = NULL;
		if (par == E_PROFILES)
			p = PUSH(r, s->profiles, s->nprofiles);
		else if (par == E_SCENARIO && sc)
			p = PUSH(r, sc->profiles, sc->nprofiles);
		if (p)
			read_profile_attrs(r, &w, a, p);
		break;
	}
	case E_LEVEL:
		if (par != E_PROFILE)
			break;
		if (!in_scen && s->nprofiles)
			add_level(r, &w, a, &s->profiles[s->nprofiles - 1]);
		else if (in_scen && sc->nprofiles)
			add_level(r, &w, a, &sc->profiles[sc->nprofiles - 1]);
		break;
	case E_CALENDAR: {
		struct ro_calendar *c = NULL;
		if (par == E_CALENDARS)
			c = PUSH(r, s->calendars, s->ncalendars);
		else if (par == E_SCENARIO && sc)
			c = PUSH(r, sc->calendars, sc->ncalendars);
		if (c) {
			c->id = ro_sr_intern(r, a->v[A_ID]);
			c->line = line;
		}
		break;
	}
	case E_ON:
	case E_EXCEPTION: {
		struct ro_calendar *c = NULL;
		if (e == E_EXCEPTION && par == E_SCENARIO && sc) {
			struct ro_scen_exc *x = PUSH(r, sc->exc, sc->nexc);
			if (x) {
				x->calendar = ro_sr_intern(r, a->v[A_CALENDAR]);
				add_exception(r, &w, a, &x->e);
			}
			break;
		}
		if (par != E_CALENDAR)
			break;
		if (!in_scen && s->ncalendars)
			c = &s->calendars[s->ncalendars - 1];
		else if (in_scen && sc->ncalendars)
			c = &sc->calendars[sc->ncalendars - 1];
		if (!c)
			break;
		if (e == E_ON) {
			add_window(r, &w, a, &c->weekly, &c->nweekly);
		} else {
			struct ro_exception *x = PUSH(r, c->exc, c->nexc);
			if (x)
				add_exception(r, &w, a, x);
		}
		break;
	}
	case E_LINK:
		if (par == E_NETWORK) {
			struct ro_link *l;
			const char *k = a->v[A_KIND] ? a->v[A_KIND] : "lan";
			if (!ro_grow((void **)&r->plinks, s->nlinks, sizeof *r->plinks)) {
				r->oom = true;
				break;
			}
			l = PUSH(r, s->links, s->nlinks);
			if (!l)
				break;
			l->id = ro_sr_intern(r, a->v[A_ID]);
			l->line = line;
			l->parent = l->profile = -1;
			l->kind = strcmp(k, "wan") == 0 ? RO_LINK_WAN :
				  strcmp(k, "ras") == 0 ? RO_LINK_RAS : RO_LINK_LAN;
			get_dec(r, &w, a, A_CAPACITY, 1000, RO_MAX_CAPACITY_BPS, false,
				"a link above 1 Tbit/s is not plausible: the unit is "
				"kbit/s", &l->capacity_bps);
			get_frac(r, &w, a, A_SHARE, 800000, false, &l->share_ppm);
			r->plinks[s->nlinks - 1].parent = ro_sr_intern(r, a->v[A_PARENT]);
			r->plinks[s->nlinks - 1].background =
				ro_sr_intern(r, a->v[A_BACKGROUND]);
		} else if (par == E_SCENARIO && sc) {
			struct ro_scen_link *l = PUSH(r, sc->links, sc->nlinks);
			if (!l)
				break;
			l->id = ro_sr_intern(r, a->v[A_ID]);
			l->line = line;
			if (a->v[A_CAPACITY])
				l->has_capacity = get_dec(r, &w, a, A_CAPACITY, 1000,
							  RO_MAX_CAPACITY_BPS, false,
							  "a link above 1 Tbit/s is not "
							  "plausible: the unit is kbit/s",
							  &l->capacity_bps);
			if (a->v[A_SHARE])
				l->has_share = get_frac(r, &w, a, A_SHARE, 800000, false,
							&l->share_ppm);
			if (a->v[A_BACKGROUND]) {
				l->has_background = true;
				l->background = ro_sr_intern(r, a->v[A_BACKGROUND]);
			}
		}
		break;
	case E_CAP:
	case E_LOGON_POINT:
		if (par == E_SERVERS) {
			struct ro_server *sv;
			if (!ro_grow((void **)&r->pservers, s->nservers,
				     sizeof *r->pservers)) {
				r->oom = true;
				break;
			}
			sv = PUSH(r, s->servers, s->nservers);
			if (!sv)
				break;
			sv->id = ro_sr_intern(r, a->v[A_ID]);
			sv->line = line;
			sv->kind = e == E_CAP ? RO_SERVER_CAP : RO_SERVER_LOGON;
			sv->link = -1;
			r->pservers[s->nservers - 1].link = ro_sr_intern(r, a->v[A_LINK]);
			r->pservers[s->nservers - 1].has_ready =
				a->v[A_READY] && get_time(r, &w, a, A_READY, &sv->ready);
			if (get_int(r, &w, a, A_MAXC, 0, RO_MAX_CLIENTS, 0, &v))
				sv->max_concurrent = (int32_t)v;
		} else if (e == E_CAP && par == E_SCENARIO && sc) {
			struct ro_scen_cap *cp = PUSH(r, sc->caps, sc->ncaps);
			if (!cp)
				break;
			cp->id = ro_sr_intern(r, a->v[A_ID]);
			cp->line = line;
			if (a->v[A_READY])
				cp->has_ready = get_time(r, &w, a, A_READY, &cp->ready);
			if (a->v[A_MAXC] &&
			    get_int(r, &w, a, A_MAXC, 0, RO_MAX_CLIENTS, 0, &v)) {
				cp->has_max = true;
				cp->max_concurrent = (int32_t)v;
			}
		}
		break;
	case E_PAYLOAD:
		if (par == E_SITE) {
			r->payload_line = line;
			get_dec(r, &w, a, A_BASE, 1048576, RO_MAX_SIZE_BYTES, true,
				"a payload above 1 TiB is not plausible: the unit is MB",
				&s->base_bytes);
		}
		break;
	case E_COMPONENT:
		if (par == E_PAYLOAD) {
			struct ro_component *c;
			if (s->ncomponents == RO_MAX_COMPONENTS) {
				ERR(r, file, line,
				    "component '%s': more than %d components; merge some",
				    a->v[A_ID] ? a->v[A_ID] : "", RO_MAX_COMPONENTS);
				break;
			}
			c = PUSH(r, s->components, s->ncomponents);
			if (!c)
				break;
			c->id = ro_sr_intern(r, a->v[A_ID]);
			c->line = line;
			get_dec(r, &w, a, A_SIZE, 1048576, RO_MAX_SIZE_BYTES, false,
				"a component above 1 TiB is not plausible: the unit is MB",
				&c->bytes);
		}
		break;
	case E_CLIENT:
	case E_GROUP:
		if (par == E_CLIENTS)
			add_client(r, file, r->file_off, line, a, e == E_GROUP);
		break;
	case E_INVENTORY:
		if (par == E_CLIENTS)
			read_inventory(r, line, a->v[A_FILE]);
		break;
	case E_SCENARIO:
		if (par == E_SCENARIOS) {
			struct ro_scenario *n = PUSH(r, r->scen, r->nscen);
			if (n) {
				n->id = ro_sr_intern(r, a->v[A_ID]);
				n->line = line;
			}
		}
		break;
	default:
		break;
	}
}

void ro_sr_release(struct ro_site_reader *r)
{
	for (size_t i = 0; i < r->nscen; i++) {
		struct ro_scenario *sc = &r->scen[i];
		for (size_t k = 0; k < sc->nprofiles; k++)
			ro_free(sc->profiles[k].levels);
		for (size_t k = 0; k < sc->ncalendars; k++) {
			ro_free(sc->calendars[k].weekly);
			ro_free(sc->calendars[k].exc);
		}
		ro_free(sc->profiles);
		ro_free(sc->calendars);
		ro_free(sc->exc);
		ro_free(sc->links);
		ro_free(sc->caps);
		ro_free(sc->pol.p.reboot_windows);
	}
	ro_free(r->scen);
	ro_free(r->itab);
	ro_free(r->plinks);
	ro_free(r->pservers);
	ro_free(r->pclients);
}

/* Copies the entries of from into to. */
static void diag_move(struct ro_diag *to, struct ro_diag *from)
{
	for (size_t i = 0; i < from->n; i++)
		ro_diag_add(to, from->v[i].file, from->v[i].line, "%s",
			    from->v[i].msg);
	to->dropped += from->dropped;
	if (from->oom)
		to->oom = 1;
	ro_diag_release(from);
}

static int load(const char *buf, size_t len, const char *name,
		const char *scenario, struct ro_site **out, struct ro_diag *d)
{
	const char *file = name ? name : "(memory)";
	struct ro_xml_errors errs;
	struct ro_diag sem;
	struct load *ld;
	xmlTextReaderPtr xr = NULL;
	xmlSchemaPtr xs;
	int rc, ret;
	bool too_deep = false, dtd = false;

	ro_xml_init();
	rc = ro_xml_prescan(buf, len, file, d);
	if (rc != RO_OK)
		return rc;
	if (len == 0) {
		ro_diag_add(d, file, 1, "the file is empty; it needs a <site> element");
		return RO_EPARSE;
	}
	if (len > RO_XML_MAX_BYTES || len > (size_t)INT32_MAX) {
		ro_diag_add(d, file, 0, "file is larger than %u bytes; split the site",
			    RO_XML_MAX_BYTES);
		return RO_ELIMIT;
	}
	rc = ro_xml_schema_get("site.xsd", &xs, d);
	if (rc != RO_OK)
		return rc;
	ld = ro_calloc(1, sizeof *ld);
	if (!ld)
		return RO_ENOMEM;
	ro_diag_init(&sem);
	ld->r.d = &sem;
	ld->r.name = name;
	ld->r.s = ro_site_new();
	if (!ld->r.s) {
		rc = RO_ENOMEM;
		goto out_free;
	}
	ld->r.file_off = ro_sr_intern(&ld->r, file);
	ld->r.s->file = ld->r.file_off;

	ro_xml_errors_init(&errs, d, file);
	rc = ro_xml_reader_new(buf, len, &errs, &xr);
	if (rc != RO_OK)
		goto out_free;
	if (xmlTextReaderSetSchema(xr, xs) != 0) {
		ro_diag_rewind(d, errs.mark);
		rc = RO_ENOMEM;
		goto out_free;
	}
	/* with a schema plugged in, libxml2 2.9 sends parser errors past the
	 * reader's handler to the global one: catch them there too */
	xmlSetStructuredErrorFunc(&errs, ro_xml_error_handler);
	while ((ret = xmlTextReaderRead(xr)) == 1) {
		int type = xmlTextReaderNodeType(xr);
		int dep;
		struct attrs a;

		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			dtd = true;
			break;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		dep = xmlTextReaderDepth(xr);
		if (dep < 0 || dep >= RO_XML_MAX_DEPTH) {
			ro_diag_add(d, file, element_line(xr),
				    "elements nested deeper than %d; flatten the document",
				    RO_XML_MAX_DEPTH);
			too_deep = true;
			break;
		}
		int code = cached_code(&ld->elems, xmlTextReaderConstLocalName(xr),
				       elem_names, E_N);
		enum elem e = code < 0 ? E_UNKNOWN : (enum elem)code;
		ld->stack[dep] = e;
		if (!read_attrs(ld, xr, &a)) {
			ld->r.oom = true;
			break;
		}
		on_element(ld, e, dep, file, element_line(xr), &a);
		if (ld->r.oom)
			break;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	/* an allocation failure first, whatever libxml2 made of it (values
	 * emptied, input cut short, "failed to create a regex context") */
	rc = ro_xml_errors_check(&errs);
	if (rc == RO_ENOMEM || ld->r.oom) {
		ro_diag_rewind(d, errs.mark);
		rc = RO_ENOMEM;
	} else if (dtd || errs.dtd) {
		/* only when the prescan let it through: the reader's node type,
		 * or an error inside the declarations */
		ro_diag_rewind(d, errs.mark);
		ro_diag_add(d, file, 1, "DTD not allowed; remove the <!DOCTYPE>");
		rc = RO_EPARSE;
	} else if (too_deep || rc == RO_ELIMIT) {
		rc = RO_ELIMIT;
	} else if (ret != 0 || errs.nerr > 0 || xmlTextReaderIsValid(xr) != 1) {
		/* well-formedness errors make ret -1; schema errors only count */
		if (errs.nerr == 0)
			ro_diag_add(d, file, 0, "the file does not follow site.xsd");
		rc = ret != 0 ? RO_EPARSE : RO_ESCHEMA;
	} else {
		ro_sr_finish(&ld->r, scenario);
		if (ld->r.oom)
			rc = RO_ENOMEM;
		else if (ld->r.limit)
			rc = RO_ELIMIT;
		else if (ro_diag_count(&sem) > 0)
			rc = RO_EINVAL;
		else
			rc = RO_OK;
		ro_diag_sort(&sem);
		diag_move(d, &sem);
	}
out_free:
	xmlFreeTextReader(xr);
	ro_diag_release(&sem);
	ro_sr_release(&ld->r);
	if (rc == RO_OK)
		*out = ld->r.s;
	else
		ro_site_free(ld->r.s);
	ro_free(ld->scratch);
	ro_free(ld);
	return rc;
}

int ro_site_load_memory(const char *buf, size_t len, const char *name,
			const char *scenario, struct ro_site **out,
			struct ro_diag *d)
{
	if (!out)
		return RO_EARG;
	*out = NULL;
	if (!buf || !d)
		return RO_EARG;
	return load(buf, len, name, scenario, out, d);
}

int ro_site_load(const char *path, const char *scenario, struct ro_site **out,
		 struct ro_diag *d)
{
	char *buf;
	size_t len;
	int rc;

	if (!out)
		return RO_EARG;
	*out = NULL;
	if (!path || !d)
		return RO_EARG;
	rc = ro_read_file(path, RO_XML_MAX_BYTES, &buf, &len, d);
	if (rc != RO_OK)
		return rc;
	rc = load(buf, len, path, scenario, out, d);
	ro_free(buf);
	return rc;
}
