/*
 * report_read.c - the schedules and the simulation a report is made of.
 *
 * Each file is parsed with the safe parser, validated against its schema
 * and boiled down to what the page shows (completions per slot, the
 * unplaced clients, the actions, bytes and usable capacity per link and
 * slot); the document is freed before the next file is read, so that the
 * memory held does not grow with the clients.
 */
#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "../model/plan.h"
#include "../model/rtime.h"
#include "../model/site.h"
#include "report_priv.h"
#include "xmlsafe.h"

/* Reading state for one file. */
struct rd {
	const char *file;
	struct ro_diag *d;
	int nerr;
	int oom;
	int max_unplaced;
};

void ro_rp_sched_release(struct rsched *s)
{
	if (!s)
		return;
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

void ro_rp_sim_release(struct rsim *m)
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

/* The slot of a time on the grid of s: -1 (with a message) when it is not
 * a slot boundary in 0 .. max. */
static int32_t slot_of(struct rd *r, const struct rsched *s, xmlNodePtr n,
		       const char *name, ro_time t, int32_t max)
{
	ro_time off = t - s->start;

	assert(s->slot_min > 0);   /* time_axis_of has checked the grid */
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
			if (s->head.sms20) {
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
		snprintf(buf, sizeof buf, "the release: every CAP has the "
			 "files at %s", (b = attr(n, "ready")) ? b : "?");
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

		snprintf(buf, sizeof buf, "%s %s",
			 ro_rp_fmt_count(k, x, sizeof x),
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
		if (s->head.sms20) {
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
				dy->logon_clients +=
					count_children(n, "client");
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
				 "%s (0 to %" PRId32 ")", t, s->head.sms20
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
		if (is(c, "link")) {
			assert(s->nlinks < n);   /* counted above */
			read_link(r, s, &s->links[s->nlinks++], c);
		}
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

/* Frees the document read into r and says how the reading went. */
static int rd_finish(struct rd *r, xmlDocPtr doc, const char *what)
{
	xmlFreeDoc(doc);
	if (r->oom) {
		ro_diag_add(r->d, r->file, 0, "cannot read the %s: out of "
			    "memory", what);
		return RO_ENOMEM;
	}
	return r->nerr ? RO_EINVAL : RO_OK;
}

/* The time axis of s from its header: the horizon's slots, and for an
 * SMS 2.0 schedule the forecast's week after it.  False (with a message)
 * when the header does not describe a slot grid rollout could write. */
static bool time_axis_of(struct rd *r, struct rsched *s, xmlNodePtr root)
{
	const struct ro_schedule_head *h = &s->head;

	/* ro_schedule_read_head has checked both ranges; 0 is absent, which
	 * the schema does not allow */
	if (h->slot_min <= 0 || h->slots <= 0) {
		rd_error(r, root, "no slot grid in the header; give the "
			 "schedule rollout wrote");
		return false;
	}
	assert(h->slot_min <= RO_MAX_HORIZON_MIN && h->slots <= RO_MAX_SLOTS);
	s->start = h->start;
	s->end = h->end;
	s->slot_min = (int32_t)h->slot_min;
	s->nslots = (int32_t)h->slots;
	/* the last slot ends at or before the horizon end: a partial slot
	 * at the end is dropped (docs/site-format.md, "horizon") */
	if (s->end - s->start < (ro_time)s->nslots * s->slot_min ||
	    s->end - s->start >= (ro_time)(s->nslots + 1) * s->slot_min) {
		rd_error(r, root, "the horizon does not hold %" PRId32 " slots "
			 "of %" PRId32 " minutes; give the schedule rollout "
			 "wrote", s->nslots, s->slot_min);
		return false;
	}
	s->hslots = s->nslots;
	s->hend = s->end;
	if (h->sms20) {
		/* the forecast runs to a week after the horizon end (the
		 * Monday-morning catch-up after a weekend horizon): so does
		 * the report's time axis */
		int64_t w = (RO_WEEK_MIN + s->slot_min - 1) / s->slot_min;

		if (s->nslots + w > RO_MAX_SLOTS) {
			rd_error(r, root, "the forecast's %" PRId64 " slots "
				 "are more than %d", s->nslots + w,
				 RO_MAX_SLOTS);
			return false;
		}
		s->nslots += (int32_t)w;
		s->end = s->start + (ro_time)s->nslots * s->slot_min;
	}
	return true;
}

int ro_rp_read_schedule(const char *path, int max_unplaced,
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
	/* the header through the one reader of headers; the document is
	 * valid, so it has one, at the top */
	rc = ro_schedule_read_head(path, &s->head, d);
	if (rc != RO_OK) {
		xmlFreeDoc(doc);
		return rc;
	}
	if (!time_axis_of(&r, s, root))
		goto out;
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
	return rd_finish(&r, doc, "schedule");
}

int ro_rp_read_simulation(const char *path, struct rsim *m,
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
	return rd_finish(&r, doc, "simulation");
}
