/*
 * report.c - schedules in, one self-contained XHTML report out (report.h).
 *
 * Two halves.  Reading: each schedule is parsed with the safe parser,
 * validated against schedule.xsd, and boiled down to what the charts need
 * (the header, completions per slot, the unplaced clients, the actions per
 * day, bytes and usable capacity per link and slot); the document is freed
 * before the next one is read.  Writing: an XHTML tree built node by node
 * with libxml2 (never pasted text, so every name from a file is escaped by
 * the serialiser), with SVG charts whose coordinates are computed here and
 * printed with two decimals, so the same inputs give the same bytes.
 *
 * A libxml2 call that returns NULL means it ran out of memory: the builder
 * records that once and carries on with NULL nodes (every helper accepts a
 * NULL parent), and the report as a whole fails with RO_ENOMEM.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "../model/plan.h"
#include "../model/rtime.h"
#include "../model/site.h"
#include "atomic.h"
#include "report.h"
#include "version.h"
#include "xmlsafe.h"

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define SVG_NS "http://www.w3.org/2000/svg"

#define SATURATED 0.99   /* a slot at or above this utilisation is full */
#define NREASONS (RO_REASON_UNFINISHED + 1)
#define NCAUSES (RO_CAUSE_COHORT + 1)

/* Chart geometry (pixels): every chart shares the left label column and
 * the plot width, so that time axes line up down the page. */
#define LEFT 150.0
#define PW 820.0
#define SVG_W 990

/* ============================ the model ============================ */

struct rlink {
	char *id;
	int64_t *bytes;      /* nslots */
	int64_t *usable;     /* nslots */
	double peak;         /* highest utilisation (inf: bytes on 0 usable) */
	int64_t total;       /* bytes over the horizon */
	int32_t saturated;   /* slots at or above SATURATED */
	int64_t overload;    /* bytes above usable, all slots */
};

/* One action of an SMS 2.0 schedule, for its timeline. */
struct ract {
	ro_time at;
	char *what;          /* the element's name */
	char *detail;
};

/* The actions of one day (docs/schedule-format.md, "actions"). */
struct rday {
	ro_time day;
	int32_t expire, reenable, disable, enable_all, cohorts, pushes;
	int64_t logon_clients, push_clients;
};

struct runplaced {
	char *id;
	int reason;
};

struct rstage {
	char name[24];
	char *value, *bound;
	double gap;
	bool has_gap;
};

struct rsched {
	const char *path;
	char *site, *scenario, *status, *objective;
	ro_time start, end;
	int32_t slot_min, nslots;
	struct rstage stages[4];
	int nstages;
	int64_t placed, unplaced;
	int32_t makespan_slots;
	ro_time makespan;
	char *peak;                 /* as stated, four decimals */
	int64_t by_reason[NREASONS];
	int64_t *finished;          /* nslots + 1: clients completing at e */
	struct runplaced *up;       /* the first max_unplaced */
	size_t nup;
	struct rday *days;
	size_t ndays;
	struct rlink *links;
	size_t nlinks;

	/* An SMS 2.0 schedule (<options control="sms20">): the forecast runs
	 * to a week after the horizon, and so do nslots and end (the time
	 * axis); hslots and hend are the horizon's own.  The summary's
	 * further figures, the clients by cause, the actions in file (time)
	 * order. */
	bool sms20;
	int32_t hslots;
	ro_time hend;
	int64_t clients, after_horizon, overload, ras_bytes, triggers;
	int64_t by_cause[NCAUSES];
	struct ract *acts;
	size_t nacts;
};

struct rsimlink {
	char *id;
	int64_t peak_demand, peak_usable, overload_min;
	bool has_peak;
	ro_time peak_at;
};

struct rsim {
	const char *path;
	char *site, *scenario, *starts;
	int64_t clients, overloaded;
	struct rsimlink *links;
	size_t nlinks;
};

/* Reading state for one file. */
struct rd {
	const char *file;
	struct ro_diag *d;
	int nerr;
	int oom;
	int max_unplaced;
};

static void sched_release(struct rsched *s)
{
	if (!s)
		return;
	ro_free(s->site);
	ro_free(s->scenario);
	ro_free(s->status);
	ro_free(s->objective);
	ro_free(s->peak);
	for (int i = 0; i < s->nstages; i++) {
		ro_free(s->stages[i].value);
		ro_free(s->stages[i].bound);
	}
	ro_free(s->finished);
	for (size_t i = 0; i < s->nup; i++)
		ro_free(s->up[i].id);
	ro_free(s->up);
	ro_free(s->days);
	for (size_t i = 0; i < s->nacts; i++) {
		ro_free(s->acts[i].what);
		ro_free(s->acts[i].detail);
	}
	ro_free(s->acts);
	for (size_t i = 0; i < s->nlinks; i++) {
		ro_free(s->links[i].id);
		ro_free(s->links[i].bytes);
		ro_free(s->links[i].usable);
	}
	ro_free(s->links);
}

static void sim_release(struct rsim *m)
{
	if (!m)
		return;
	ro_free(m->site);
	ro_free(m->scenario);
	ro_free(m->starts);
	for (size_t i = 0; i < m->nlinks; i++)
		ro_free(m->links[i].id);
	ro_free(m->links);
}

/* ============================ reading ============================ */

static bool is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static long line_of(xmlNodePtr n)
{
	return n ? xmlGetLineNo(n) : 0;
}

/* The value of attribute name, NULL when absent.  Points into the tree (no
 * allocation): a parsed attribute is one text node, entities already
 * replaced. */
static const char *attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n ? n->properties : NULL; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content
			       ? (const char *)a->children->content : "";
	return NULL;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void rd_error(struct rd *r, xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ro_diag_vadd(r->d, r->file, line_of(n), fmt, ap);
	va_end(ap);
	r->nerr++;
}

static char *rd_dup(struct rd *r, const char *s)
{
	char *p;

	if (!s)
		return NULL;
	p = ro_strdup(s);
	if (!p)
		r->oom = 1;
	return p;
}

/* An integer attribute the schema has already typed; false when absent. */
static bool get_i64(struct rd *r, xmlNodePtr n, const char *name,
		    int64_t *v)
{
	const char *s = attr(n, name);
	char *end;
	long long x;

	if (!s)
		return false;
	x = strtoll(s, &end, 10);
	if (end == s || *end) {
		rd_error(r, n, "'%s' is not a whole number: \"%s\"; write "
			 "digits only", name, s);
		return false;
	}
	*v = x;
	return true;
}

static bool get_time(struct rd *r, xmlNodePtr n, const char *name,
		     ro_time *v)
{
	const char *s = attr(n, name);

	if (!s)
		return false;
	if (!ro_time_parse(s, v)) {
		rd_error(r, n, "'%s' is not a date-time: \"%s\"; use "
			 "YYYY-MM-DDTHH:MM", name, s);
		return false;
	}
	return true;
}

static void read_header(struct rd *r, struct rsched *s, xmlNodePtr h)
{
	for (xmlNodePtr n = h->children; n; n = n->next) {
		int64_t v;

		if (is(n, "site")) {
			s->site = rd_dup(r, attr(n, "name"));
			s->scenario = rd_dup(r, attr(n, "scenario"));
		} else if (is(n, "horizon")) {
			get_time(r, n, "start", &s->start);
			get_time(r, n, "end", &s->end);
			if (get_i64(r, n, "slot-minutes", &v)) {
				if (v < 1 || v > RO_MAX_HORIZON_MIN)
					rd_error(r, n, "slot-minutes=\"%" PRId64
						 "\" is out of range", v);
				else
					s->slot_min = (int32_t)v;
			}
			if (get_i64(r, n, "slots", &v)) {
				if (v < 1 || v > RO_MAX_SLOTS)
					rd_error(r, n, "slots=\"%" PRId64 "\" is "
						 "out of range (1 to %d)", v,
						 RO_MAX_SLOTS);
				else
					s->nslots = (int32_t)v;
			}
		} else if (is(n, "options")) {
			const char *c = attr(n, "control");

			s->objective = rd_dup(r, attr(n, "objective"));
			s->sms20 = c && strcmp(c, "sms20") == 0;
		} else if (is(n, "solver")) {
			s->status = rd_dup(r, attr(n, "status"));
		} else if (is(n, "stage") && s->nstages < 4) {
			struct rstage *st = &s->stages[s->nstages++];
			const char *g = attr(n, "gap");

			snprintf(st->name, sizeof st->name, "%s",
				 attr(n, "name") ? attr(n, "name") : "");
			st->value = rd_dup(r, attr(n, "value"));
			st->bound = rd_dup(r, attr(n, "bound"));
			if (g) {
				st->gap = strtod(g, NULL);
				st->has_gap = isfinite(st->gap);
			}
		} else if (is(n, "summary")) {
			get_i64(r, n, "placed", &s->placed);
			get_i64(r, n, "unplaced", &s->unplaced);
			if (get_i64(r, n, "makespan-slots", &v))
				s->makespan_slots = (int32_t)(v > RO_MAX_SLOTS
							      ? RO_MAX_SLOTS : v);
			get_time(r, n, "makespan", &s->makespan);
			s->peak = rd_dup(r, attr(n, "peak-utilisation"));
			if (s->sms20) {
				get_i64(r, n, "clients", &s->clients);
				get_i64(r, n, "after-horizon",
					&s->after_horizon);
				get_i64(r, n, "overload-bytes", &s->overload);
				get_i64(r, n, "ras-bytes", &s->ras_bytes);
				get_i64(r, n, "triggers", &s->triggers);
			}
		}
	}
}

/* The slot of a time on the grid of s: -1 (with a message) when it is not
 * a slot boundary in 0 .. max. */
static int32_t slot_of(struct rd *r, const struct rsched *s, xmlNodePtr n,
		       const char *name, ro_time t, int32_t max)
{
	ro_time off = t - s->start;

	if (off < 0 || off % s->slot_min || off / s->slot_min > max) {
		rd_error(r, n, "%s is not a slot boundary of the horizon; give "
			 "the schedule rollout wrote", name);
		return -1;
	}
	return (int32_t)(off / s->slot_min);
}

static void read_clients(struct rd *r, struct rsched *s, xmlNodePtr cl)
{
	for (xmlNodePtr n = cl->children; n; n = n->next) {
		if (is(n, "client")) {
			ro_time end;
			int32_t e;

			if (!get_time(r, n, "end", &end))
				continue;
			e = slot_of(r, s, n, "'end'", end, s->nslots);
			if (e >= 0)
				s->finished[e]++;
			if (s->sms20) {
				const char *c = attr(n, "cause");
				int k = c ? ro_cause_parse(c) : -1;

				if (k > 0 && k < NCAUSES)
					s->by_cause[k]++;
			}
		} else if (is(n, "unplaced")) {
			const char *why = attr(n, "reason");
			int reason = why ? ro_reason_parse(why) : -1;

			if (reason <= 0 || reason >= NREASONS) {
				rd_error(r, n, "unknown reason \"%s\"",
					 why ? why : "");
				continue;
			}
			s->by_reason[reason]++;
			if (s->nup < (size_t)r->max_unplaced) {
				s->up[s->nup].id = rd_dup(r, attr(n, "id"));
				s->up[s->nup].reason = reason;
				if (s->up[s->nup].id)
					s->nup++;
			}
		}
	}
}

/* The day record for time t: actions come in time order, so it is almost
 * always the last one. */
static struct rday *day_of(struct rd *r, struct rsched *s, ro_time t)
{
	ro_time day = ro_time_day_start(t);
	struct rday *v;

	for (size_t i = s->ndays; i-- > 0;)
		if (s->days[i].day == day)
			return &s->days[i];
	v = ro_reallocarray(s->days, s->ndays + 1, sizeof *v);
	if (!v) {
		r->oom = 1;
		return NULL;
	}
	s->days = v;
	v = &s->days[s->ndays++];
	memset(v, 0, sizeof *v);
	v->day = day;
	return v;
}

static int64_t count_children(xmlNodePtr n, const char *name)
{
	int64_t k = 0;

	for (xmlNodePtr c = n->children; c; c = c->next)
		k += is(c, name);
	return k;
}

static char *fmt_count(int64_t v, char *buf, size_t n);

/* One action of an SMS 2.0 schedule onto its timeline, with what it says
 * beyond its time. */
static void read_sms_action(struct rd *r, struct rsched *s, xmlNodePtr n,
			    ro_time at)
{
	struct ract *v = ro_reallocarray(s->acts, s->nacts + 1, sizeof *v);
	char buf[256], x[32];
	const char *a = attr(n, "group"), *b;

	if (!v) {
		r->oom = 1;
		return;
	}
	s->acts = v;
	v = &s->acts[s->nacts];
	v->at = at;
	v->what = rd_dup(r, (const char *)n->name);
	buf[0] = '\0';
	if (is(n, "apply-service-pack")) {
		snprintf(buf, sizeof buf, "the release: every CAP has the files "
			 "at %s", (b = attr(n, "ready")) ? b : "?");
	} else if (is(n, "instruct-users")) {
		snprintf(buf, sizeof buf, "group %s: leave the PCs on from %s "
			 "to %s (%s follow)", a ? a : "?",
			 (b = attr(n, "from")) ? b : "?",
			 attr(n, "to") ? attr(n, "to") : "?",
			 attr(n, "compliance") ? attr(n, "compliance") : "?");
	} else if (is(n, "enable-logon-scripts")) {
		b = attr(n, "scope");
		snprintf(buf, sizeof buf, "%s%s", b && strcmp(b, "group") == 0
			 ? "group " : b ? b : "", b && strcmp(b, "group") == 0
			 && a ? a : "");
	} else if (is(n, "trigger") || is(n, "restart-reminder")) {
		int64_t k = count_children(n, "client");

		snprintf(buf, sizeof buf, "%s %s", fmt_count(k, x, sizeof x),
			 is(n, "trigger") ? (k == 1 ? "client" : "clients")
			 : (k == 1 ? "user" : "users"));
	}
	v->detail = rd_dup(r, buf);
	if (v->what && v->detail) {
		s->nacts++;
	} else {
		ro_free(v->what);
		ro_free(v->detail);
	}
}

static void read_actions(struct rd *r, struct rsched *s, xmlNodePtr ac)
{
	for (xmlNodePtr n = ac->children; n; n = n->next) {
		struct rday *dy;
		ro_time at;

		if (n->type != XML_ELEMENT_NODE || !get_time(r, n, "at", &at))
			continue;
		if (s->sms20) {
			read_sms_action(r, s, n, at);
			if (r->oom)
				return;
			continue;
		}
		dy = day_of(r, s, at);
		if (!dy)
			return;
		if (is(n, "expire-advertisements")) {
			dy->expire++;
		} else if (is(n, "reenable-advertisements")) {
			dy->reenable++;
		} else if (is(n, "disable-logon-scripts")) {
			dy->disable++;
		} else if (is(n, "enable-logon-scripts")) {
			const char *scope = attr(n, "scope");

			if (scope && strcmp(scope, "all") == 0) {
				dy->enable_all++;
			} else {
				dy->cohorts++;
				dy->logon_clients += count_children(n, "client");
			}
		} else if (is(n, "push")) {
			dy->pushes++;
			dy->push_clients += count_children(n, "client");
		}
	}
}

static void read_link(struct rd *r, struct rsched *s, struct rlink *lk,
		      xmlNodePtr ln)
{
	lk->id = rd_dup(r, attr(ln, "id"));
	lk->bytes = ro_calloc((size_t)s->nslots, sizeof *lk->bytes);
	lk->usable = ro_calloc((size_t)s->nslots, sizeof *lk->usable);
	if (!lk->id || !lk->bytes || !lk->usable) {
		r->oom = 1;
		return;
	}
	for (xmlNodePtr n = ln->children; n; n = n->next) {
		int64_t t, b = 0, u = 0;

		if (!is(n, "slot") || !get_i64(r, n, "t", &t))
			continue;
		if (t < 0 || t >= s->nslots) {
			rd_error(r, n, "slot t=\"%" PRId64 "\" is outside the "
				 "%s (0 to %" PRId32 ")", t, s->sms20
				 ? "forecast" : "horizon", s->nslots - 1);
			continue;
		}
		get_i64(r, n, "bytes", &b);
		get_i64(r, n, "usable", &u);
		lk->bytes[t] = b;
		lk->usable[t] = u;
	}
	for (int32_t t = 0; t < s->nslots; t++) {
		double u = lk->usable[t] > 0
			   ? (double)lk->bytes[t] / (double)lk->usable[t]
			   : lk->bytes[t] > 0 ? INFINITY : 0;

		lk->total += lk->bytes[t];
		if (lk->bytes[t] > lk->usable[t])
			lk->overload += lk->bytes[t] - lk->usable[t];
		if (u > lk->peak)
			lk->peak = u;
		if (u >= SATURATED)
			lk->saturated++;
	}
}

static void read_links(struct rd *r, struct rsched *s, xmlNodePtr ls)
{
	size_t n = (size_t)count_children(ls, "link");

	s->links = ro_calloc(n ? n : 1, sizeof *s->links);
	if (!s->links) {
		r->oom = 1;
		return;
	}
	for (xmlNodePtr c = ls->children; c && !r->oom; c = c->next)
		if (is(c, "link"))
			read_link(r, s, &s->links[s->nlinks++], c);
}

/* Reads, parses and validates path against schema; *root is the root
 * element, which must be named root_name. */
static int load_doc(const char *path, const char *schema,
		    const char *root_name, xmlDocPtr *doc, xmlNodePtr *root,
		    struct ro_diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*doc = NULL;
	rc = ro_read_file(path, RO_XML_MAX_BYTES, &buf, &len, d);
	if (rc != RO_OK)
		return rc;
	rc = ro_xml_parse(buf, len, path, doc, d);
	ro_free(buf);
	if (rc != RO_OK)
		return rc;
	rc = ro_xml_validate(*doc, schema, path, d);
	if (rc != RO_OK)
		goto out_free_doc;
	*root = xmlDocGetRootElement(*doc);
	if (!is(*root, root_name)) {
		ro_diag_add(d, path, line_of(*root), "the document is not a %s "
			    "(root element '%s'); give a file written by "
			    "rollout", root_name,
			    *root ? (const char *)(*root)->name : "");
		rc = RO_ESCHEMA;
		goto out_free_doc;
	}
	return RO_OK;
out_free_doc:
	xmlFreeDoc(*doc);
	*doc = NULL;
	return rc;
}

static int read_schedule(const char *path, int max_unplaced,
			 struct rsched *s, struct ro_diag *d)
{
	struct rd r = { path, d, 0, 0, max_unplaced };
	xmlNodePtr root = NULL;
	xmlDocPtr doc;
	int rc;

	s->path = path;
	rc = load_doc(path, "schedule.xsd", "schedule", &doc, &root, d);
	if (rc != RO_OK)
		return rc;
	for (xmlNodePtr n = root->children; n; n = n->next)
		if (is(n, "header"))
			read_header(&r, s, n);
	if (r.nerr || r.oom || s->slot_min <= 0 || s->nslots <= 0)
		goto out;
	/* the last slot ends at or before the horizon end: a partial slot
	 * at the end is dropped (docs/site-format.md, "horizon") */
	if (s->end - s->start < (ro_time)s->nslots * s->slot_min ||
	    s->end - s->start >= (ro_time)(s->nslots + 1) * s->slot_min) {
		rd_error(&r, root, "the horizon does not hold %" PRId32 " slots "
			 "of %" PRId32 " minutes; give the schedule rollout "
			 "wrote", s->nslots, s->slot_min);
		goto out;
	}
	if (s->sms20) {
		/* the forecast runs to a week after the horizon end (the
		 * Monday-morning catch-up after a weekend horizon): so does
		 * the report's time axis */
		int64_t w = (RO_WEEK_MIN + s->slot_min - 1) / s->slot_min;

		s->hslots = s->nslots;
		s->hend = s->end;
		if (s->nslots + w > RO_MAX_SLOTS) {
			rd_error(&r, root, "the forecast's %" PRId64 " slots are "
				 "more than %d", s->nslots + w, RO_MAX_SLOTS);
			goto out;
		}
		s->nslots += (int32_t)w;
		s->end = s->start + (ro_time)s->nslots * s->slot_min;
	}
	s->finished = ro_calloc((size_t)s->nslots + 1, sizeof *s->finished);
	s->up = ro_calloc(max_unplaced > 0 ? (size_t)max_unplaced : 1,
			  sizeof *s->up);
	if (!s->finished || !s->up) {
		r.oom = 1;
		goto out;
	}
	for (xmlNodePtr n = root->children; n && !r.oom; n = n->next) {
		if (is(n, "clients"))
			read_clients(&r, s, n);
		else if (is(n, "actions"))
			read_actions(&r, s, n);
		else if (is(n, "links"))
			read_links(&r, s, n);
	}
out:
	xmlFreeDoc(doc);
	if (r.oom) {
		ro_diag_add(d, path, 0, "cannot read the schedule: out of "
			    "memory");
		return RO_ENOMEM;
	}
	return r.nerr ? RO_EINVAL : RO_OK;
}

static int read_simulation(const char *path, struct rsim *m,
			   struct ro_diag *d)
{
	struct rd r = { path, d, 0, 0, 0 };
	xmlNodePtr root = NULL;
	xmlDocPtr doc;
	int rc;

	m->path = path;
	rc = load_doc(path, "simulation.xsd", "simulation", &doc, &root, d);
	if (rc != RO_OK)
		return rc;
	for (xmlNodePtr n = root->children; n && !r.oom; n = n->next) {
		if (is(n, "site")) {
			m->site = rd_dup(&r, attr(n, "name"));
			m->scenario = rd_dup(&r, attr(n, "scenario"));
		} else if (is(n, "summary")) {
			m->starts = rd_dup(&r, attr(n, "starts"));
			get_i64(&r, n, "clients", &m->clients);
			get_i64(&r, n, "overloaded-links", &m->overloaded);
		} else if (is(n, "links")) {
			size_t k = (size_t)count_children(n, "link");

			m->links = ro_calloc(k ? k : 1, sizeof *m->links);
			if (!m->links) {
				r.oom = 1;
				break;
			}
			for (xmlNodePtr c = n->children; c; c = c->next) {
				struct rsimlink *l;

				if (!is(c, "link"))
					continue;
				l = &m->links[m->nlinks++];
				l->id = rd_dup(&r, attr(c, "id"));
				get_i64(&r, c, "peak-demand", &l->peak_demand);
				get_i64(&r, c, "peak-usable", &l->peak_usable);
				get_i64(&r, c, "overload-minutes",
					&l->overload_min);
				l->has_peak = get_time(&r, c, "peak-at",
						       &l->peak_at);
			}
		}
	}
	xmlFreeDoc(doc);
	if (r.oom) {
		ro_diag_add(d, path, 0, "cannot read the simulation: out of "
			    "memory");
		return RO_ENOMEM;
	}
	return r.nerr ? RO_EINVAL : RO_OK;
}

/* ============================ building ============================ */

struct b {
	xmlDocPtr doc;
	int oom;
};

/* A growing text buffer for long attribute values (polyline points). */
struct sbuf {
	char *p;
	size_t n, cap;
	int oom;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (sb->oom)
		return;
	for (;;) {
		size_t room = sb->cap - sb->n;

		va_start(ap, fmt);
		k = vsnprintf(sb->p ? sb->p + sb->n : NULL, room, fmt, ap);
		va_end(ap);
		if (k < 0) {
			sb->oom = 1;
			return;
		}
		if ((size_t)k < room) {
			sb->n += (size_t)k;
			return;
		}
		size_t ncap = sb->cap ? 2 * sb->cap : 256;
		while (ncap - sb->n <= (size_t)k)
			ncap *= 2;
		char *np = ro_realloc(sb->p, ncap);
		if (!np) {
			sb->oom = 1;
			return;
		}
		sb->p = np;
		sb->cap = ncap;
	}
}

static xmlNodePtr el(struct b *b, xmlNodePtr parent, const char *name,
		     const char *text)
{
	xmlNodePtr n;

	if (!parent)
		return NULL;
	n = text ? xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text)
		 : xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (!n)
		b->oom = 1;
	return n;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static xmlNodePtr elf(struct b *b, xmlNodePtr parent, const char *name,
		      const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return el(b, parent, name, buf);
}

static void set(struct b *b, xmlNodePtr n, const char *name,
		const char *value)
{
	if (n && !xmlNewProp(n, BAD_CAST name, BAD_CAST value))
		b->oom = 1;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void setf(struct b *b, xmlNodePtr n, const char *name,
		 const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	set(b, n, name, buf);
}

/* Moves the text of sb into attribute name of n and empties sb. */
static void set_sb(struct b *b, xmlNodePtr n, const char *name,
		   struct sbuf *sb)
{
	if (sb->oom)
		b->oom = 1;
	else
		set(b, n, name, sb->p ? sb->p : "");
	sb->n = 0;
	if (sb->p)
		sb->p[0] = '\0';
}

/* A text node appended to n (for mixed content). */
static void text(struct b *b, xmlNodePtr n, const char *s)
{
	xmlNodePtr t;

	if (!n)
		return;
	t = xmlNewText(BAD_CAST s);
	if (!t || !xmlAddChild(n, t)) {
		xmlFreeNode(t);
		b->oom = 1;
	}
}

static xmlNodePtr svg_new(struct b *b, xmlNodePtr parent, int w, double h,
			  const char *cls, const char *label)
{
	xmlNodePtr s = el(b, parent, "svg", NULL);
	xmlNsPtr ns;

	if (!s)
		return NULL;
	ns = xmlNewNs(s, BAD_CAST SVG_NS, NULL);
	if (!ns) {
		b->oom = 1;
		return s;
	}
	xmlSetNs(s, ns);
	setf(b, s, "width", "%d", w);
	setf(b, s, "height", "%.0f", h);
	setf(b, s, "viewBox", "0 0 %d %.0f", w, h);
	set(b, s, "class", cls);
	set(b, s, "role", "img");
	set(b, s, "aria-label", label);
	return s;
}

static xmlNodePtr rect(struct b *b, xmlNodePtr p, double x, double y,
		       double w, double h, const char *cls)
{
	xmlNodePtr r = el(b, p, "rect", NULL);

	setf(b, r, "x", "%.2f", x);
	setf(b, r, "y", "%.2f", y);
	setf(b, r, "width", "%.2f", w);
	setf(b, r, "height", "%.2f", h);
	if (cls)
		set(b, r, "class", cls);
	return r;
}

static xmlNodePtr line(struct b *b, xmlNodePtr p, double x1, double y1,
		       double x2, double y2, const char *cls)
{
	xmlNodePtr l = el(b, p, "line", NULL);

	setf(b, l, "x1", "%.2f", x1);
	setf(b, l, "y1", "%.2f", y1);
	setf(b, l, "x2", "%.2f", x2);
	setf(b, l, "y2", "%.2f", y2);
	set(b, l, "class", cls);
	return l;
}

static xmlNodePtr svg_text(struct b *b, xmlNodePtr p, double x, double y,
			   const char *anchor, const char *cls,
			   const char *s)
{
	xmlNodePtr t = el(b, p, "text", s);

	setf(b, t, "x", "%.2f", x);
	setf(b, t, "y", "%.2f", y);
	if (anchor)
		set(b, t, "text-anchor", anchor);
	if (cls)
		set(b, t, "class", cls);
	return t;
}

/* ============================ formatting ============================ */

/* 1234567 -> "1,234,567" */
static char *fmt_count(int64_t v, char *buf, size_t n)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%" PRId64, v < 0 ? -v : v);
	size_t o = 0;

	if (v < 0 && o + 1 < n)
		buf[o++] = '-';
	for (int i = 0; i < len && o + 1 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 1 < n)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

/* minutes -> "3 d 04:15", as the program prints durations */
static char *fmt_duration(int64_t m, char *buf, size_t n)
{
	snprintf(buf, n, "%" PRId64 " d %02" PRId64 ":%02" PRId64,
		 m / RO_DAY_MIN, m % RO_DAY_MIN / 60, m % 60);
	return buf;
}

static const char *const months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* "Mon 30 Nov" (with_dow) or "30 Nov" */
static char *fmt_day(ro_time t, bool with_dow, char *buf, size_t n)
{
	char d[RO_TIME_BUFSZ];
	int mon;

	ro_date_format(t, d);   /* YYYY-MM-DD */
	mon = (d[5] - '0') * 10 + (d[6] - '0');
	if (mon < 1 || mon > 12)
		mon = 1;
	snprintf(buf, n, "%s%s%d %s", with_dow ? ro_dow_name(ro_time_dow(t))
					       : "", with_dow ? " " : "",
		 (d[8] - '0') * 10 + (d[9] - '0'), months[mon - 1]);
	return buf;
}

/* "Fri 4 Dec 22:15" */
static char *fmt_when(ro_time t, char *buf, size_t n)
{
	char day[24], full[RO_TIME_BUFSZ];

	fmt_day(t, true, day, sizeof day);
	ro_time_format(t, full);
	snprintf(buf, n, "%s %s", day, full + 11);
	return buf;
}

static char *fmt_mb(int64_t bytes, char *buf, size_t n)
{
	snprintf(buf, n, "%.2f MB", (double)bytes / 1048576.0);
	return buf;
}

static char *fmt_pct(double u, char *buf, size_t n)
{
	if (isinf(u))
		snprintf(buf, n, "over capacity (no usable capacity)");
	else
		snprintf(buf, n, "%.1f %%", 100.0 * u);
	return buf;
}

/* The name a schedule goes by in legends: its scenario, else its file. */
static const char *sched_label(const struct rsched *s)
{
	const char *base;

	if (s->scenario && *s->scenario)
		return s->scenario;
	base = strrchr(s->path, '/');
	return base ? base + 1 : s->path;
}

static const char *const reason_help[NREASONS] = {
	"",
	"no trigger fires inside the horizon",
	"on only while on the RAS link",
	"its on-windows are too short for the transfer and reboots",
	"it could start, but the capacity was taken by others",
	"it would finish after the horizon ends",
	"the site is not released in this horizon",
	"a new install whose logon script stays off",
	"its copy or restarts are not done in the forecast",
};

/* Line colours for schedules (one per scenario), colour-blind safe. */
static const char *const palette[8] = {
	"#0072b2", "#d55e00", "#009e73", "#cc79a7",
	"#e69f00", "#56b4e9", "#000000", "#999999"
};

/* ============================ charts ============================ */

/* Slots per column: at most RO_REPORT_MAX_COLUMNS columns per chart. */
static int32_t bucket_of(int32_t nslots)
{
	return (nslots + RO_REPORT_MAX_COLUMNS - 1) / RO_REPORT_MAX_COLUMNS;
}

/* Weekend shading, day lines and day labels under a time axis from t0 to
 * t1 drawn over [LEFT, LEFT + PW] x [top, bottom]; labels go below. */
static void time_axis(struct b *b, xmlNodePtr svg, ro_time t0, ro_time t1,
		      double top, double bottom)
{
	double span = (double)(t1 - t0), dayw = PW * RO_DAY_MIN / span;
	int every = 1;
	char buf[32];

	while (every * dayw < 60 && every < 366)
		every = every < 7 ? every + 1 : every + 7;
	for (ro_time d = ro_time_day_start(t0); d < t1; d += RO_DAY_MIN) {
		ro_time a = d < t0 ? t0 : d, z = d + RO_DAY_MIN;

		if (z > t1)
			z = t1;
		if (ro_time_dow(d) >= 5 && dayw >= 2)
			rect(b, svg, LEFT + PW * (double)(a - t0) / span, top,
			     PW * (double)(z - a) / span, bottom - top,
			     "weekend");
	}
	for (ro_time d = ro_time_day_start(t0); d < t1; d += RO_DAY_MIN) {
		int64_t k = (d - ro_time_day_start(t0)) / RO_DAY_MIN;
		double x = LEFT + PW * (double)(d - t0) / span;

		if (d < t0)
			continue;
		line(b, svg, x, top, x, bottom, "grid");
		if (k % every == 0)
			svg_text(b, svg, x + 2, bottom + 12, NULL, "tick",
				 fmt_day(d, dayw * every >= 60, buf, sizeof buf));
	}
}

/* y of value v on a vertical scale 0..max drawn from bottom up to top. */
static double yscale(double v, double max, double top, double h)
{
	return top + h - (max > 0 ? v / max : 0) * h;
}

/* Per link: planned bytes against usable capacity over the horizon,
 * stepped per column (a column is `bucket` slots, their sums). */
static void load_chart(struct b *b, xmlNodePtr parent, const struct rsched *s,
		       const struct rlink *lk, struct sbuf *sb)
{
	const double top = 24, ph = 90;
	int32_t bucket = bucket_of(s->nslots);
	int32_t ncols = (s->nslots + bucket - 1) / bucket;
	double ymax = 0, colw = PW / ncols;
	int64_t *cb = ro_calloc((size_t)ncols, sizeof *cb);
	int64_t *cu = ro_calloc((size_t)ncols, sizeof *cu);
	bool *sat = ro_calloc((size_t)ncols, sizeof *sat);
	char title[512], a[64], c[64], lbl[64];
	xmlNodePtr svg, n;

	if (!cb || !cu || !sat) {
		b->oom = 1;
		goto out;
	}
	for (int32_t t = 0; t < s->nslots; t++) {
		int32_t col = t / bucket;

		cb[col] += lk->bytes[t];
		cu[col] += lk->usable[t];
		if (lk->usable[t] > 0
		    ? (double)lk->bytes[t] >= SATURATED * (double)lk->usable[t]
		    : lk->bytes[t] > 0)
			sat[col] = true;
	}
	for (int32_t col = 0; col < ncols; col++) {
		if ((double)cb[col] > ymax)
			ymax = (double)cb[col];
		if ((double)cu[col] > ymax)
			ymax = (double)cu[col];
	}
	if (ymax <= 0)
		ymax = 1;

	snprintf(title, sizeof title, "link %s: planned bytes against usable "
		 "capacity", lk->id);
	svg = svg_new(b, parent, SVG_W, top + ph + 30, "load-chart", title);
	set(b, svg, "data-link", lk->id);
	snprintf(title, sizeof title, "%s   peak %s, %" PRId32 " slot%s "
		 "saturated, %s planned", lk->id,
		 fmt_pct(lk->peak, a, sizeof a), lk->saturated,
		 lk->saturated == 1 ? "" : "s", fmt_mb(lk->total, c, sizeof c));
	svg_text(b, svg, 4, 14, NULL, "chart-title", title);
	time_axis(b, svg, s->start, s->end, top, top + ph);
	line(b, svg, LEFT, top + ph, LEFT + PW, top + ph, "axis");
	for (int i = 0; i <= 2; i++) {
		double v = ymax * i / 2, y = yscale(v, ymax, top, ph);

		line(b, svg, LEFT - 3, y, LEFT, y, "axis");
		svg_text(b, svg, LEFT - 6, y + 4, "end", "tick",
			 fmt_mb((int64_t)llround(v), lbl, sizeof lbl));
	}
	snprintf(lbl, sizeof lbl, "per %" PRId32 " min", bucket * s->slot_min);
	svg_text(b, svg, LEFT - 6, top + ph + 24, "end", "tick", lbl);

	/* usable capacity, then the planned bytes in front of it: areas
	 * whose top edge steps per column (runs of equal columns merged) */
	for (int pass = 0; pass < 2; pass++) {
		const int64_t *v = pass == 0 ? cu : cb;
		int32_t from = 0;

		for (int32_t col = 1; col <= ncols; col++) {
			double y;

			if (col < ncols && v[col] == v[from])
				continue;
			y = yscale((double)v[from], ymax, top, ph);
			sb_printf(sb, "%s%.2f,%.2f %.2f,%.2f", from ? " " : "",
				  LEFT + from * colw, y, LEFT + col * colw, y);
			from = col;
		}
		sb_printf(sb, " %.2f,%.2f %.2f,%.2f", LEFT + PW, top + ph,
			  LEFT, top + ph);
		n = el(b, svg, "polygon", NULL);
		set(b, n, "class", pass == 0 ? "usable" : "load");
		set_sb(b, n, "points", sb);
	}
	for (int32_t col = 0; col < ncols; col++)
		if (sat[col])
			rect(b, svg, LEFT + col * colw, top + ph + 1,
			     colw < 1 ? 1 : colw, 4, "sat");
out:
	ro_free(cb);
	ro_free(cu);
	ro_free(sat);
}

/* Colour class of a utilisation: five bins, then saturated. */
static const char *heat_class(double u)
{
	static const char *const cls[5] = { "h1", "h2", "h3", "h4", "h5" };
	int k;

	if (u >= SATURATED)
		return "cell sat";
	k = (int)(u * 5);
	return cls[k < 0 ? 0 : k > 4 ? 4 : k];
}

static const char *const heat_legend[6] = {
	"below 20 %", "20-40 %", "40-60 %", "60-80 %", "80-99 %",
	"saturated (99 % or more)"
};

/* Links x time, one cell per column (bucket of slots) with bytes in it,
 * coloured by the highest utilisation of its slots. */
static void heatmap(struct b *b, xmlNodePtr parent, const struct rsched *s,
		    const size_t *order, size_t nshow)
{
	const double top = 8, rowh = 14;
	int32_t bucket = bucket_of(s->nslots);
	int32_t ncols = (s->nslots + bucket - 1) / bucket;
	double colw = PW / ncols, bottom = top + rowh * (double)nshow;
	char label[512];
	xmlNodePtr svg;

	snprintf(label, sizeof label, "utilisation heatmap of %zu links",
		 nshow);
	svg = svg_new(b, parent, SVG_W, bottom + 60, "heatmap", label);
	time_axis(b, svg, s->start, s->end, top, bottom);
	for (size_t r = 0; r < nshow; r++) {
		const struct rlink *lk = &s->links[order[r]];
		double y = top + rowh * (double)r;
		xmlNodePtr g;

		rect(b, svg, LEFT, y, PW, rowh - 1, "row");
		svg_text(b, svg, LEFT - 6, y + rowh - 3, "end", "row-label",
			 lk->id);
		g = el(b, svg, "g", NULL);
		set(b, g, "data-link", lk->id);
		for (int32_t col = 0; col < ncols; col++) {
			int64_t sum = 0;
			double u = 0;

			for (int32_t t = col * bucket;
			     t < (col + 1) * bucket && t < s->nslots; t++) {
				double v = lk->usable[t] > 0
					   ? (double)lk->bytes[t] /
					     (double)lk->usable[t]
					   : lk->bytes[t] > 0 ? INFINITY : 0;

				sum += lk->bytes[t];
				if (v > u)
					u = v;
			}
			if (sum > 0)
				rect(b, g, LEFT + col * colw, y, colw, rowh - 1,
				     heat_class(u));
		}
	}
	for (int i = 0; i < 6; i++) {
		double x = LEFT + i * 130.0;
		xmlNodePtr r = rect(b, svg, x, bottom + 30, 12, 12,
				    i == 5 ? "sat" : NULL);

		if (i < 5)
			setf(b, r, "class", "h%d", i + 1);
		svg_text(b, svg, x + 16, bottom + 40, NULL, "tick",
			 heat_legend[i]);
	}
}

/* Cumulative clients finished over time, one curve per schedule on a
 * shared time axis (the union of their horizons). */
static void cumulative_chart(struct b *b, xmlNodePtr parent,
			     const struct rsched *v, size_t n,
			     struct sbuf *sb)
{
	const double top = 12, ph = 220;
	ro_time t0 = v[0].start, t1 = v[0].end;
	double ymax = 1, span;
	double legend_top = top + ph + 30;
	char buf[512], a[32], c[32], w[128], when[64];
	xmlNodePtr svg;

	for (size_t i = 0; i < n; i++) {
		if (v[i].start < t0)
			t0 = v[i].start;
		if (v[i].end > t1)
			t1 = v[i].end;
		if ((double)(v[i].placed + v[i].unplaced) > ymax)
			ymax = (double)(v[i].placed + v[i].unplaced);
	}
	span = (double)(t1 - t0);
	svg = svg_new(b, parent, SVG_W, legend_top + 20.0 * (double)n + 4,
		      "cumulative-chart", "clients finished over time");
	time_axis(b, svg, t0, t1, top, top + ph);
	line(b, svg, LEFT, top + ph, LEFT + PW, top + ph, "axis");
	for (int i = 0; i <= 4; i++) {
		double val = ymax * i / 4, y = yscale(val, ymax, top, ph);

		line(b, svg, LEFT, y, LEFT + PW, y, i ? "hgrid" : "axis");
		svg_text(b, svg, LEFT - 6, y + 4, "end", "tick",
			 fmt_count((int64_t)llround(val), a, sizeof a));
	}
	svg_text(b, svg, 4, top + ph / 2, NULL, "tick", "clients finished");
	for (size_t i = 0; i < n; i++) {
		const struct rsched *s = &v[i];
		const char *colour = palette[i % 8];
		int64_t cum = 0;
		double x;
		xmlNodePtr pl, g;

		g = el(b, svg, "g", NULL);
		set(b, g, "data-schedule", sched_label(s));
		sb_printf(sb, "%.2f,%.2f", LEFT + PW * (double)(s->start - t0) /
			  span, yscale(0, ymax, top, ph));
		for (int32_t e = 0; e <= s->nslots; e++) {
			if (!s->finished[e])
				continue;
			x = LEFT + PW * (double)(s->start +
				(ro_time)e * s->slot_min - t0) / span;
			sb_printf(sb, " %.2f,%.2f", x,
				  yscale((double)cum, ymax, top, ph));
			cum += s->finished[e];
			sb_printf(sb, " %.2f,%.2f", x,
				  yscale((double)cum, ymax, top, ph));
		}
		sb_printf(sb, " %.2f,%.2f", LEFT + PW * (double)(s->end - t0) /
			  span, yscale((double)cum, ymax, top, ph));
		pl = el(b, g, "polyline", NULL);
		set(b, pl, "class", "cumulative");
		setf(b, pl, "style", "stroke:%s", colour);
		set_sb(b, pl, "points", sb);
		if (s->placed > 0) {
			xmlNodePtr dot = el(b, g, "circle", NULL);

			setf(b, dot, "cx", "%.2f", LEFT + PW *
			     (double)(s->makespan - t0) / span);
			setf(b, dot, "cy", "%.2f",
			     yscale((double)s->placed, ymax, top, ph));
			set(b, dot, "r", "4");
			set(b, dot, "class", "finish");
			setf(b, dot, "style", "fill:%s", colour);
		}
		/* the legend entry */
		line(b, g, LEFT, legend_top + 20.0 * (double)i - 4, LEFT + 30,
		     legend_top + 20.0 * (double)i - 4, "legend-line");
		setf(b, g->last, "style", "stroke:%s", colour);
		if (s->placed > 0)
			snprintf(w, sizeof w, ", the last finishing %s",
				 fmt_when(s->makespan, when, sizeof when));
		else
			snprintf(w, sizeof w, "; none placed");
		snprintf(buf, sizeof buf, "%s: %s of %s clients%s",
			 sched_label(s), fmt_count(s->placed, a, sizeof a),
			 fmt_count(s->placed + s->unplaced, c, sizeof c), w);
		svg_text(b, g, LEFT + 38, legend_top + 20.0 * (double)i, NULL,
			 "legend", buf);
	}
}

static double sim_ratio(const struct rsimlink *l)
{
	return l->peak_usable > 0 ? (double)l->peak_demand /
	       (double)l->peak_usable : 0;
}

struct busy {
	int64_t overload;
	double peak;
	int64_t total;
	size_t i;
};

/* Busiest first: most overload (an SMS 2.0 forecast's; 0 otherwise), then
 * highest peak utilisation (or demand ratio), then most bytes, then site
 * order (a total order, so the result does not depend on qsort). */
static int cmp_busy(const void *pa, const void *pb)
{
	const struct busy *a = pa, *b = pb;

	if (a->overload != b->overload)
		return a->overload > b->overload ? -1 : 1;
	if (a->peak != b->peak)
		return a->peak > b->peak ? -1 : 1;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Without a plan (simulation): per link the peak demand against the usable
 * capacity at that moment, beside the planned peak of the first schedule
 * that has the link. */
static void baseline_chart(struct b *b, xmlNodePtr parent,
			   const struct rsim *m, const struct rsched *v,
			   size_t nv, int max_links, xmlNodePtr note)
{
	const double top = 24, rowh = 26, left = LEFT, w = PW - 210;
	struct busy *bz = ro_calloc(m->nlinks ? m->nlinks : 1, sizeof *bz);
	size_t *order = ro_calloc(m->nlinks ? m->nlinks : 1, sizeof *order);
	size_t nshow = 0;
	double xmax = 1;
	char buf[512], a[64], c[96];
	xmlNodePtr svg;

	if (!order || !bz) {
		b->oom = 1;
		goto out;
	}
	for (size_t i = 0; i < m->nlinks; i++)
		if (m->links[i].peak_demand > 0) {
			bz[nshow].peak = sim_ratio(&m->links[i]);
			bz[nshow].total = m->links[i].peak_demand;
			bz[nshow++].i = i;
		}
	qsort(bz, nshow, sizeof *bz, cmp_busy);
	for (size_t i = 0; i < nshow; i++)
		order[i] = bz[i].i;
	if (nshow > (size_t)max_links) {
		snprintf(buf, sizeof buf, " The %d links with the highest "
			 "ratio of %zu with demand are shown.", max_links,
			 nshow);
		text(b, note, buf);
		nshow = (size_t)max_links;
	}
	for (size_t r = 0; r < nshow; r++)
		if (sim_ratio(&m->links[order[r]]) > xmax)
			xmax = sim_ratio(&m->links[order[r]]);
	svg = svg_new(b, parent, SVG_W, top + rowh * (double)nshow + 30,
		      "baseline-chart", "unplanned peak demand against capacity");
	svg_text(b, svg, left, 14, NULL, "tick", "peak demand / usable "
		 "capacity (1 = the link is full)");
	rect(b, svg, left + 330, 5, 12, 10, "demand");
	svg_text(b, svg, left + 346, 14, NULL, "tick", "without a plan");
	rect(b, svg, left + 450, 7, 12, 6, "planned");
	svg_text(b, svg, left + 466, 14, NULL, "tick", "with the plan");
	for (size_t r = 0; r < nshow; r++) {
		const struct rsimlink *l = &m->links[order[r]];
		double y = top + rowh * (double)r, ratio = sim_ratio(l);
		double planned = -1;
		xmlNodePtr g, bar;

		for (size_t i = 0; i < nv && planned < 0; i++)
			for (size_t k = 0; k < v[i].nlinks; k++)
				if (strcmp(v[i].links[k].id, l->id) == 0) {
					planned = v[i].links[k].peak;
					break;
				}
		g = el(b, svg, "g", NULL);
		set(b, g, "data-link", l->id);
		svg_text(b, g, left - 6, y + 12, "end", "row-label", l->id);
		bar = rect(b, g, left, y + 2, w * ratio / xmax, 12, "demand");
		setf(b, bar, "data-ratio", "%.4f", ratio);
		if (l->has_peak)
			snprintf(c, sizeof c, " at %s",
				 fmt_when(l->peak_at, a, sizeof a));
		else
			c[0] = '\0';
		snprintf(buf, sizeof buf, "%.2f x%s", ratio, c);
		svg_text(b, g, left + w * ratio / xmax + 4, y + 12, NULL,
			 "tick", buf);
		if (planned >= 0 && isfinite(planned)) {
			bar = rect(b, g, left, y + 16, w * planned / xmax, 6,
				   "planned");
			setf(b, bar, "data-ratio", "%.4f", planned);
		}
	}
	line(b, svg, left + w / xmax, top - 4, left + w / xmax,
	     top + rowh * (double)nshow, "capacity-line");
	svg_text(b, svg, left + w / xmax + 3, top + rowh * (double)nshow + 12,
		 NULL, "tick", "capacity");
out:
	ro_free(bz);
	ro_free(order);
}

/* ============================ sections ============================ */

static xmlNodePtr row(struct b *b, xmlNodePtr table, const char *key,
		      const char *value)
{
	xmlNodePtr tr = el(b, table, "tr", NULL);

	el(b, tr, "th", key);
	el(b, tr, "td", value);
	return tr;
}

/* The SMS 2.0 rows of the summary: the levers and what the forecast
 * makes of them. */
static void sms_summary(struct b *b, xmlNodePtr t, const struct rsched *s)
{
	char buf[256], x[64], y[64], z[RO_TIME_BUFSZ];
	const struct ract *rel = NULL;
	char w[64];

	snprintf(buf, sizeof buf, "SMS 2.0: the administrator's actions "
		 "below, and the forecast of what SMS does after them, to %s "
		 "(a week after the horizon)", ro_time_format(s->end, z));
	row(b, t, "control", buf);
	for (size_t i = 0; i < s->nacts && !rel; i++)
		if (strcmp(s->acts[i].what, "apply-service-pack") == 0)
			rel = &s->acts[i];
	if (rel)
		snprintf(buf, sizeof buf, "%s (%s)", ro_time_format(rel->at, z),
			 fmt_when(rel->at, w, sizeof w));
	row(b, t, "release", rel ? buf : "not released in this horizon");
	row(b, t, "early triggers", fmt_count(s->triggers, x, sizeof x));
	snprintf(buf, sizeof buf, "%s of the clients start after the "
		 "horizon", fmt_count(s->after_horizon, x, sizeof x));
	row(b, t, "after the horizon", buf);
	snprintf(buf, sizeof buf, "%s above the usable capacity of the "
		 "links, %s over dial-up lines",
		 fmt_mb(s->overload, x, sizeof x),
		 fmt_mb(s->ras_bytes, y, sizeof y));
	row(b, t, "overload", buf);
}

static void summary_table(struct b *b, xmlNodePtr parent,
			  const struct rsched *s)
{
	xmlNodePtr t = el(b, parent, "table", NULL);
	char buf[512], x[64], y[64], z[64];
	size_t o;

	set(b, t, "class", "summary");
	row(b, t, "site", s->site ? s->site : "");
	row(b, t, "scenario", s->scenario ? s->scenario
					  : "none (the base site)");
	row(b, t, "schedule file", s->path);
	ro_time_format(s->start, x);
	ro_time_format(s->sms20 ? s->hend : s->end, y);
	snprintf(buf, sizeof buf, "%s to %s, %" PRId32 " slot%s of %" PRId32
		 " minutes", x, y, s->sms20 ? s->hslots : s->nslots,
		 (s->sms20 ? s->hslots : s->nslots) == 1 ? "" : "s",
		 s->slot_min);
	row(b, t, "horizon", buf);
	if (s->sms20)
		sms_summary(b, t, s);
	snprintf(buf, sizeof buf, "%s of %s",
			     fmt_count(s->placed, x, sizeof x),
			     fmt_count(s->placed + s->unplaced, y, sizeof y));
	row(b, t, s->sms20 ? "clients upgraded" : "clients placed", buf);
	o = 0;
	buf[0] = '\0';
	for (int r = 1; r < NREASONS && o < sizeof buf; r++)
		if (s->by_reason[r])
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s %s",
					      o ? ", " : "",
					      fmt_count(s->by_reason[r], x,
							sizeof x),
					      ro_reason_name((enum ro_reason)r));
	row(b, t, s->sms20 ? "not upgraded" : "unplaced", o ? buf : "none");
	if (s->placed > 0) {
		snprintf(buf, sizeof buf, "%s (%" PRId32 " slot%s), the last "
			 "client finishing %s (%s)",
			 fmt_duration((int64_t)s->makespan_slots * s->slot_min,
				      x, sizeof x), s->makespan_slots,
			 s->makespan_slots == 1 ? "" : "s",
			 ro_time_format(s->makespan, y),
			 fmt_when(s->makespan, z, sizeof z));
		row(b, t, "makespan", buf);
	}
	snprintf(buf, sizeof buf, "%s (objective %s)",
		 s->status ? s->status : "", s->objective ? s->objective : "");
	row(b, t, "solver status", buf);
	for (int i = 0; i < s->nstages; i++) {
		const struct rstage *st = &s->stages[i];

		if (st->bound && st->has_gap)
			snprintf(buf, sizeof buf, "%s (bound %s, gap %.2f %%)",
				 st->value ? st->value : "", st->bound,
				 100 * st->gap);
		else
			snprintf(buf, sizeof buf, "%s",
				 st->value ? st->value : "");
		snprintf(x, sizeof x, "stage %s", st->name);
		row(b, t, x, buf);
	}
	if (s->peak) {
		snprintf(buf, sizeof buf, "%.1f %% (of the usable capacity, "
			 "highest over links and slots)",
			 100 * strtod(s->peak, NULL));
		row(b, t, "peak utilisation", buf);
	}
}

/* A table of class cls under parent with a header row of the n heads. */
static xmlNodePtr table_head(struct b *b, xmlNodePtr parent, const char *cls,
			     const char *const *heads, size_t n)
{
	xmlNodePtr t = el(b, parent, "table", NULL);
	xmlNodePtr tr;

	set(b, t, "class", cls);
	tr = el(b, t, "tr", NULL);
	for (size_t i = 0; i < n; i++)
		el(b, tr, "th", heads[i]);
	return t;
}

static void actions_table(struct b *b, xmlNodePtr parent,
			  const struct rsched *s)
{
	static const char *const heads[] = {
		"day", "advertisements", "logon scripts", "pushes",
	};
	xmlNodePtr t, tr;
	char buf[256], x[32], y[32], day[RO_TIME_BUFSZ];

	if (!s->ndays) {
		el(b, parent, "p", "No actions: the plan needs nothing from "
		   "the administrator.");
		return;
	}
	t = table_head(b, parent, "actions", heads, 4);
	for (size_t i = 0; i < s->ndays; i++) {
		const struct rday *dy = &s->days[i];
		size_t o = 0;

		tr = el(b, t, "tr", NULL);
		elf(b, tr, "td", "%s %s", ro_dow_name(ro_time_dow(dy->day)),
		    ro_date_format(dy->day, day));
		buf[0] = '\0';
		if (dy->expire)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "expire");
		if (dy->reenable)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "%sre-enable", o ? ", " : "");
		el(b, tr, "td", buf);
		o = 0;
		buf[0] = '\0';
		if (dy->disable)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "disable");
		if (dy->enable_all)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "%senable for all", o ? ", " : "");
		if (dy->cohorts)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "%senable for %s client%s", o ? ", "
					      : "", fmt_count(dy->logon_clients,
							      x, sizeof x),
					      dy->logon_clients == 1 ? "" : "s");
		el(b, tr, "td", buf);
		buf[0] = '\0';
		if (dy->pushes)
			snprintf(buf, sizeof buf, "%s client%s in %s push%s",
				 fmt_count(dy->push_clients, x, sizeof x),
				 dy->push_clients == 1 ? "" : "s",
				 fmt_count(dy->pushes, y, sizeof y),
				 dy->pushes == 1 ? "" : "es");
		el(b, tr, "td", buf);
	}
}

/* SMS 2.0: per link the forecast's peak and overload, busiest first
 * (order), every link. */
static void overload_table(struct b *b, xmlNodePtr parent,
			   const struct rsched *s, const size_t *order)
{
	static const char *const heads[] = {
		"link", "peak", "overload", "bytes",
	};
	xmlNodePtr t = table_head(b, parent, "overload", heads, 4), tr;
	char x[64];

	for (size_t i = 0; i < s->nlinks; i++) {
		const struct rlink *lk = &s->links[order[i]];

		tr = el(b, t, "tr", NULL);
		el(b, tr, "td", lk->id);
		el(b, tr, "td", fmt_pct(lk->peak, x, sizeof x));
		el(b, tr, "td", fmt_mb(lk->overload, x, sizeof x));
		el(b, tr, "td", fmt_mb(lk->total, x, sizeof x));
	}
}

/* SMS 2.0: the actions in time order, the release among them. */
static void timeline_table(struct b *b, xmlNodePtr parent,
			   const struct rsched *s)
{
	static const char *const heads[] = { "when", "action", "what" };
	xmlNodePtr t, tr;
	char when[64];

	if (!s->nacts) {
		el(b, parent, "p", "No actions: the site is not released in "
		   "this horizon.");
		return;
	}
	t = table_head(b, parent, "timeline", heads, 3);
	for (size_t i = 0; i < s->nacts; i++) {
		const struct ract *a = &s->acts[i];

		tr = el(b, t, "tr", NULL);
		el(b, tr, "td", fmt_when(a->at, when, sizeof when));
		el(b, tr, "td", a->what);
		el(b, tr, "td", a->detail);
	}
}

/* SMS 2.0: the clients upgraded, by what starts their copy. */
static void cause_table(struct b *b, xmlNodePtr parent,
			const struct rsched *s)
{
	static const char *const help[NCAUSES] = {
		"",
		"a CCIM maintenance cycle (every 23 hours) while on",
		"a missed CCIM cycle caught up at power-up (NT)",
		"a missed CCIM cycle caught up at logon (Windows 9x)",
		"the administrator's early trigger",
		"the logon script, enabled for the user's group",
	};
	static const char *const heads[] = {
		"cause", "clients", "what starts the copy",
	};
	xmlNodePtr t = table_head(b, parent, "causes", heads, 3), tr;
	char x[32];

	for (int k = 1; k < NCAUSES; k++) {
		if (!s->by_cause[k])
			continue;
		tr = el(b, t, "tr", NULL);
		el(b, el(b, tr, "td", NULL), "code",
		   ro_cause_name((enum ro_cause)k));
		el(b, tr, "td", fmt_count(s->by_cause[k], x, sizeof x));
		el(b, tr, "td", help[k]);
	}
}

static void unplaced_table(struct b *b, xmlNodePtr parent,
			   const struct rsched *s)
{
	xmlNodePtr t, tr, ul;
	char x[32];

	if (!s->unplaced) {
		el(b, parent, "p", s->sms20 ? "The forecast upgrades every "
		   "client." : "Every client is placed.");
		return;
	}
	ul = el(b, parent, "ul", NULL);
	set(b, ul, "class", "reasons");
	for (int r = 1; r < NREASONS; r++)
		if (s->by_reason[r]) {
			xmlNodePtr li = el(b, ul, "li", NULL);

			el(b, li, "code", ro_reason_name((enum ro_reason)r));
			text(b, li, " (");
			text(b, li, fmt_count(s->by_reason[r], x, sizeof x));
			text(b, li, "): ");
			text(b, li, reason_help[r]);
		}
	t = el(b, parent, "table", NULL);
	set(b, t, "class", "unplaced");
	tr = el(b, t, "tr", NULL);
	el(b, tr, "th", "client");
	el(b, tr, "th", "reason");
	for (size_t i = 0; i < s->nup; i++) {
		tr = el(b, t, "tr", NULL);
		el(b, tr, "td", s->up[i].id);
		el(b, tr, "td", ro_reason_name((enum ro_reason)s->up[i].reason));
	}
	if (s->unplaced > (int64_t)s->nup)
		elf(b, parent, "p", "... and %s more unplaced clients, not "
		    "listed (the first %zu are).",
		    fmt_count(s->unplaced - (int64_t)s->nup, x, sizeof x),
		    s->nup);
}

static void schedule_section(struct b *b, xmlNodePtr body,
			     const struct rsched *s, size_t index, size_t n,
			     int max_links, struct sbuf *sb)
{
	xmlNodePtr sec = el(b, body, "section", NULL), p;
	struct busy *bz = ro_calloc(s->nlinks ? s->nlinks : 1, sizeof *bz);
	size_t *order = ro_calloc(s->nlinks ? s->nlinks : 1, sizeof *order);
	size_t nshow = s->nlinks;
	char buf[512];

	if (!bz || !order) {
		b->oom = 1;
		goto out;
	}
	setf(b, sec, "id", "schedule-%zu", index + 1);
	set(b, sec, "class", "schedule");
	elf(b, sec, "h2", "%s: %s", s->site ? s->site : "",
	    s->scenario ? s->scenario : "base site");
	if (n > 1)   /* else the overview has shown it */
		summary_table(b, sec, s);

	for (size_t i = 0; i < s->nlinks; i++) {
		bz[i].overload = s->links[i].overload;
		bz[i].peak = s->links[i].peak;
		bz[i].total = s->links[i].total;
		bz[i].i = i;
	}
	qsort(bz, s->nlinks, sizeof *bz, cmp_busy);
	for (size_t i = 0; i < s->nlinks; i++)
		order[i] = bz[i].i;
	if (nshow > (size_t)max_links)
		nshow = (size_t)max_links;

	if (s->sms20) {
		el(b, sec, "h3", "Load and overload per link");
		el(b, sec, "p", "The forecast's highest bytes over the usable "
		   "capacity of each link in a slot (past 100 % where the "
		   "links are overloaded) and the bytes above it, over the "
		   "forecast's slots; busiest link first.");
		overload_table(b, sec, s, order);
	}
	el(b, sec, "h3", "Link utilisation");
	p = el(b, sec, "p", NULL);
	snprintf(buf, sizeof buf, "Planned bytes over the usable capacity of "
		 "each link, per time column (%" PRId32 " min), busiest "
		 "link first.", bucket_of(s->nslots) * s->slot_min);
	text(b, p, buf);
	if (nshow < s->nlinks) {
		snprintf(buf, sizeof buf, " The %zu busiest of %zu links are "
			 "shown.", nshow, s->nlinks);
		text(b, p, buf);
	}
	text(b, p, " A cell is the highest utilisation of its slots; shaded "
	     "columns are weekends.");
	heatmap(b, sec, s, order, nshow);

	el(b, sec, "h3", "Load against capacity, per link");
	el(b, sec, "p", "Grey: the usable capacity (what background load and "
	   "the share leave). Blue: the bytes planned. Red marks under the "
	   "axis: saturated slots (99 % or more).");
	for (size_t i = 0; i < nshow; i++)
		load_chart(b, sec, s, &s->links[order[i]], sb);

	if (s->sms20) {
		el(b, sec, "h3", "Actions");
		timeline_table(b, sec, s);
		el(b, sec, "h3", "Clients by cause");
		cause_table(b, sec, s);
		el(b, sec, "h3", "Clients not upgraded");
	} else {
		el(b, sec, "h3", "Actions by day");
		actions_table(b, sec, s);
		el(b, sec, "h3", "Unplaced clients");
	}
	unplaced_table(b, sec, s);
out:
	ro_free(bz);
	ro_free(order);
}

static void comparison_table(struct b *b, xmlNodePtr parent,
			     const struct rsched *v, size_t n)
{
	static const char *const head[] = {
		"schedule", "site", "status", "placed", "unplaced", "makespan",
		"last client finishes", "peak utilisation"
	};
	xmlNodePtr t = el(b, parent, "table", NULL), tr, td, a;
	char x[64], ref[32];

	set(b, t, "class", "compare");
	tr = el(b, t, "tr", NULL);
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		el(b, tr, "th", head[i]);
	for (size_t i = 0; i < n; i++) {
		const struct rsched *s = &v[i];

		tr = el(b, t, "tr", NULL);
		td = el(b, tr, "td", NULL);
		a = el(b, td, "a", sched_label(s));
		snprintf(ref, sizeof ref, "#schedule-%zu", i + 1);
		set(b, a, "href", ref);
		el(b, tr, "td", s->site ? s->site : "");
		el(b, tr, "td", s->status ? s->status : "");
		el(b, tr, "td", fmt_count(s->placed, x, sizeof x));
		el(b, tr, "td", fmt_count(s->unplaced, x, sizeof x));
		el(b, tr, "td", s->placed ? fmt_duration((int64_t)
			s->makespan_slots * s->slot_min, x, sizeof x) : "-");
		el(b, tr, "td", s->placed ? fmt_when(s->makespan, x, sizeof x)
					  : "-");
		snprintf(x, sizeof x, "%.1f %%",
			 s->peak ? 100 * strtod(s->peak, NULL) : 0.0);
		el(b, tr, "td", x);
	}
}

/* Only characters that read the same in XML and in an HTML <style> (no
 * '<', '>' or '&'), so that the serialiser has nothing to escape. */
static const char css[] =
	"body { font: 14px/1.4 sans-serif; color: #222; margin: 24px; "
	"max-width: 1000px; }\n"
	"h1 { font-size: 22px; } h2 { font-size: 18px; border-top: 2px solid "
	"#ccc; padding-top: 12px; margin-top: 32px; } h3 { font-size: 15px; "
	"margin-top: 20px; }\n"
	"table { border-collapse: collapse; margin: 8px 0; }\n"
	"th, td { text-align: left; padding: 2px 10px 2px 0; "
	"vertical-align: top; }\n"
	"table.compare td, table.actions td, table.unplaced td, "
	"table.compare th, table.actions th, table.unplaced th, "
	"table.overload td, table.timeline td, table.causes td, "
	"table.overload th, table.timeline th, table.causes th { "
	"border-bottom: 1px solid #e4e4e4; padding-right: 18px; }\n"
	"table.summary th { font-weight: normal; color: #666; }\n"
	"svg { display: block; margin: 4px 0 10px 0; }\n"
	"svg text { font: 11px sans-serif; fill: #333; }\n"
	"svg text.chart-title { font-weight: bold; font-size: 12px; }\n"
	"svg text.legend { font-size: 13px; }\n"
	".weekend { fill: #f6f1e4; }\n"
	".grid { stroke: #ddd; stroke-width: 1; }\n"
	".hgrid { stroke: #eee; stroke-width: 1; }\n"
	".axis { stroke: #888; stroke-width: 1; }\n"
	".usable { fill: #d4d4d4; fill-opacity: 0.6; stroke: #8c8c8c; "
	"stroke-width: 1; }\n"
	".load { fill: #3182bd; fill-opacity: 0.6; stroke: #08519c; "
	"stroke-width: 1; }\n"
	".sat { fill: #e4002b; }\n"
	".row { fill: #ececec; fill-opacity: 0.5; }\n"
	".h1 { fill: #deebf7; } .h2 { fill: #9ecae1; } .h3 { fill: #6baed6; } "
	".h4 { fill: #3182bd; } .h5 { fill: #08519c; }\n"
	".cumulative { fill: none; stroke-width: 2.2; }\n"
	".legend-line { stroke-width: 3; }\n"
	".finish { stroke: #fff; stroke-width: 1; }\n"
	".demand { fill: #d55e00; } .planned { fill: #0072b2; }\n"
	".capacity-line { stroke: #e4002b; stroke-width: 1.5; "
	"stroke-dasharray: 4 3; }\n"
	".note { color: #666; }\n"
	"code { background: #f2f2f2; padding: 0 3px; }\n";

static int build(const struct rsched *v, size_t n, const struct rsim *m,
		 const struct ro_report_opts *o, xmlDocPtr *out)
{
	struct b b = { NULL, 0 };
	struct sbuf sb = { NULL, 0, 0, 0 };
	xmlNodePtr html, head, body, p, sec;
	xmlNsPtr ns;
	char buf[512], x[32];

	b.doc = xmlNewDoc(BAD_CAST "1.0");
	html = b.doc ? xmlNewDocNode(b.doc, NULL, BAD_CAST "html", NULL) : NULL;
	if (!html) {
		xmlFreeDoc(b.doc);
		return RO_ENOMEM;
	}
	xmlDocSetRootElement(b.doc, html);
	ns = xmlNewNs(html, BAD_CAST XHTML_NS, NULL);
	if (!ns)
		b.oom = 1;
	xmlSetNs(html, ns);
	set(&b, html, "lang", "en");
	head = el(&b, html, "head", NULL);
	if (n == 1)
		snprintf(buf, sizeof buf, "rollout report: %s%s%s",
			 v[0].site ? v[0].site : "", v[0].scenario ? ", " : "",
			 v[0].scenario ? v[0].scenario : "");
	else
		snprintf(buf, sizeof buf, "rollout report: %s, %zu schedules",
			 v[0].site ? v[0].site : "", n);
	el(&b, head, "title", buf);
	el(&b, head, "style", css);
	body = el(&b, html, "body", NULL);
	el(&b, body, "h1", buf);
	p = el(&b, body, "p", NULL);
	set(&b, p, "class", "note");
	text(&b, p, "Written by rollout " RO_VERSION " from ");
	for (size_t i = 0; i < n; i++) {
		if (i)
			text(&b, p, i + 1 == n ? " and " : ", ");
		el(&b, p, "code", v[i].path);
	}
	if (m) {
		text(&b, p, ", with the simulation ");
		el(&b, p, "code", m->path);
	}
	text(&b, p, ".");

	sec = el(&b, body, "section", NULL);
	set(&b, sec, "id", "overview");
	el(&b, sec, "h2", "Overview");
	if (n > 1)
		comparison_table(&b, sec, v, n);
	else
		summary_table(&b, sec, &v[0]);
	el(&b, sec, "h3", "Clients finished over time");
	el(&b, sec, "p", n > 1 ? "One curve per schedule on one time axis; a "
	   "dot marks the last client. Shaded columns are weekends."
	   : "The dot marks the last client. Shaded columns are weekends.");
	cumulative_chart(&b, sec, v, n, &sb);

	if (m) {
		sec = el(&b, body, "section", NULL);
		set(&b, sec, "id", "baseline");
		el(&b, sec, "h2", "Without a plan");
		p = el(&b, sec, "p", NULL);
		snprintf(buf, sizeof buf, "From the simulation of %s%s%s "
			 "(clients starting: %s): %s of its links carry more "
			 "than they can at their peak. Orange: the peak demand "
			 "over the usable capacity at that moment, when every "
			 "client starts at its first chance; blue: the highest "
			 "utilisation the plan reaches on the link. The dashed "
			 "line is the capacity.",
			 m->site ? m->site : "", m->scenario ? ", scenario " : "",
			 m->scenario ? m->scenario : "",
			 m->starts ? m->starts : "",
			 fmt_count(m->overloaded, x, sizeof x));
		text(&b, p, buf);
		baseline_chart(&b, sec, m, v, n, o->max_links, p);
	}

	for (size_t i = 0; i < n; i++)
		schedule_section(&b, body, &v[i], i, n, o->max_links, &sb);
	ro_free(sb.p);
	if (b.oom || sb.oom) {
		xmlFreeDoc(b.doc);
		return RO_ENOMEM;
	}
	*out = b.doc;
	return RO_OK;
}

/* ============================ public ============================ */

void ro_report_opts_init(struct ro_report_opts *o)
{
	if (!o)
		return;
	memset(o, 0, sizeof *o);
	o->max_links = RO_REPORT_MAX_LINKS;
	o->max_unplaced = RO_REPORT_MAX_UNPLACED;
}

int ro_report_build(const char *const *paths, size_t n,
		    const struct ro_report_opts *o, xmlDocPtr *out,
		    struct ro_diag *d)
{
	struct ro_report_opts def;
	struct rsched *v;
	struct rsim sim;
	int rc = RO_OK;

	if (out)
		*out = NULL;
	if (!paths || !out || !d || n < 1 || n > RO_REPORT_MAX_SCHEDULES) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot build the report: give "
				    "1 to %d schedules",
				    RO_REPORT_MAX_SCHEDULES);
		return RO_EARG;
	}
	for (size_t i = 0; i < n; i++)
		if (!paths[i]) {
			ro_diag_add(d, NULL, 0, "cannot build the report: "
				    "schedule %zu has no path", i + 1);
			return RO_EARG;
		}
	if (!o) {
		ro_report_opts_init(&def);
		o = &def;
	}
	if (o->max_links < 1 || o->max_unplaced < 0) {
		ro_diag_add(d, NULL, 0, "cannot build the report: max_links "
			    "must be at least 1 and max_unplaced at least 0");
		return RO_EARG;
	}
	v = ro_calloc(n, sizeof *v);
	if (!v)
		return RO_ENOMEM;
	memset(&sim, 0, sizeof sim);
	ro_xml_init();
	/* read them all, so that every file's errors are reported at once */
	for (size_t i = 0; i < n; i++) {
		int r = read_schedule(paths[i], o->max_unplaced, &v[i], d);

		if (r != RO_OK && (rc == RO_OK || r == RO_ENOMEM))
			rc = r;
	}
	if (o->baseline) {
		int r = read_simulation(o->baseline, &sim, d);

		if (r != RO_OK && (rc == RO_OK || r == RO_ENOMEM))
			rc = r;
	}
	if (rc == RO_OK)
		rc = build(v, n, o->baseline ? &sim : NULL, o, out);
	for (size_t i = 0; i < n; i++)
		sched_release(&v[i]);
	ro_free(v);
	sim_release(&sim);
	return rc;
}

int ro_report_serialise(xmlDocPtr doc, char **buf, size_t *len)
{
	static const char doctype[] = "<!DOCTYPE html>\n";
	xmlBufferPtr xb;
	xmlSaveCtxtPtr ctx;
	int rc = RO_ENOMEM;
	size_t n;

	if (!doc || !buf || !len)
		return RO_EARG;
	*buf = NULL;
	*len = 0;
	xb = xmlBufferCreate();
	if (!xb)
		return RO_ENOMEM;
	/* XHTML rules (no <div/>, a charset meta) are applied only to a
	 * document without a DTD node, so the doctype is written here */
	ctx = xmlSaveToBuffer(xb, "UTF-8", XML_SAVE_XHTML | XML_SAVE_NO_DECL |
			      XML_SAVE_FORMAT);
	if (!ctx)
		goto out_free_buffer;
	if (xmlSaveDoc(ctx, doc) < 0) {
		xmlSaveClose(ctx);
		goto out_free_buffer;
	}
	if (xmlSaveClose(ctx) < 0)
		goto out_free_buffer;
	n = (size_t)xmlBufferLength(xb);
	*buf = ro_malloc(sizeof doctype - 1 + n + 1);
	if (!*buf)
		goto out_free_buffer;
	memcpy(*buf, doctype, sizeof doctype - 1);
	memcpy(*buf + sizeof doctype - 1, xmlBufferContent(xb), n);
	*len = sizeof doctype - 1 + n;
	(*buf)[*len] = '\0';
	rc = RO_OK;
out_free_buffer:
	xmlBufferFree(xb);
	return rc;
}

int ro_report_write(const char *const *paths, size_t n,
		    const struct ro_report_opts *o, const char *path,
		    struct ro_diag *d)
{
	xmlDocPtr doc = NULL;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (!path) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the report: no "
				    "output path");
		return RO_EARG;
	}
	rc = ro_report_build(paths, n, o, &doc, d);
	if (rc != RO_OK)
		return rc;
	rc = ro_report_serialise(doc, &buf, &len);
	xmlFreeDoc(doc);
	if (rc == RO_OK)
		rc = ro_write_file_atomic(path, buf, len, d);
	ro_free(buf);
	return rc;
}
